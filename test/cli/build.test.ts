// kube-prod check on charts and overlays with the real helm and kubectl: findings on the lines that
// produced them, --values, --no-render, a missing renderer, a failed render, SARIF locations.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { runCli } from '../helpers/cli';
import { RULES } from '../../server/src/rules';

const RULE_IDS = RULES.map((rule) => rule.meta.id);
import { k8sTools, type K8sTools } from '../helpers/k8sTools';
import { chartsAndOverlaysDir, projectRoot } from '../helpers/paths';

const FIXTURES = join(projectRoot(), 'test', 'fixtures', 'build');
const TREES = chartsAndOverlaysDir();
let tools: K8sTools;
const temporary: string[] = [];

before(async () => {
  tools = await k8sTools();
});
after(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Only our helm and kubectl on PATH (or none): whatever this machine has installed must not answer. */
const withTools = (): Record<string, string> => ({ PATH: [tools.dir, '/usr/bin', '/bin'].join(delimiter) });
const withoutTools = (): Record<string, string> => ({ PATH: '/nonexistent' });

function json(args: string[], cwd: string, env: Record<string, string>): { status: number | null; output: JsonOutput; stderr: string } {
  const result = runCli(['check', '--format', 'json', '--fail-on', 'none', ...args], { cwd, env });
  assert.equal(result.status, 0, result.stderr);
  return { status: result.status, output: JSON.parse(result.stdout) as JsonOutput, stderr: result.stderr };
}

interface SarifLocation {
  physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
}
interface SarifLog {
  runs: Array<{ results: Array<{ ruleId: string; locations: SarifLocation[]; relatedLocations?: SarifLocation[] }> }>;
}

const lines = (output: JsonOutput): string[] =>
  output.files.flatMap((file) => file.findings.map((f) => `${file.path}:${f.line}:${f.column} ${f.ruleId}`)).sort();

describe('kube-prod check: kustomize overlays', () => {
  it('rendered: findings on the patch line, the images: entry, the base line, each overlay named where only it has the finding', () => {
    const { output, stderr } = json(['shop'], FIXTURES, withTools());
    assert.equal(stderr, '');
    assert.deepEqual(lines(output), [
      'shop/base/deployment.yaml:3:1 namespace-default-deny-missing',
      'shop/base/deployment.yaml:3:1 namespace-quota-missing',
      'shop/base/deployment.yaml:3:1 workload-network-policy-missing',
      'shop/base/deployment.yaml:56:11 image-pull-policy',
      'shop/overlays/staging/kustomization.yaml:9:5 image-tag-latest',
      'shop/overlays/staging/web-scale.yaml:7:3 replicas-too-few',
    ]);
    const findings = output.files.flatMap((f) => f.findings);
    assert.match(findings.find((f) => f.ruleId === 'image-pull-policy')!.message, / \(in shop\/overlays\/staging\)$/);
    // Each overlay's own namespace: one finding that says both.
    assert.match(findings.find((f) => f.ruleId === 'namespace-quota-missing')!.message, /\(in shop\/overlays\/production; likewise in shop\/overlays\/staging\)$/);
    // The patch files are partial objects: nothing of their own.
    assert.ok(!output.files.some((f) => f.path === 'shop/overlays/production/web-scale.yaml' && f.findings.length > 0));
  });

  it('without kustomize: namespace and images applied directly, patches silent, one notice on stderr', () => {
    const { output, stderr } = json(['shop'], FIXTURES, withoutTools());
    assert.equal(
      stderr,
      'kube-prod: kustomize overlays were not rendered: neither kustomize nor kubectl was found on PATH; their namespace, images and replicas were applied directly, their patches were not. Install kustomize or kubectl, or set its path (kubeProd.kustomizePath, --kustomize).\n',
    );
    const found = lines(output);
    assert.ok(found.includes('shop/overlays/staging/kustomization.yaml:9:5 image-tag-latest'));
    assert.ok(!found.some((line) => line.includes('web-scale.yaml')), found.join('\n'));
    // The base image has no tag of its own; production's images: entry pins it, so no "pulls latest" there.
    assert.ok(!found.some((line) => line.startsWith('shop/base/') && line.endsWith('image-tag-latest')));
  });

  it('--no-render runs no tool even when one is installed', () => {
    const { stderr } = json(['--no-render', 'shop'], FIXTURES, withTools());
    assert.match(stderr, /kustomize overlays were not rendered \(rendering is off\)/);
  });

  it('a patch file given alone is known as a patch from its kustomization', () => {
    const { output } = json(['shop/overlays/production/web-scale.yaml'], FIXTURES, withoutTools());
    const patch = output.files.find((f) => f.path === 'shop/overlays/production/web-scale.yaml');
    assert.deepEqual(patch?.findings, []);
  });

  it('podinfo production overlay: 9 workloads in namespace production, none "without metadata.namespace"', () => {
    const dir = join(TREES, 'podinfo', 'deploy');
    const { output } = json(['--config', writeConfig({ 'namespace-missing': 'warning' }), 'overlays/production'], dir, withTools());
    const findings = output.files.flatMap((f) => f.findings);
    assert.ok(findings.length > 0);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'namespace-missing'), []);
    assert.ok(findings.filter((f) => f.ruleId === 'workload-network-policy-missing').every((f) => f.message.includes('namespace "production"')));
  });

  it('microservices-demo: the $patch: delete document is no object', () => {
    const dir = join(TREES, 'microservices-demo', 'kustomize');
    const { output } = json(['components/without-loadgenerator'], dir, withTools());
    assert.deepEqual(output.files.find((f) => f.path === 'components/without-loadgenerator/delete-loadgenerator.patch.yaml')?.findings, []);
  });
});

/** A kustomize tree in a fresh temporary folder: relative path -> text. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-kustomize-'));
  temporary.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const deployment = (name: string, replicas: number, image = 'nginx:1.27'): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\nspec:\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: app\n          image: ${image}\n`;

describe('kube-prod check: which kustomize line set the field', () => {
  const replicasFindings = (dir: string): string[] =>
    json(['--config', writeConfig(Object.fromEntries(RULE_IDS.filter((id) => id !== 'replicas-too-few' && id !== 'image-tag-latest').map((id) => [id, 'off']))), 'ov'], dir, withTools())
      .output.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line} ${x.ruleId} ${x.message.replace(/ \(.*$/, '')}`))
      .sort();

  it('a patch for web is not a patch for web-worker; names are compared exactly', () => {
    const dir = tree({
      'base/kustomization.yaml': 'resources: [web.yaml, worker.yaml]\n',
      'base/web.yaml': deployment('web', 3),
      'base/worker.yaml': deployment('web-worker', 1),
      'ov/kustomization.yaml': 'resources: [../base]\nnamePrefix: prod-\npatches:\n  - path: p.yaml\n',
      'ov/p.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n',
    });
    assert.deepEqual(replicasFindings(dir), [
      'base/worker.yaml:6 replicas-too-few Deployment "prod-web-worker" runs 1 replica',
      'ov/p.yaml:6 replicas-too-few Deployment "prod-web" runs 1 replica',
    ]);
  });

  it('the last patch to set a field, and a transformer after the patches, is the one named', () => {
    const dir = tree({
      'ov/kustomization.yaml': 'resources: [web.yaml]\npatches:\n  - path: five.yaml\n  - path: one.yaml\nimages:\n  - name: nginx\n    newTag: latest\n',
      'ov/web.yaml': deployment('web', 3),
      'ov/five.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n',
      'ov/one.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n',
    });
    assert.deepEqual(replicasFindings(dir), [
      'ov/kustomization.yaml:6 image-tag-latest Deployment "web", container "app": image "nginx:latest" uses the latest tag',
      'ov/one.yaml:6 replicas-too-few Deployment "web" runs 1 replica',
    ]);
  });

  it('a container a patch adds is reported in the patch (a target named by a Go regular expression included)', () => {
    const dir = tree({
      'ov/kustomization.yaml': 'resources: [web.yaml]\npatches:\n  - path: side.yaml\n    target: {kind: Deployment, name: "(?i)WEB"}\n  - path: nothing.yaml\n    target: {kind: Deployment, name: "web(?P<x>"}\n',
      'ov/web.yaml': deployment('web', 3),
      'ov/side.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: envoy:latest\n',
      'ov/nothing.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\n',
    });
    const result = runCli(['check', '--format', 'json', '--fail-on', 'none', 'ov'], { cwd: dir, env: withTools() });
    // kustomize rejects the second target; the run reports that, and does not crash on it.
    assert.notEqual(result.status, 2, result.stderr);
    const output = JSON.parse(result.stdout) as JsonOutput;
    const failed = output.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'build-failed'));
    if (failed.length === 0) {
      const sidecar = output.files.flatMap((f) => f.findings.filter((x) => x.message.includes('"sidecar"')).map((x) => `${f.path}:${x.line}`));
      assert.ok(sidecar.length > 0);
      assert.deepEqual([...new Set(sidecar)].sort(), ['ov/side.yaml:10', 'ov/side.yaml:9']);
    }
  });

  it('a target kustomize reads as a Go regular expression selects the object it names', () => {
    const dir = tree({
      'ov/kustomization.yaml': 'resources: [web.yaml]\npatches:\n  - path: side.yaml\n    target: {kind: Deployment, name: "(?i)WEB"}\n',
      'ov/web.yaml': deployment('web', 3),
      'ov/side.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: any\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: envoy:latest\n',
    });
    const output = json(['ov'], dir, withTools()).output;
    const sidecar = output.files.flatMap((f) => f.findings.filter((x) => x.message.includes('"sidecar"')).map((x) => `${f.path}:${x.line}`));
    assert.ok(sidecar.length > 0);
    assert.deepEqual([...new Set(sidecar)].sort(), ['ov/side.yaml:10', 'ov/side.yaml:9']);
  });
});

describe('kube-prod checklist: overlays as applications', () => {
  interface ChecklistJson {
    sections: Array<{ items: Array<{ id: string; status: string; count: { passing: number; total: number; noun: string }; failures: Array<{ path: string; line: number; kind: string; name: string; namespace: string }> }> }>;
  }

  it('counts the objects each overlay builds, and names the failing ones at their source lines', () => {
    const result = runCli(['checklist', '--format', 'json', 'shop'], { cwd: FIXTURES, env: withTools() });
    const checklist = JSON.parse(result.stdout) as ChecklistJson;
    const item = (id: string) => checklist.sections.flatMap((s) => s.items).find((i) => i.id === id)!;
    // The web Deployment, once per overlay: both have their probes.
    assert.deepEqual(item('probes').count, { passing: 2, total: 2, noun: 'long-running workloads' });
    assert.equal(item('probes').status, 'pass');
    // Staging runs one replica: the failing object is staging's web, listed at its base's kind: line.
    const replicas = item('replicas');
    assert.equal(replicas.status, 'fail');
    assert.deepEqual(replicas.failures.map((f) => [f.path, f.line, f.kind, f.namespace]), [['shop/base/deployment.yaml', 3, 'Deployment', 'shop-staging']]);
  });
});

function writeConfig(rules: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-build-'));
  temporary.push(dir);
  const file = join(dir, '.kube-prod.yaml');
  writeFileSync(file, `rules:\n${Object.entries(rules).map(([id, level]) => `  ${id}: ${level}\n`).join('')}`);
  return file;
}

describe('kube-prod check: Helm charts', () => {
  it('podinfo: findings on template lines, the values key as related location in JSON, text and SARIF', () => {
    const dir = join(TREES, 'podinfo', 'charts');
    const { output } = json(['podinfo'], dir, withTools());
    const replicas = output.files.find((f) => f.path === 'podinfo/templates/deployment.yaml')!.findings.find((f) => f.ruleId === 'replicas-too-few')!;
    assert.equal(replicas.line, 10);
    assert.deepEqual(replicas.related, [{ path: 'podinfo/values.yaml', line: 3, column: 1, endLine: 3, endColumn: 13, message: 'replicaCount is set in values.yaml' }]);

    const text = runCli(['check', '--fail-on', 'none', 'podinfo'], { cwd: dir, env: withTools() }).stdout;
    assert.match(text, /podinfo\/templates\/deployment\.yaml:10:3 warning replicas-too-few .*\n  podinfo\/values\.yaml:3:1 replicaCount is set in values\.yaml\n/);

    const sarif = JSON.parse(runCli(['check', '--format', 'sarif', '--fail-on', 'none', 'podinfo'], { cwd: dir, env: withTools() }).stdout) as SarifLog;
    const result = sarif.runs[0].results.find((r) => r.ruleId === 'replicas-too-few')!;
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'podinfo/templates/deployment.yaml');
    assert.equal(result.relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'podinfo/values.yaml');
    assert.equal(result.relatedLocations?.[0].physicalLocation.region.startLine, 3);
    // No template is skipped any more: every one of them was rendered and checked.
    assert.ok(output.files.every((f) => !f.skipped));
  });

  it('--values: ingress-nginx with a ci values file renders what that file switches on', () => {
    const dir = join(TREES, 'ingress-nginx', 'charts');
    const plain = json(['ingress-nginx'], dir, withTools()).output;
    const withHpa = json(['--values', 'ingress-nginx/ci/controller-hpa-values.yaml', 'ingress-nginx'], dir, withTools()).output;
    const paths = (o: JsonOutput): string[] => o.files.filter((f) => f.findings.length > 0).map((f) => f.path);
    assert.ok(!paths(plain).includes('ingress-nginx/templates/controller-hpa.yaml'));
    assert.ok(paths(withHpa).includes('ingress-nginx/templates/controller-hpa.yaml'), paths(withHpa).join('\n'));
  });

  it('a values file that does not exist is a usage problem (exit 2)', () => {
    const result = runCli(['check', '--values', 'nope.yaml', 'podinfo'], { cwd: join(TREES, 'podinfo', 'charts'), env: withTools() });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^kube-prod: cannot read nope\.yaml: no such file or directory\n$/);
  });

  it('without helm: charts are not checked, and stderr says so once', () => {
    const result = runCli(['check', '--fail-on', 'none', 'podinfo'], { cwd: join(TREES, 'podinfo', 'charts'), env: withoutTools() });
    assert.equal(result.status, 0);
    assert.equal(
      result.stderr,
      'kube-prod: Helm charts were not rendered: helm was not found on PATH, so their templates were not checked. Install helm, or set its path (kubeProd.helmPath, --helm).\n',
    );
  });

  it('a failed render is one build-failed finding on the template line helm names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-prod-chart-'));
    temporary.push(dir);
    cpSync(join(TREES, 'podinfo', 'charts', 'podinfo'), join(dir, 'podinfo'), { recursive: true });
    const template = join(dir, 'podinfo', 'templates', 'service.yaml');
    writeFileSync(template, readFileSync(template, 'utf8').replace('  type: {{ .Values.service.type }}', '  type: {{ required "service.kind is required" .Values.service.kind }}'));
    const result = runCli(['check', '--format', 'json', 'podinfo'], { cwd: dir, env: withTools() });
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout) as JsonOutput;
    const failures = output.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'build-failed').map((x) => ({ path: f.path, ...x })));
    assert.equal(failures.length, 1);
    assert.equal(failures[0].path, 'podinfo/templates/service.yaml');
    assert.equal(readFileSync(template, 'utf8').split('\n')[failures[0].line - 1].trim(), 'type: {{ required "service.kind is required" .Values.service.kind }}');
    assert.match(failures[0].message, /^helm template failed: .*service\.kind is required/);
  });
});
