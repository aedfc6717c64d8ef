// The kustomize side of builds without running kustomize: reading kustomizations, the build plan
// over real trees (which files are patches, which kustomizations are roots), and the direct build.
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { diskTree } from '../../../server/src/build/diskTree';
import { parseKustomization } from '../../../server/src/engine/build/kustomization';
import { liteKustomize } from '../../../server/src/engine/build/liteKustomize';
import { planKustomize } from '../../../server/src/engine/build/tree';
import { Analyzer } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import { RULES } from '../../../server/src/rules';
import { chartsAndOverlaysDir, projectRoot, yamlFiles } from '../../helpers/paths';
import { dedent } from '../../helpers/dedent';

const TREES = chartsAndOverlaysDir();
const SHOP = join(projectRoot(), 'test', 'fixtures', 'build', 'shop');
const kustomizationsUnder = (dir: string): string[] => [...yamlFiles(dir)].filter((file) => /(^|\/)kustomization\.ya?ml$/.test(file));

describe('parseKustomization', () => {
  it('reads every field a build depends on, with where each entry is written', () => {
    const text = dedent`
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      namespace: production
      namePrefix: prod-
      resources:
        - ../../base
        - pdb.yaml
      bases: [../legacy]
      components: [../../components/tracing]
      patches:
        - path: scale.yaml
        - target: {kind: Deployment, name: web}
          patch: |-
            - op: replace
              path: /spec/replicas
              value: 4
      patchesStrategicMerge:
        - memory.yaml
      patchesJson6902:
        - target: {group: apps, version: v1, kind: Deployment, name: web}
          path: ops.yaml
      images:
        - name: shop/web
          newTag: "1.4.2"
      replicas:
        - name: web
          count: 3
      configMapGenerator:
        - name: web-config
      transformers: [labels.yaml]
    `;
    const k = parseKustomization(text)!;
    assert.equal(k.kind, 'Kustomization');
    assert.equal(k.namespace?.value, 'production');
    assert.equal(text.slice(...k.namespace!.span), 'production');
    assert.equal(k.namePrefix?.value, 'prod-');
    assert.deepEqual(k.resources.map((e) => e.value), ['../../base', 'pdb.yaml', '../legacy']);
    assert.deepEqual(k.components.map((e) => e.value), ['../../components/tracing']);
    assert.deepEqual(
      k.patches.map((p) => [p.path, p.inline !== undefined, p.json6902, p.target?.name]),
      [
        ['scale.yaml', false, false, undefined],
        [undefined, true, true, 'web'],
        ['memory.yaml', false, false, undefined],
        ['ops.yaml', false, true, 'web'],
      ],
    );
    // An inline patch's text starts on the line after `patch: |-`.
    const inline = k.patches[1].inline!;
    assert.equal(text[inline.offset - 1], '\n');
    assert.match(text.slice(inline.offset), /^ +- op: replace\n/);
    assert.deepEqual(k.images.map((e) => e.value), [{ name: 'shop/web', newName: undefined, newTag: '1.4.2', digest: undefined }]);
    assert.match(text.slice(...k.images[0].span), /^name: shop\/web/);
    assert.deepEqual(k.replicas.map((e) => e.value), [{ name: 'web', count: 3 }]);
    assert.deepEqual(k.generated.map((e) => e.value), [{ kind: 'ConfigMap', name: 'web-config' }]);
    assert.deepEqual(k.configFiles.map((e) => e.value), ['labels.yaml']);
  });

  it('is undefined for text that is not a mapping', () => {
    assert.equal(parseKustomization('- a\n- b\n'), undefined);
  });
});

describe('planKustomize on real trees', () => {
  it('podinfo/deploy: the three overlays are the roots; the bases are resources of all three', () => {
    const dir = join(TREES, 'podinfo', 'deploy');
    const plan = planKustomize(kustomizationsUnder(dir), diskTree());
    assert.deepEqual(plan.roots.map((root) => relative(dir, root)), ['overlays/dev', 'overlays/production', 'overlays/staging']);
    const deployment = join(dir, 'bases', 'backend', 'deployment.yaml');
    assert.equal(plan.roles.get(deployment), 'resource');
    assert.deepEqual(plan.rootsOf.get(deployment)?.map((root) => relative(dir, root)), ['overlays/dev', 'overlays/production', 'overlays/staging']);
    // labels.yaml configures a transformer: it is not an object to check.
    assert.equal(plan.roles.get(join(dir, 'overlays', 'production', 'labels.yaml')), 'config');
  });

  it('microservices-demo: patch files are patches wherever they are, components are not roots', () => {
    const dir = join(TREES, 'microservices-demo', 'kustomize');
    const plan = planKustomize(kustomizationsUnder(dir), diskTree());
    assert.deepEqual(plan.roots.map((root) => relative(dir, root)), [
      '',
      'tests/memorystore-with-all-components',
      'tests/service-mesh-istio-with-all-components',
      'tests/spanner-with-all-components',
    ]);
    assert.equal(plan.roles.get(join(dir, 'components', 'without-loadgenerator', 'delete-loadgenerator.patch.yaml')), 'patch');
    assert.equal(plan.roles.get(join(dir, 'components', 'network-policies', 'network-policy-frontend.yaml')), 'resource');
  });
});

describe('a patch file read on its own', () => {
  const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES, {}) });

  it('a $patch: delete document is no object', () => {
    const analysis = analyzer.analyze(dedent`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: loadgenerator
      $patch: delete
    `);
    assert.deepEqual(analysis.findings, []);
    assert.equal(analysis.documents[0].object, undefined);
  });
});

describe('liteKustomize: a build without kustomize', () => {
  it('applies namespace and images (innermost first), leaves patches unapplied', () => {
    const dir = SHOP;
    const tree = diskTree();
    const plan = planKustomize(kustomizationsUnder(dir), tree);
    const staging = plan.roots.find((root) => root.endsWith(join('overlays', 'staging')))!;
    const objects = liteKustomize(plan, staging, tree);
    assert.deepEqual(objects.map((o) => relative(dir, o.originFile!)), ['base/deployment.yaml', 'base/service.yaml']);
    const deployment = parseAllDocuments(objects[0].text)[0].toJS() as {
      metadata: { namespace: string };
      spec: { replicas?: number; template: { spec: { containers: Array<{ image: string }> } } };
    };
    assert.equal(deployment.metadata.namespace, 'shop-staging');
    assert.equal(deployment.spec.template.spec.containers[0].image, 'registry.example.com/shop/web:latest');
    // replicas: 1 is the patch's; without kustomize it is not applied.
    assert.equal(deployment.spec.replicas, undefined);
  });
});
