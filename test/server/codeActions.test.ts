// Code actions over real JSON-RPC: a rule's quick-fix, silencing a rule for a line or an object,
// hardening a whole pod, fix-all (source.fixAll.kube-prod and kubeProd/fixAll), stale requests.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { CodeActionKind, DiagnosticSeverity, ErrorCodes, type CodeAction, type Diagnostic, type PublishDiagnosticsParams, type WorkspaceEdit } from 'vscode-languageserver/node';
import { parseAllDocuments } from 'yaml';
import { RULES } from '../../server/src/rules';
import { LspClient, type StartOptions } from '../helpers/lspClient';
import { applyAction, applyWorkspaceEdit, editsOf } from '../helpers/lspEdits';
import { deployment, pod, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { yaml } from '../helpers/ruleTester';

const FIX_ALL = 'source.fixAll.kube-prod';
const HARDENING = ['run-as-root', 'seccomp-profile-missing', 'privilege-escalation-allowed', 'writable-root-filesystem', 'capabilities-not-dropped'];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The expected text after adding the seed livenessProbe (no port declared) to a container whose keys sit at `column`. */
function livenessLines(column: number): string[] {
  const pad = ' '.repeat(column);
  return [
    `${pad}livenessProbe:`,
    `${pad}  tcpSocket:`,
    `${pad}    port: 8080 # kube-prod: no containerPort declared: set the port the app listens on`,
    `${pad}  initialDelaySeconds: 30`,
    `${pad}  periodSeconds: 10`,
    `${pad}  failureThreshold: 3`,
  ];
}

const PDB_LINES = [
  '---',
  'apiVersion: policy/v1',
  'kind: PodDisruptionBudget',
  'metadata:',
  '  name: web-pdb',
  'spec:',
  '  maxUnavailable: 1',
  '  selector:',
  '    matchLabels:',
  '      app: web',
];

const key = (d: Diagnostic): string => `${String(d.code)}: ${d.message}`;
const withCode = (params: PublishDiagnosticsParams, code: string): Diagnostic[] => params.diagnostics.filter((d) => d.code === code);

function only(params: PublishDiagnosticsParams, code: string): Diagnostic {
  const found = withCode(params, code);
  assert.equal(found.length, 1, `exactly one ${code} diagnostic in ${JSON.stringify(params.diagnostics.map(key))}`);
  return found[0];
}

function preferred(actions: CodeAction[]): CodeAction {
  const found = actions.filter((a) => a.isPreferred);
  assert.equal(found.length, 1, `one preferred action among ${JSON.stringify(actions.map((a) => a.title))}`);
  return found[0];
}

function titled(actions: CodeAction[], title: string): CodeAction {
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `"${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return action;
}

function parses(text: string): void {
  for (const doc of parseAllDocuments(text)) assert.deepEqual(doc.errors, [], `parses:\n${text}`);
}

describe('language server: code actions', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let files = 0;
  const fresh = (): string => workspace.uri(`file-${++files}.yaml`);

  before(async () => {
    workspace = tempWorkspace();
    // `slow*.yaml`: edits wait 3 s before they are analysed and published.
    client = await LspClient.start({ folders: [workspace.dir], documentChanges: true, settings: (uri) => ({ debounceMs: uri?.includes('/slow') ? 3000 : 20 }) });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  /** Opens a document and waits for its first diagnostics (those with `code`, when given). */
  async function open(text: string, code?: string): Promise<{ uri: string; params: PublishDiagnosticsParams }> {
    const uri = fresh();
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri, (p) => code === undefined || withCode(p, code).length > 0);
    return { uri, params };
  }

  it('offers the rule fix as the preferred quick-fix; its edit gives the exact text, versioned', async () => {
    const text = pod('web');
    const { uri, params } = await open(text);
    const diagnostic = only(params, 'liveness-probe-missing');
    const actions = await client.codeActions(uri, [diagnostic]);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Add a livenessProbe to container "app"', CodeActionKind.QuickFix, true],
        ['Disable liveness-probe-missing for this line', CodeActionKind.QuickFix, false],
        ['Disable liveness-probe-missing for Pod "web"', CodeActionKind.QuickFix, false],
      ],
    );
    for (const action of actions) assert.deepEqual(action.diagnostics, [diagnostic], 'each action names the diagnostic it is for');
    const fix = preferred(actions);
    assert.equal(editsOf(fix.edit!, uri).version, 1, 'the edit is for the version the diagnostics are of');
    assert.equal(
      applyAction(text, uri, fix),
      yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', '    image: app:1', ...livenessLines(4)),
    );
  });

  it('disables a rule for a line: the comment goes above `- name:`, indented like the dash; after the edit the finding is gone', async () => {
    const text = pod('web');
    const { uri, params } = await open(text);
    const action = titled(await client.codeActions(uri, [only(params, 'liveness-probe-missing')]), 'Disable liveness-probe-missing for this line');
    const edited = applyAction(text, uri, action);
    assert.equal(
      edited,
      yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  # kube-prod-ignore liveness-probe-missing', '  - name: app', '    image: app:1'),
    );
    await client.change(uri, 2, edited);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(withCode(after, 'liveness-probe-missing'), []);
    assert.ok(withCode(after, 'readiness-probe-missing').length > 0, 'other rules on that line still report');
  });

  it('disables a rule for an object through the ignore annotation; after the edit the finding is gone', async () => {
    const text = pod('web');
    const { uri, params } = await open(text);
    const action = titled(await client.codeActions(uri, [only(params, 'liveness-probe-missing')]), 'Disable liveness-probe-missing for Pod "web"');
    const edited = applyAction(text, uri, action);
    assert.equal(
      edited,
      yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web, annotations: {kube-prod.dev/ignore: liveness-probe-missing}}', 'spec:', '  containers:', '  - name: app', '    image: app:1'),
    );
    await client.change(uri, 2, edited);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(withCode(after, 'liveness-probe-missing'), []);
    assert.ok(withCode(after, 'readiness-probe-missing').length > 0, 'the other rules still report on the object');
  });

  it('adds the id to an existing ignore comment (before its reason) and to an existing annotation list, in its quoting', async () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    team: a',
      "    kube-prod.dev/ignore: 'naked-pod'",
      'spec:',
      '  containers:',
      '    # kube-prod-ignore readiness-probe-missing -- served behind a sidecar',
      '    - name: app',
      '      image: app:1',
    );
    const { uri, params } = await open(text);
    const actions = await client.codeActions(uri, [only(params, 'liveness-probe-missing')]);
    const line = applyAction(text, uri, titled(actions, 'Disable liveness-probe-missing for this line'));
    assert.equal(line, text.replace('readiness-probe-missing -- served', 'readiness-probe-missing liveness-probe-missing -- served'));
    const object = applyAction(text, uri, titled(actions, 'Disable liveness-probe-missing for Pod "web"'));
    assert.equal(object, text.replace("'naked-pod'", "'naked-pod, liveness-probe-missing'"));
    for (const [version, edited] of [[2, line], [3, object]] as const) {
      await client.change(uri, version, edited);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === version);
      assert.deepEqual(withCode(after, 'liveness-probe-missing'), [], `version ${version}`);
    }
  });

  it('edits the right document of a multi-document file', async () => {
    const text = `${pod('a')}---\n${pod('b')}`;
    const { uri, params } = await open(text);
    const b = withCode(params, 'liveness-probe-missing').find((d) => String(d.message).startsWith('Pod "b"'));
    assert.ok(b, 'the finding of document b');
    const actions = await client.codeActions(uri, [b]);
    const expected = (second: string[]): string => `${pod('a')}---\n${yaml(...second)}`;
    assert.equal(
      applyAction(text, uri, preferred(actions)),
      expected(['apiVersion: v1', 'kind: Pod', 'metadata: {name: b}', 'spec:', '  containers:', '  - name: app', '    image: app:1', ...livenessLines(4)]),
    );
    assert.equal(
      applyAction(text, uri, titled(actions, 'Disable liveness-probe-missing for this line')),
      expected(['apiVersion: v1', 'kind: Pod', 'metadata: {name: b}', 'spec:', '  containers:', '  # kube-prod-ignore liveness-probe-missing', '  - name: app', '    image: app:1']),
    );
    const object = applyAction(text, uri, titled(actions, 'Disable liveness-probe-missing for Pod "b"'));
    assert.equal(
      object,
      expected(['apiVersion: v1', 'kind: Pod', 'metadata: {name: b, annotations: {kube-prod.dev/ignore: liveness-probe-missing}}', 'spec:', '  containers:', '  - name: app', '    image: app:1']),
    );
    await client.change(uri, 2, object);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(withCode(after, 'liveness-probe-missing').map((d) => d.message), ['Pod "a", container "app": no livenessProbe']);
  });

  it('creates the annotations of a block metadata that has none', async () => {
    const text = yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', 'spec:', '  template:', '    spec:', '      containers:', '        - name: app', '          image: app:1');
    const { uri, params } = await open(text);
    const action = titled(await client.codeActions(uri, [only(params, 'liveness-probe-missing')]), 'Disable liveness-probe-missing for Deployment "api"');
    assert.equal(
      applyAction(text, uri, action),
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        '  annotations:',
        '    kube-prod.dev/ignore: liveness-probe-missing',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: app:1',
      ),
    );
  });

  it('keeps CRLF line endings in fixes and in disable comments', async () => {
    const text = pod('web').replace(/\n/g, '\r\n');
    const { uri, params } = await open(text);
    const actions = await client.codeActions(uri, [only(params, 'liveness-probe-missing')]);
    assert.equal(
      applyAction(text, uri, preferred(actions)),
      yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', '    image: app:1', ...livenessLines(4)).replace(/\n/g, '\r\n'),
    );
    assert.equal(
      applyAction(text, uri, titled(actions, 'Disable liveness-probe-missing for this line')),
      yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  # kube-prod-ignore liveness-probe-missing', '  - name: app', '    image: app:1').replace(
        /\n/g,
        '\r\n',
      ),
    );
    const fixAll = await client.codeActions(uri, [], { only: [FIX_ALL] });
    assert.equal(fixAll.length, 1);
    const fixed = applyAction(text, uri, fixAll[0]);
    assert.ok(!/[^\r]\n/.test(fixed), `no bare LF after fix-all:\n${JSON.stringify(fixed)}`);
    parses(fixed);
  });

  it('creates a PodDisruptionBudget for a 3-replica Deployment through its code action (a cross-resource fix)', async () => {
    const text = deployment('web', 'web', 3);
    const { uri, params } = await open(text, 'pdb-missing');
    const actions = await client.codeActions(uri, [only(params, 'pdb-missing')]);
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Create a PodDisruptionBudget for Deployment "web"', 'Disable pdb-missing for this line', 'Disable pdb-missing for Deployment "web"'],
    );
    const edited = applyAction(text, uri, preferred(actions));
    assert.equal(edited, `${text}${yaml(...PDB_LINES)}`);
    await client.change(uri, 2, edited);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(withCode(after, 'pdb-missing'), []);

    // Silencing a cross-resource rule: the comment above `kind:` works for it too.
    const line = applyAction(text, uri, titled(actions, 'Disable pdb-missing for this line'));
    assert.equal(line, text.replace('kind: Deployment', '# kube-prod-ignore pdb-missing\nkind: Deployment'));
    await client.change(uri, 3, line);
    const silenced = await client.waitForDiagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(withCode(silenced, 'pdb-missing'), []);
  });

  it('offers "Harden the whole pod" (not preferred) when an object has several hardening findings; it clears them', async () => {
    const text = deployment('api', 'api', 3);
    const { uri, params } = await open(text);
    const hardening = params.diagnostics.filter((d) => HARDENING.includes(String(d.code)));
    assert.ok(hardening.length >= 2, `several hardening findings: ${JSON.stringify(hardening.map(key))}`);
    const actions = await client.codeActions(uri, params.diagnostics, { range: hardening[0].range });
    const harden = actions.filter((a) => a.title === 'Harden the whole pod of Deployment "api"');
    assert.equal(harden.length, 1, 'offered once per object');
    assert.equal(harden[0].kind, CodeActionKind.QuickFix);
    assert.notEqual(harden[0].isPreferred, true);
    assert.deepEqual(harden[0].diagnostics, hardening);
    const edited = applyAction(text, uri, harden[0]);
    parses(edited);
    await client.change(uri, 2, edited);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.filter((d) => HARDENING.includes(String(d.code))).map(key), []);

  });

  it('offers no whole-pod hardening for a single hardening finding', async () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web}',
      'spec:',
      '  securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}',
    );
    const { uri, params } = await open(text);
    assert.deepEqual(params.diagnostics.filter((d) => HARDENING.includes(String(d.code))).map((d) => d.code), ['writable-root-filesystem']);
    const actions = await client.codeActions(uri, params.diagnostics);
    assert.ok(!actions.some((a) => a.title.startsWith('Harden the whole pod')), JSON.stringify(actions.map((a) => a.title)));
    assert.ok(actions.some((a) => a.title === 'Set readOnlyRootFilesystem: true on container "app"'), 'its own fix is there');
  });

  it('fix-all: one minimal edit that fixes every fixable finding; the document parses; no new errors; then nothing is left to fix', async () => {
    const text = `${deployment('web', 'web', 3)}---\n${pod('single')}---\n${yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: settings}', 'data: {a: "1"}')}`;
    const { uri, params } = await open(text, 'pdb-missing');
    // The findings that have a fix: those whose diagnostic gets a preferred quick-fix.
    const fixable = new Set<string>();
    for (const diagnostic of params.diagnostics) {
      if ((await client.codeActions(uri, [diagnostic])).some((a) => a.isPreferred)) fixable.add(key(diagnostic));
    }
    assert.ok(fixable.size >= 3, `several fixable findings: ${JSON.stringify([...fixable])}`);
    assert.ok(fixable.has(key(only(params, 'pdb-missing'))), 'the cross-resource one among them');

    // Not computed unless asked for by kind.
    assert.ok(!(await client.codeActions(uri, params.diagnostics)).some((a) => a.kind === FIX_ALL));
    assert.ok(!(await client.codeActions(uri, params.diagnostics, { only: [CodeActionKind.QuickFix] })).some((a) => a.kind === FIX_ALL));
    const publishes = client.diagnosticsFor(uri).length;
    const actions = await client.codeActions(uri, [], { only: [FIX_ALL] });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all auto-fixable kube-prod problems', FIX_ALL]]);
    const { version, edits } = editsOf(actions[0].edit!, uri);
    assert.equal(version, 1);
    assert.equal(edits.length, 1, 'one minimal edit');
    for (const parent of [CodeActionKind.SourceFixAll, CodeActionKind.Source]) {
      const same = await client.codeActions(uri, [], { only: [parent] });
      assert.deepEqual(same.map((a) => a.edit), [actions[0].edit], `only: [${parent}] gives the same action`);
    }
    const request = await client.request<WorkspaceEdit | null>('kubeProd/fixAll', { uri });
    assert.deepEqual(request, actions[0].edit, 'kubeProd/fixAll returns the same edit');

    // Computing it published nothing and left the index alone: the quick-fixes still edit version 1.
    await sleep(200);
    assert.equal(client.diagnosticsFor(uri).length, publishes, 'no diagnostics published by fix-all');
    const liveness = params.diagnostics.find((d) => d.code === 'liveness-probe-missing')!;
    assert.equal(editsOf(preferred(await client.codeActions(uri, [liveness])).edit!, uri).version, 1);

    const fixed = applyAction(text, uri, actions[0]);
    parses(fixed);
    await client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics.map(key).filter((k) => fixable.has(k)), [], 'no fixed finding is left');
    const errorsBefore = new Set(params.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map(key));
    assert.deepEqual(after.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error && !errorsBefore.has(key(d))).map(key), [], 'no new error');

    assert.deepEqual(await client.codeActions(uri, [], { only: [FIX_ALL] }), [], 'a second fix-all has nothing to do');
    assert.equal(await client.request<WorkspaceEdit | null>('kubeProd/fixAll', { uri }), null);
  });

  it('fix-all follows its own fixes up: a fix that gives the file a cross-resource finding is fixed in the same edit, and the index is left as it was', async () => {
    // Raising the HPA's minReplicas to 2 makes the Deployment run 2 replicas with no PodDisruptionBudget.
    const hpa = yaml(
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: scaled}',
      'spec:',
      '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: scaled}',
      '  minReplicas: 1',
      '  maxReplicas: 1',
    );
    // Names of its own: the other tests' files share the namespace (a budget for app=web is there).
    const text = `${deployment('scaled', 'scaled', 1).replace('  replicas: 1\n', '')}---\n${hpa}`;
    const { uri, params } = await open(text, 'hpa-min-replicas-low');
    assert.deepEqual(withCode(params, 'pdb-missing'), [], 'no budget needed for one replica');
    const publishes = client.diagnosticsFor(uri).length;
    const actions = await client.codeActions(uri, [], { only: [FIX_ALL] });
    assert.equal(actions.length, 1);
    const fixed = applyAction(text, uri, actions[0]);
    parses(fixed);
    assert.match(fixed, /\n {2}minReplicas: 2\n/);
    assert.match(fixed, /\nkind: PodDisruptionBudget\n/, 'the budget the raised minReplicas calls for');

    // The passes analysed intermediate texts in the live workspace; none of that shows.
    await sleep(200);
    assert.equal(client.diagnosticsFor(uri).length, publishes, 'no diagnostics published by fix-all');
    const low = only(params, 'hpa-min-replicas-low');
    const quickFix = preferred(await client.codeActions(uri, [low]));
    assert.equal(editsOf(quickFix.edit!, uri).version, 1);
    assert.deepEqual((await client.codeActions(uri, params.diagnostics)).filter((a) => a.title.includes('PodDisruptionBudget') && a.isPreferred), [], 'version 1 still has no pdb-missing');

    await client.change(uri, 2, fixed);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(withCode(after, 'pdb-missing'), []);
    assert.deepEqual(withCode(after, 'hpa-min-replicas-low'), []);
    assert.deepEqual(await client.codeActions(uri, [], { only: [FIX_ALL] }), [], 'a second fix-all has nothing to do');
  });

  it('answers a stale request with no wrong edit, and a request on an unpublished version from that version', async () => {
    const text = pod('web');
    const uri = workspace.uri('slow.yaml');
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri);
    const old = only(params, 'liveness-probe-missing');
    // A line inserted above: the finding moves down one line, and the new version is not published yet.
    const changed = `# a comment\n${text}`;
    await client.change(uri, 2, changed);
    const stale = await client.codeActions(uri, [old]);
    assert.deepEqual(stale, [], 'the old diagnostic matches no finding of version 2');
    const moved: Diagnostic = { ...old, range: { start: { ...old.range.start, line: old.range.start.line + 1 }, end: { ...old.range.end, line: old.range.end.line + 1 } } };
    const fix = preferred(await client.codeActions(uri, [moved]));
    assert.equal(editsOf(fix.edit!, uri).version, 2);
    assert.equal(applyAction(changed, uri, fix), `# a comment\n${yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: web}', 'spec:', '  containers:', '  - name: app', '    image: app:1', ...livenessLines(4))}`);
    const fixAll = await client.codeActions(uri, [], { only: [FIX_ALL] });
    assert.equal(editsOf(fixAll[0].edit!, uri).version, 2);
    assert.ok(applyAction(changed, uri, fixAll[0]).startsWith('# a comment\napiVersion: v1\n'));
    assert.equal(client.diagnosticsFor(uri).at(-1)?.version, 1, 'version 2 was not published yet: the actions were computed from its text');
  });

  it('ignores diagnostics of other sources and rejects kubeProd/fixAll for a document that is not open', async () => {
    const { uri, params } = await open(pod('web'));
    const foreign = { ...only(params, 'liveness-probe-missing'), source: 'yamllint' };
    assert.deepEqual(await client.codeActions(uri, [foreign]), []);
    await assert.rejects(client.request('kubeProd/fixAll', { uri: workspace.uri('closed.yaml') }), (error: { code?: number }) => error.code === ErrorCodes.InvalidParams);
    await assert.rejects(client.request('kubeProd/fixAll', {}), (error: { code?: number }) => error.code === ErrorCodes.InvalidParams);
  });
});

describe('language server: code actions with two rules on', () => {
  const clients: Array<{ client: LspClient; workspace: TempWorkspace }> = [];
  /** Every rule off except liveness-probe-missing and pdb-missing: exact fix-all texts that other rules' fixes cannot change. */
  const twoRules = Object.fromEntries(RULES.map((r) => [r.meta.id, ['liveness-probe-missing', 'pdb-missing'].includes(r.meta.id) ? r.meta.severity : 'off']));

  async function start(options: StartOptions = {}): Promise<{ client: LspClient; workspace: TempWorkspace }> {
    const workspace = tempWorkspace();
    const client = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20, rules: twoRules }), ...options });
    clients.push({ client, workspace });
    return { client, workspace };
  }

  afterEach(async () => {
    for (const { client, workspace } of clients.splice(0)) {
      try {
        await client.shutdown();
      } finally {
        client.kill();
        workspace.dispose();
      }
    }
  });

  it('fix-all takes several passes: the PDB goes in first, the probe that touched it in the next pass; exact text', async () => {
    const { client, workspace } = await start({ documentChanges: true });
    // No final line break: the probe (end of the last line) and the PDB (end of the text) touch.
    const text = deployment('web', 'web', 3).replace(/\n$/, '');
    const uri = workspace.uri('deploy.yaml');
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri, (p) => withCode(p, 'pdb-missing').length > 0);
    assert.deepEqual(params.diagnostics.map((d) => d.code).sort(), ['liveness-probe-missing', 'pdb-missing']);
    const [action] = await client.codeActions(uri, [], { only: [FIX_ALL] });
    const expected = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  replicas: 3',
      '  selector: {matchLabels: {app: web}}',
      '  template:',
      '    metadata: {labels: {app: web}}',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: app:1',
      ...livenessLines(8),
      ...PDB_LINES,
    ].join('\n');
    assert.equal(applyAction(text, uri, action), expected);
    await client.change(uri, 2, expected);
    const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(after.diagnostics, []);
    assert.deepEqual(await client.codeActions(uri, [], { only: [FIX_ALL] }), []);
  });

  it('uses `changes` when the client does not support versioned document changes', async () => {
    const { client, workspace } = await start({ documentChanges: false });
    const text = pod('web');
    const uri = workspace.uri('pod.yaml');
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri);
    const fix = preferred(await client.codeActions(uri, [only(params, 'liveness-probe-missing')]));
    assert.equal(fix.edit?.documentChanges, undefined);
    assert.deepEqual(Object.keys(fix.edit?.changes ?? {}), [uri]);
    const fixAll = await client.request<WorkspaceEdit>('kubeProd/fixAll', { uri });
    assert.equal(applyWorkspaceEdit(text, uri, fixAll), applyAction(text, uri, fix), 'one fixable finding: fix-all is its fix');
  });

  it('a client that resolves code actions gets the ones past the eager budget without an edit, and their edit through codeAction/resolve', async () => {
    // 700 KB of annotation: checking each action parses the whole document, so only the first two fit the 1 MB budget.
    const text = pod('big').replace('metadata: {name: big}', `metadata: {name: big, annotations: {note: ${'x'.repeat(700_000)}}}`);
    const eager = await start();
    const lazy = await start({ resolveCodeActions: true });
    const actionsOf = async ({ client, workspace }: { client: LspClient; workspace: TempWorkspace }): Promise<{ uri: string; actions: CodeAction[] }> => {
      const uri = workspace.uri('big.yaml');
      await client.open(uri, text);
      const params = await client.waitForDiagnostics(uri);
      return { uri, actions: await client.codeActions(uri, [only(params, 'liveness-probe-missing')]) };
    };
    const expected = await actionsOf(eager);
    const got = await actionsOf(lazy);
    const titles = ['Add a livenessProbe to container "app"', 'Disable liveness-probe-missing for this line', 'Disable liveness-probe-missing for Pod "big"'];
    assert.deepEqual(expected.actions.map((a) => [a.title, a.edit !== undefined]), titles.map((t) => [t, true]));
    assert.deepEqual(got.actions.map((a) => [a.title, a.edit !== undefined]), [[titles[0], true], [titles[1], true], [titles[2], false]]);
    const resolved = await lazy.client.resolveCodeAction(got.actions[2]);
    assert.equal(applyAction(text, got.uri, resolved), applyAction(text, expected.uri, expected.actions[2]));
    // Resolved after an edit: the action was for version 1, so no edit comes back.
    await lazy.client.change(got.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }]);
    await lazy.client.waitForDiagnostics(got.uri, (p) => p.version === 2);
    assert.equal((await lazy.client.resolveCodeAction(got.actions[2])).edit, undefined);
  });
});
