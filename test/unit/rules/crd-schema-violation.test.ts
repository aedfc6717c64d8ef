import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import rule from '../../../server/src/rules/api-versions/crd-schema-violation';
import { corpusDir, yamlFiles } from '../../helpers/paths';
import { widgetCrd } from '../../helpers/crdFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

/** The Widget CRD with a spec of every kind of field; `specProperties` adds more. */
const crd = (...specProperties: string[]): string =>
  widgetCrd(
    [
      'size: {type: integer, description: "How many gears the widget turns. Defaults to 1."}',
      'color: {type: string, enum: [red, blue]}',
      'port: {x-kubernetes-int-or-string: true}',
      'extra: {type: object, x-kubernetes-preserve-unknown-fields: true}',
      'tags: {type: array, items: {type: string, nullable: true}}',
      ...specProperties,
    ],
    ['size'],
  );

const widget = (...spec: string[]): string => yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w, namespace: shop}', 'spec:', ...spec);

workspaceRuleTester(rule, {
  valid: [
    { name: 'a custom resource its CRD accepts: int-or-string, preserved unknown fields, nullable list items', files: { 'crd.yaml': crd(), 'widget.yaml': widget('  size: 3', '  color: red', '  port: http', '  extra: {anything: [1, 2]}', '  tags: [a, null]') } },
    { name: 'no CRD in the workspace: unknown kinds stay silent', files: { 'widget.yaml': widget('  sise: 3') } },
    { name: 'a version the CRD does not serve: not checked', files: { 'crd.yaml': crd(), 'widget.yaml': widget('  sise: 3').replace('example.com/v1', 'example.com/v2') } },
    { name: 'another group with the same kind', files: { 'crd.yaml': crd(), 'widget.yaml': widget('  sise: 3').replace('example.com/v1', 'other.io/v1') } },
  ],
  invalid: [
    {
      name: "kube-prometheus's own ServiceMonitor CRD: a misspelled required field is one finding, renamed by the fix",
      files: {
        'crd.yaml': readFileSync(join(corpusDir(), 'kube-prometheus', 'manifests', 'setup', '0servicemonitorCustomResourceDefinition.yaml'), 'utf8'),
        'monitor.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web, namespace: shop}', 'spec:', '  endpoint:', '  - port: http', '  selector: {matchLabels: {app: web}}'),
      },
      errors: [{ file: 'monitor.yaml', message: 'Unknown field `endpoint` in spec; did you mean `endpoints`?', line: 5, column: 3, endLine: 5, endColumn: 11 }],
      output: { 'monitor.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web, namespace: shop}', 'spec:', '  endpoints:', '  - port: http', '  selector: {matchLabels: {app: web}}') },
    },
    {
      name: "kube-prometheus's ServiceMonitor CRD: a wrong type, a value outside the enum and a missing required field, in the CRD's words",
      files: {
        'crd.yaml': readFileSync(join(corpusDir(), 'kube-prometheus', 'manifests', 'setup', '0servicemonitorCustomResourceDefinition.yaml'), 'utf8'),
        'monitor.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web, namespace: shop}', 'spec:', '  sampleLimit: "10"', '  endpoints:', '  - port: http', '    scheme: ftp'),
      },
      errors: [
        { file: 'monitor.yaml', message: 'spec is missing the required field `selector`: selector defines the label selector to select the Kubernetes `Endpoints` objects to scrape metrics from.', line: 4, column: 1, endLine: 4, endColumn: 5 },
        { file: 'monitor.yaml', message: '`sampleLimit` must be an integer, not the string "10": sampleLimit defines a per-scrape limit on the number of scraped samples that will be accepted.', line: 5, column: 16, endLine: 5, endColumn: 20 },
        { file: 'monitor.yaml', message: '`scheme` must be one of http, https, HTTP, HTTPS, not the string "ftp": scheme defines the HTTP scheme to use when scraping the metrics.', line: 8, column: 13, endLine: 8, endColumn: 16 },
      ],
    },
    {
      name: 'a misspelled field, on the key, renamed by the fix; a required field really missing, on its mapping',
      files: { 'crd.yaml': crd(), 'widget.yaml': widget('  sise: 3', '  colour: red') },
      errors: [
        { file: 'widget.yaml', message: 'Unknown field `sise` in spec; did you mean `size`?', line: 5, column: 3, endLine: 5, endColumn: 7 },
        { file: 'widget.yaml', message: 'Unknown field `colour` in spec; did you mean `color`?', line: 6, column: 3, endLine: 6, endColumn: 9 },
      ],
      output: { 'widget.yaml': widget('  size: 3', '  color: red') },
    },
    {
      name: 'a required field left out: on the mapping that lacks it',
      files: { 'crd.yaml': crd(), 'widget.yaml': widget('  color: red') },
      errors: [{ file: 'widget.yaml', message: 'spec is missing the required field `size`: How many gears the widget turns.', line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'a wrong type and a value outside the enum, in the CRD\'s words',
      files: { 'crd.yaml': crd(), 'widget.yaml': widget('  size: "3"', '  color: green') },
      errors: [
        { file: 'widget.yaml', message: '`size` must be an integer, not the string "3": How many gears the widget turns.', line: 5, column: 9, endLine: 5, endColumn: 12 },
        { file: 'widget.yaml', message: '`color` must be one of red, blue, not the string "green"', line: 6, column: 10, endLine: 6, endColumn: 15 },
      ],
    },
  ],
});

/** argo-cd's install.yaml: its CRDs (Application, ApplicationSet, AppProject) among everything else. */
const argoInstall = (): string => readFileSync(join(corpusDir(), 'argo-cd', 'install.yaml'), 'utf8');
const application = (...spec: string[]): string =>
  yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata: {name: guestbook, namespace: argocd}', 'spec:', '  project: default', ...spec);

workspaceRuleTester(rule, {
  valid: [
    {
      name: "an Application as argo-cd's documentation writes it, against the CRD of argo-cd's install",
      files: {
        'install.yaml': argoInstall(),
        'app.yaml': application(
          '  source:',
          '    repoURL: https://github.com/argoproj/argocd-example-apps.git',
          '    targetRevision: HEAD',
          '    path: guestbook',
          '  destination:',
          '    server: https://kubernetes.default.svc',
          '    namespace: guestbook',
          '  syncPolicy:',
          '    automated: {prune: true, selfHeal: true}',
          '    syncOptions: [CreateNamespace=true]',
        ),
      },
    },
  ],
  invalid: [
    {
      name: "an Application with a misspelled field, against the CRD of argo-cd's install",
      files: {
        'install.yaml': argoInstall(),
        'app.yaml': application('  source:', '    repoURL: https://github.com/argoproj/argocd-example-apps.git', '    path: guestbook', '    targetRevison: HEAD', '  destination: {server: https://kubernetes.default.svc, namespace: guestbook}'),
      },
      errors: [{ file: 'app.yaml', message: 'Unknown field `targetRevison` in source; did you mean `targetRevision`?', line: 9, column: 5, endLine: 9, endColumn: 18 }],
      output: {
        'app.yaml': application('  source:', '    repoURL: https://github.com/argoproj/argocd-example-apps.git', '    path: guestbook', '    targetRevision: HEAD', '  destination: {server: https://kubernetes.default.svc, namespace: guestbook}'),
      },
    },
  ],
});

describe('rule crd-schema-violation: the CRD as the workspace has it now', () => {
  const config = resolveConfig([rule]);
  const only = (workspace: Workspace, uri: string): string[] => workspace.findings(uri).filter((f) => f.ruleId === rule.meta.id).map((f) => f.message);

  it('follows the CRD as it is edited, added and removed, in another file', () => {
    const workspace = new Workspace({ rules: [rule], config });
    workspace.update('file:///w/widget.yaml', widget('  size: 3', '  shape: round'), true);
    assert.deepEqual(only(workspace, 'file:///w/widget.yaml'), [], 'no CRD yet');
    workspace.update('file:///w/crd.yaml', crd(), false);
    assert.deepEqual(only(workspace, 'file:///w/widget.yaml'), ['Unknown field `shape` in spec: the API server rejects it.']);
    workspace.update('file:///w/crd.yaml', crd('shape: {type: string}'), false);
    assert.deepEqual(only(workspace, 'file:///w/widget.yaml'), [], 'the CRD now has the field');
    workspace.remove('file:///w/crd.yaml');
    assert.deepEqual(only(workspace, 'file:///w/widget.yaml'), [], 'the CRD is gone');
  });

  it('finds nothing in kube-prometheus\'s custom resources against its own CRDs', () => {
    const root = join(corpusDir(), 'kube-prometheus', 'manifests');
    const workspace = new Workspace({ rules: [rule], config });
    for (const file of yamlFiles(root)) workspace.update(`file://${file}`, readFileSync(file, 'utf8'), false);
    const custom = [...workspace.index.files()].flatMap((f) => f.resources).filter((r) => r.facts.customResource !== undefined);
    assert.ok(custom.length >= 10, `kube-prometheus has custom resources (${custom.length})`);
    const checked = custom.filter((r) => [...workspace.index.allOfKind('CustomResourceDefinition')].some((c) => c.facts.crd?.kind === r.facts.kind));
    assert.ok(checked.length >= 10, `and CRDs for them (${checked.length} checked)`);
    const found = [...workspace.allFindings()].flatMap(([uri, findings]) => findings.map((f) => `${uri}: ${f.message}`));
    assert.deepEqual(found, []);
  });
});
