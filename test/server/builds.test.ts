// Manifests as built, through the real server on stdio with the real helm and kubectl: findings of
// rendered charts and overlays on the lines users edit, renders on save (not on keystrokes), work-done
// progress, and no rendering in an untrusted workspace.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { FileChangeType, type Diagnostic, type InlayHint, type InlayHintLabelPart, type Location, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { k8sTools, type K8sTools } from '../helpers/k8sTools';
import { LspClient } from '../helpers/lspClient';
import { applyWorkspaceEdit } from '../helpers/lspEdits';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { chartsAndOverlaysDir, projectRoot } from '../helpers/paths';

/** Renders take a moment (a second each at most here); the server also waits for the folder scan. */
const BUILD_TIMEOUT_MS = 20_000;

let tools: K8sTools;
const running: Array<{ client: LspClient; ws: TempWorkspace }> = [];

before(async () => {
  tools = await k8sTools();
});

afterEach(async () => {
  for (const { client, ws } of running.splice(0)) {
    try {
      await client.shutdown();
    } catch {
      // Gone already; the kill is enough.
    } finally {
      client.kill();
      ws.dispose();
    }
  }
});
after(() => undefined);

async function start(copy: Record<string, string>, options: { trusted?: boolean; settings?: Record<string, unknown>; tools?: boolean } = {}): Promise<{ client: LspClient; ws: TempWorkspace }> {
  const ws = tempWorkspace();
  for (const [from, to] of Object.entries(copy)) cpSync(from, ws.path(to), { recursive: true });
  // Only our helm and kubectl on PATH: a helm or kustomize installed on this machine must not answer instead.
  const path = options.tools === false ? '/nonexistent' : [tools.dir, '/usr/bin', '/bin'].join(delimiter);
  const client = await LspClient.start({
    folders: [ws.dir],
    settings: () => ({ debounceMs: 20, ...options.settings }),
    workDoneProgress: true,
    initializationOptions: { workspaceTrusted: options.trusted ?? true },
    env: { ...process.env, PATH: path },
  });
  running.push({ client, ws });
  return { client, ws };
}

const brief = (d: Diagnostic): string => `${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)}`;
const codesAt = (params: PublishDiagnosticsParams): string[] => params.diagnostics.map(brief).sort();
const withCode = (code: string) => (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => d.code === code);

const SHOP = join(projectRoot(), 'test', 'fixtures', 'build', 'shop');
const PODINFO_CHART = join(chartsAndOverlaysDir(), 'podinfo', 'charts', 'podinfo');

describe('language server: kustomize overlays as built', () => {
  it('reports on the patch line that set the field, only for the overlay it belongs to, and nothing about the patch itself', async () => {
    const { client, ws } = await start({ [SHOP]: 'shop' });
    const staging = ws.uri('shop/overlays/staging/web-scale.yaml');
    await client.open(staging, readFileSync(ws.path('shop/overlays/staging/web-scale.yaml'), 'utf8'));
    const published = await client.waitForDiagnostics(staging, withCode('replicas-too-few'), BUILD_TIMEOUT_MS);
    // `replicas: 1` is line 7 of the patch; nothing else: the patch is not an object of its own.
    assert.deepEqual(codesAt(published), ['7:3 replicas-too-few']);
    assert.match(String(published.diagnostics[0].message), /^Deployment "web" runs 1 replica/);

    const production = ws.uri('shop/overlays/production/web-scale.yaml');
    await client.open(production, readFileSync(ws.path('shop/overlays/production/web-scale.yaml'), 'utf8'));
    const quiet = await client.waitForDiagnostics(production, undefined, BUILD_TIMEOUT_MS);
    assert.deepEqual(quiet.diagnostics, []);

    const base = ws.uri('shop/base/deployment.yaml');
    await client.open(base, readFileSync(ws.path('shop/base/deployment.yaml'), 'utf8'));
    const onBase = await client.waitForDiagnostics(base, withCode('image-pull-policy'), BUILD_TIMEOUT_MS);
    const pull = onBase.diagnostics.find((d) => d.code === 'image-pull-policy')!;
    assert.match(String(pull.message), /\(in shop\/overlays\/staging\)$/);
    // The latest tag comes from staging's images: entry, and is reported there.
    const kustomization = ws.uri('shop/overlays/staging/kustomization.yaml');
    await client.open(kustomization, readFileSync(ws.path('shop/overlays/staging/kustomization.yaml'), 'utf8'));
    const onKustomization = await client.waitForDiagnostics(kustomization, withCode('image-tag-latest'), BUILD_TIMEOUT_MS);
    assert.deepEqual(codesAt(onKustomization), ['9:5 image-tag-latest']);
  });

  it('shows work-done progress while rendering', async () => {
    const { client, ws } = await start({ [SHOP]: 'shop' });
    const staging = ws.uri('shop/overlays/staging/web-scale.yaml');
    await client.open(staging, readFileSync(ws.path('shop/overlays/staging/web-scale.yaml'), 'utf8'));
    await client.waitForDiagnostics(staging, withCode('replicas-too-few'), BUILD_TIMEOUT_MS);
    const kinds = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; title?: string } }).value);
    assert.equal(kinds[0]?.kind, 'begin');
    assert.match(kinds[0]?.title ?? '', /kube-prod/);
    assert.equal(kinds.at(-1)?.kind, 'end');
    // Publishing the build's findings does not start another build: one render per trigger.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const begins = client.notifications.filter((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'begin');
    assert.equal(begins.length, 1);
  });

  it('renders nothing in an untrusted workspace: kustomizations are applied directly and patches stay silent', async () => {
    const { client, ws } = await start({ [SHOP]: 'shop' }, { trusted: false });
    const kustomization = ws.uri('shop/overlays/staging/kustomization.yaml');
    await client.open(kustomization, readFileSync(ws.path('shop/overlays/staging/kustomization.yaml'), 'utf8'));
    // images: applied without kustomize.
    await client.waitForDiagnostics(kustomization, withCode('image-tag-latest'), BUILD_TIMEOUT_MS);
    await client.waitForLog(/not a trusted workspace/, BUILD_TIMEOUT_MS);
    const staging = ws.uri('shop/overlays/staging/web-scale.yaml');
    await client.open(staging, readFileSync(ws.path('shop/overlays/staging/web-scale.yaml'), 'utf8'));
    const patch = await client.waitForDiagnostics(staging, undefined, BUILD_TIMEOUT_MS);
    assert.deepEqual(patch.diagnostics, []);
    assert.ok(!client.notifications.some((n) => n.method === '$/progress' && JSON.stringify(n.params).includes('helm')));
  });

  it('says once in the log that overlays were not rendered when no kustomize or kubectl is installed', async () => {
    const { client, ws } = await start({ [SHOP]: 'shop' }, { tools: false });
    const kustomization = ws.uri('shop/overlays/staging/kustomization.yaml');
    await client.open(kustomization, readFileSync(ws.path('shop/overlays/staging/kustomization.yaml'), 'utf8'));
    await client.waitForDiagnostics(kustomization, withCode('image-tag-latest'), BUILD_TIMEOUT_MS);
    await client.waitForLog(/kustomize overlays were not rendered: neither kustomize nor kubectl was found on PATH/, BUILD_TIMEOUT_MS);
  });
});

describe('language server: Helm charts as built', () => {
  it('reports on the template line, with the values.yaml key as related information; a save renders again', async () => {
    const { client, ws } = await start({ [PODINFO_CHART]: 'podinfo' });
    const template = ws.uri('podinfo/templates/deployment.yaml');
    await client.open(template, readFileSync(ws.path('podinfo/templates/deployment.yaml'), 'utf8'));
    const published = await client.waitForDiagnostics(template, withCode('replicas-too-few'), BUILD_TIMEOUT_MS);
    const replicas = published.diagnostics.find((d) => d.code === 'replicas-too-few')!;
    // Line 10 of the template is `  replicas: {{ .Values.replicaCount }}`; line 3 of values.yaml is `replicaCount: 1`.
    assert.equal(replicas.range.start.line, 9);
    assert.deepEqual(replicas.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [
      [ws.uri('podinfo/values.yaml'), 2, 'replicaCount is set in values.yaml'],
    ]);

    // Typing changes nothing until the file is saved.
    const values = ws.path('podinfo/values.yaml');
    const valuesUri = ws.uri('podinfo/values.yaml');
    const text = readFileSync(values, 'utf8');
    await client.open(valuesUri, text);
    await client.change(valuesUri, 2, text.replace('replicaCount: 1', 'replicaCount: 3'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.ok(withCode('replicas-too-few')(client.diagnosticsFor(template).at(-1)!), 'a keystroke rendered the chart');
    const begins = (): number => client.notifications.filter((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'begin').length;
    assert.equal(begins(), 1);
    writeFileSync(values, text.replace('replicaCount: 1', 'replicaCount: 3'));
    await client.save(valuesUri);
    await client.waitForDiagnostics(template, (p) => !withCode('replicas-too-few')(p), BUILD_TIMEOUT_MS);
    assert.equal(begins(), 2);
  });

  it('fixes a finding on a template in the values key that feeds it: a quick-fix edits values.yaml, never the template', async () => {
    const { client, ws } = await start({ [PODINFO_CHART]: 'podinfo' });
    const template = ws.uri('podinfo/templates/deployment.yaml');
    await client.open(template, readFileSync(ws.path('podinfo/templates/deployment.yaml'), 'utf8'));
    const published = await client.waitForDiagnostics(template, withCode('cpu-limit-missing'), BUILD_TIMEOUT_MS);
    const diagnostic = published.diagnostics.find((d) => d.code === 'cpu-limit-missing')!;
    const actions = await client.codeActions(template, [diagnostic]);
    const fix = actions.find((a) => a.title === 'Add a CPU limit to container "podinfo" (in values.yaml)');
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    // No "disable for this line": a comment in a template never reaches the rendered object.
    assert.ok(!actions.some((a) => /^Disable /.test(a.title)), actions.map((a) => a.title).join('\n'));
    const valuesUri = ws.uri('podinfo/values.yaml');
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [valuesUri]);
    const values = ws.path('podinfo/values.yaml');
    const before = readFileSync(values, 'utf8');
    const after = applyWorkspaceEdit(before, valuesUri, fix.edit!);
    assert.ok(after.includes('resources:\n  limits:\n    cpu: 500m\n  requests:\n    cpu: 1m\n    memory: 16Mi\n\nnodeSelector: {}\n'), after);
    // Everything else of values.yaml is as it was.
    assert.equal(after.replace('  limits:\n    cpu: 500m\n', '  limits:\n'), before);
    // Applied and saved by the editor without the server seeing the document: the file watcher tells it.
    writeFileSync(values, after);
    await client.changeWatchedFiles([{ uri: valuesUri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(template, (p) => !withCode('cpu-limit-missing')(p) && withCode('memory-limit-missing')(p), BUILD_TIMEOUT_MS);
  });

  it('reports a failed render once, on the template line helm names', async () => {
    const { client, ws } = await start({ [PODINFO_CHART]: 'podinfo' });
    const templatePath = ws.path('podinfo/templates/service.yaml');
    const broken = readFileSync(templatePath, 'utf8').replace('  type: {{ .Values.service.type }}', '  type: {{ required "service.kind is required" .Values.service.kind }}');
    assert.notEqual(broken, readFileSync(templatePath, 'utf8'));
    writeFileSync(templatePath, broken);
    const uri = ws.uri('podinfo/templates/service.yaml');
    await client.open(uri, broken);
    const failed = await client.waitForDiagnostics(uri, withCode('build-failed'), BUILD_TIMEOUT_MS);
    const diagnostic = failed.diagnostics.find((d) => d.code === 'build-failed')!;
    assert.match(String(diagnostic.message), /service\.kind is required/);
    assert.equal(broken.split('\n')[diagnostic.range.start.line].trim(), 'type: {{ required "service.kind is required" .Values.service.kind }}');
  });
});

describe('language server: navigation in built files', () => {
  /** `file:line:text` of a location, the file relative to the workspace. */
  const where = (ws: TempWorkspace, location: Location): string => {
    const file = location.uri.slice(ws.uri('').replace(/\/?$/, '/').length);
    const line = readFileSync(ws.path(file), 'utf8').split('\n')[location.range.start.line];
    return `${file}:${location.range.start.line + 1}:${line.trim()}`;
  };
  const hintsOf = async (client: LspClient, uri: string): Promise<string[]> =>
    (await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } })).map(
      (hint) => `${hint.position.line + 1}:${(hint.label as InlayHintLabelPart[]).map((part) => part.value).join('')}`,
    );

  it('answers from the overlays\' objects on the base\'s lines: one hint per overlay, definitions and references across base and overlay', async () => {
    const { client, ws } = await start({ [SHOP]: 'shop' });
    const base = ws.uri('shop/base/deployment.yaml');
    await client.open(base, readFileSync(ws.path('shop/base/deployment.yaml'), 'utf8'));
    await client.waitForLog(/built .*: 2 rendered/, BUILD_TIMEOUT_MS);
    // Line 24 is the template's `labels:`; the production overlay adds a PodDisruptionBudget, staging does not.
    assert.deepEqual(await hintsOf(client, base), ['24:selected by Service web · PDB web (shop/overlays/production)', '24:selected by Service web (shop/overlays/staging)']);
    const service = ws.uri('shop/base/service.yaml');
    await client.open(service, readFileSync(ws.path('shop/base/service.yaml'), 'utf8'));
    await client.waitForDiagnostics(service, undefined, BUILD_TIMEOUT_MS);
    assert.deepEqual(await hintsOf(client, service), ['10:→ 4 pods of Deployment web (shop/overlays/production)', '10:→ 1 pod of Deployment web (shop/overlays/staging)']);
    const definition = async (uri: string, line: number, character: number): Promise<string[]> =>
      (await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: line - 1, character } })).map((l) => where(ws, l));
    // The Service's selector value, and its targetPort: http.
    assert.deepEqual(await definition(service, 11, 30), ['shop/base/deployment.yaml:24:labels:']);
    assert.deepEqual(await definition(service, 15, 19), ['shop/base/deployment.yaml:58:- name: http']);
    // From the Deployment's name: the base's Service and the production overlay's PDB select its pods.
    const references = await client.request<Location[]>('textDocument/references', { textDocument: { uri: base }, position: { line: 4, character: 9 }, context: { includeDeclaration: false } });
    assert.deepEqual(references.map((l) => where(ws, l)), ['shop/base/service.yaml:10:selector:', 'shop/overlays/production/pdb.yaml:9:selector:']);
    // A name in a built file may come from a prefix or a generator: no rename there.
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: base }, position: { line: 4, character: 9 } }), /does not rename in files that Helm or kustomize build/);
  });

  it('answers from a rendered chart on its template lines', async () => {
    const { client, ws } = await start({ [PODINFO_CHART]: 'podinfo' });
    const deployment = ws.uri('podinfo/templates/deployment.yaml');
    await client.open(deployment, readFileSync(ws.path('podinfo/templates/deployment.yaml'), 'utf8'));
    await client.waitForLog(/built .*: 1 rendered/, BUILD_TIMEOUT_MS);
    // Line 21 of the template is the pod template's `labels:` (its labels come from an include).
    assert.deepEqual(await hintsOf(client, deployment), ['21:selected by Service release-name-podinfo']);
    const service = ws.uri('podinfo/templates/service.yaml');
    await client.open(service, readFileSync(ws.path('podinfo/templates/service.yaml'), 'utf8'));
    await client.waitForDiagnostics(service, undefined, BUILD_TIMEOUT_MS);
    const found = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: service }, position: { line: 37, character: 4 } });
    assert.deepEqual(found.map((l) => where(ws, l)), ['podinfo/templates/deployment.yaml:21:labels:']);
  });
});
