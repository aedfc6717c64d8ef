// The workspace index through the real server on stdio: files on disk and in the editor, their
// changes, and the diagnostics of the OTHER open documents that follow from them; the checklist protocol.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { FileChangeType, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import type { Checklist, ChecklistItem } from '../../server/src/engine/workspace/checklist';
import { LspClient, type StartOptions } from '../helpers/lspClient';
import { codes, deployment, pdb, service, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { yaml } from '../helpers/ruleTester';

/** The cross-resource rules these tests look at. */
const WATCHED = ['pdb-missing', 'service-selects-nothing'];
const has = (id: string) => (p: PublishDiagnosticsParams): boolean => codes(p, WATCHED).includes(id);
const lacks = (id: string) => (p: PublishDiagnosticsParams): boolean => !codes(p, WATCHED).includes(id);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Quiet time after which a re-publish would have happened (debounce 50 ms in these tests). */
const SETTLE_MS = 500;

interface Fixture {
  ws: TempWorkspace;
  client: LspClient;
  write(relative: string, text: string): void;
  /** Writes (or deletes, text undefined) a file on disk and tells the server, as the client's watcher would. */
  disk(relative: string, text: string | undefined, type?: FileChangeType): Promise<void>;
}

let fixtures: Fixture[] = [];

async function setup(files: Record<string, string>, kubeProd: Record<string, unknown> = {}, options: StartOptions = {}): Promise<Fixture> {
  const ws = tempWorkspace();
  const write = (relative: string, text: string): void => {
    mkdirSync(dirname(ws.path(relative)), { recursive: true });
    writeFileSync(ws.path(relative), text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  const client = await LspClient.start({ folders: [ws.dir], settings: () => ({ debounceMs: 50, ...kubeProd }), ...options });
  const fixture: Fixture = {
    ws,
    client,
    write,
    async disk(relative, text, type) {
      if (text === undefined) unlinkSync(ws.path(relative));
      else write(relative, text);
      await client.changeWatchedFiles([{ uri: ws.uri(relative), type: type ?? (text === undefined ? FileChangeType.Deleted : FileChangeType.Changed) }]);
    },
  };
  fixtures.push(fixture);
  return fixture;
}

afterEach(async () => {
  for (const { client, ws } of fixtures) {
    try {
      await client.shutdown();
    } catch {
      // The server may be gone already; killing it below is enough.
    } finally {
      client.kill();
      ws.dispose();
    }
  }
  fixtures = [];
});

function item(checklist: Checklist, id: string): ChecklistItem {
  const found = checklist.sections.flatMap((s) => s.items).find((i) => i.id === id);
  assert.ok(found, `checklist item ${id}`);
  return found;
}

describe('language server: workspace index', () => {
  it('re-publishes an untouched open document when a file on disk adds, changes and deletes the PDB it needs', async () => {
    const { ws, client, disk } = await setup({ 'deploy.yaml': deployment('web', 'web') });
    const deployUri = ws.uri('deploy.yaml');
    await client.open(deployUri, deployment('web', 'web'));
    const first = await client.waitForDiagnostics(deployUri, has('pdb-missing'));
    const finding = first.diagnostics.find((d) => d.code === 'pdb-missing');
    assert.deepEqual(finding?.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 16 } }, 'on the kind of the Deployment');
    assert.equal(finding?.message, 'Deployment "web" runs 3 replicas and no PodDisruptionBudget selects its pods');

    await disk('pdb.yaml', pdb('web', 'web'), FileChangeType.Created);
    const covered = await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));
    assert.equal(covered.version, 1, 'the user never touched deploy.yaml');

    await disk('pdb.yaml', pdb('web', 'other'));
    assert.equal((await client.waitForDiagnostics(deployUri, has('pdb-missing'))).version, 1);

    const publishes = client.diagnosticsFor(deployUri).length;
    await disk('pdb.yaml', undefined);
    await sleep(SETTLE_MS);
    assert.equal(client.diagnosticsFor(deployUri).length, publishes, 'the same findings are not sent again');
    assert.ok(has('pdb-missing')(client.diagnosticsFor(deployUri).at(-1)!));

    // Renamed back into place (a delete and a create): covered again.
    await disk('policies/pdb.yaml', pdb('web', 'web'), FileChangeType.Created);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));
  });

  it('puts service-selects-nothing on an open Service, and takes it away when the workload file appears', async () => {
    const { ws, client, disk } = await setup({ 'web.yaml': deployment('web', 'web', 1) });
    const serviceUri = ws.uri('api-service.yaml');
    await client.open(serviceUri, service('api', 'api'));
    const published = await client.waitForDiagnostics(serviceUri, has('service-selects-nothing'));
    const finding = published.diagnostics.find((d) => d.code === 'service-selects-nothing');
    assert.match(String(finding?.message), /^Service "api" selects no pods: no workload in namespace "default" has labels app=api/);
    assert.equal(finding?.range.start.line, 4, 'at the selector');

    await disk('api.yaml', deployment('api', 'api', 1), FileChangeType.Created);
    const fixed = await client.waitForDiagnostics(serviceUri, lacks('service-selects-nothing'));
    assert.equal(fixed.version, 1);
  });

  it('re-publishes the other open documents after an edit in the editor (debounced, only when they change)', async () => {
    const { ws, client } = await setup({});
    const deployUri = ws.uri('deploy.yaml');
    const serviceUri = ws.uri('service.yaml');
    await client.open(deployUri, deployment('web', 'web', 1));
    await client.open(serviceUri, service('web', 'web'));
    await client.waitForDiagnostics(deployUri);
    await client.waitForDiagnostics(serviceUri, lacks('service-selects-nothing'));
    await sleep(SETTLE_MS);
    const servicePublishes = client.diagnosticsFor(serviceUri).length;

    // An edit that does not change what the Service sees: the Service is not re-sent.
    await client.change(deployUri, 2, deployment('web', 'web', 1).replace('image: app:1', 'image: app:2'));
    await client.waitForDiagnostics(deployUri, (p) => p.version === 2);
    await sleep(SETTLE_MS);
    assert.equal(client.diagnosticsFor(serviceUri).length, servicePublishes);

    await client.change(deployUri, 3, deployment('web', 'web-v2', 1));
    const broken = await client.waitForDiagnostics(serviceUri, has('service-selects-nothing'));
    assert.equal(broken.version, 1, 'the Service document was not edited');
    assert.equal(client.diagnosticsFor(serviceUri).length, servicePublishes + 1);
  });

  it("indexes an open document's unsaved text over the file on disk, and the disk again once it is closed", async () => {
    const { ws, client, disk } = await setup({ 'deploy.yaml': deployment('web', 'web'), 'pdb.yaml': pdb('web', 'web') });
    const deployUri = ws.uri('deploy.yaml');
    const pdbUri = ws.uri('pdb.yaml');
    await client.open(deployUri, deployment('web', 'web'));
    await client.waitForLog(/indexed 2 files/);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));

    await client.open(pdbUri, pdb('web', 'someone-else'));
    await client.waitForDiagnostics(deployUri, has('pdb-missing'));

    // The disk changes underneath: the editor still wins.
    const publishes = client.diagnosticsFor(deployUri).length;
    await disk('pdb.yaml', pdb('web', 'web'));
    await sleep(SETTLE_MS);
    assert.equal(client.diagnosticsFor(deployUri).length, publishes);

    await client.close(pdbUri);
    await client.waitForDiagnostics(pdbUri, (p) => p.diagnostics.length === 0);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));
  });

  it('leaves out excluded folders, node_modules, files.exclude and files over kubeProd.maxFileSizeKb, and says so in the log', async () => {
    const padding = `# ${'x'.repeat(1100)}\n`;
    let filesExclude: Record<string, boolean> = { 'hidden/**': true, 'other.yml': false };
    const { ws, client, disk } = await setup(
      {
        'deploy.yaml': deployment('web', 'web'),
        'generated/pdb.yaml': pdb('generated', 'web'),
        'node_modules/chart/pdb.yaml': pdb('dependency', 'web'),
        'hidden/pdb.yaml': pdb('hidden', 'web'),
        'big/pdb.yaml': padding + pdb('big', 'web'),
        'other.yml': service('web', 'web'),
      },
      { exclude: ['generated/**'], maxFileSizeKb: 1 },
      { sections: (section) => (section === 'files.exclude' ? filesExclude : null) },
    );
    const deployUri = ws.uri('deploy.yaml');
    await client.open(deployUri, deployment('web', 'web'));
    const summary = await client.waitForLog(/indexed \d+ files/);
    assert.match(summary.message, /^kube-prod: indexed 2 files \(2 Kubernetes objects\) in \d+ ms$/);
    await client.waitForDiagnostics(deployUri, has('pdb-missing'));
    const large = await client.waitForLog(/not indexing/);
    assert.match(large.message, /big\/pdb\.yaml: 2 KB is over kubeProd\.maxFileSizeKb \(1 KB\)/);

    // Touched again: still left out, and not logged twice.
    await disk('big/pdb.yaml', `${padding}${pdb('big', 'web')}`);
    await disk('generated/pdb.yaml', pdb('generated', 'web'));
    await sleep(SETTLE_MS);
    assert.ok(has('pdb-missing')(client.diagnosticsFor(deployUri).at(-1)!));
    assert.equal(client.logs.filter((l) => /not indexing/.test(l.message)).length, 1);
    assert.equal(client.logs.filter((l) => /indexed \d+ files/.test(l.message)).length, 1, 'one summary');

    // Under the limit, it counts.
    await disk('big/pdb.yaml', pdb('big', 'web'));
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));

    // files.exclude changes: the folder is indexed again without the newly excluded files.
    filesExclude = { ...filesExclude, big: true };
    await client.changeConfiguration();
    await client.waitForLog(/re-indexed 2 files/);
    await client.waitForDiagnostics(deployUri, has('pdb-missing'));
  });

  it('drops the files of a deleted folder and reads the files of a created one', async () => {
    const { ws, client } = await setup({ 'deploy.yaml': deployment('web', 'web'), 'policies/pdb.yaml': pdb('web', 'web') });
    const deployUri = ws.uri('deploy.yaml');
    await client.open(deployUri, deployment('web', 'web'));
    await client.waitForLog(/indexed 2 files/);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));

    rmSync(ws.path('policies'), { recursive: true });
    await client.changeWatchedFiles([{ uri: ws.uri('policies'), type: FileChangeType.Deleted }]);
    await client.waitForDiagnostics(deployUri, has('pdb-missing'));

    mkdirSync(ws.path('moved/deeper'), { recursive: true });
    writeFileSync(ws.path('moved/deeper/pdb.yaml'), pdb('web', 'web'));
    await client.changeWatchedFiles([{ uri: ws.uri('moved'), type: FileChangeType.Created }]);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));
  });

  it('rebuilds the index when .kube-prod.yaml changes', async () => {
    const { ws, client, disk } = await setup({ 'deploy.yaml': deployment('web', 'web'), 'pdb.yaml': pdb('web', 'web').replace('metadata: {name: web}', 'metadata: {name: web, namespace: prod}') });
    const deployUri = ws.uri('deploy.yaml');
    await client.open(deployUri, deployment('web', 'web'));
    await client.waitForDiagnostics(deployUri, has('pdb-missing'));

    // Objects without a namespace now belong to "prod", where the PDB is.
    await disk('.kube-prod.yaml', yaml('defaultNamespace: prod'), FileChangeType.Created);
    await client.waitForDiagnostics(deployUri, lacks('pdb-missing'));
    await client.waitForLog(/re-indexed 2 files/);
  });

  it('keeps workspace folders apart; open documents outside every folder share one index', async () => {
    const a = tempWorkspace();
    const b = tempWorkspace();
    writeFileSync(a.path('deploy.yaml'), deployment('web', 'web'));
    writeFileSync(b.path('pdb.yaml'), pdb('web', 'web'));
    const client = await LspClient.start({ folders: [a.dir, b.dir], settings: () => ({ debounceMs: 50 }) });
    fixtures.push({ ws: a, client, write: () => undefined, disk: () => Promise.resolve() }, { ws: b, client, write: () => undefined, disk: () => Promise.resolve() });
    await client.open(a.uri('deploy.yaml'), deployment('web', 'web'));
    await client.waitForLog(/indexed 1 files of /);
    assert.ok(has('pdb-missing')(await client.waitForDiagnostics(a.uri('deploy.yaml'), has('pdb-missing'))), "the other folder's PDB does not count");

    await client.open('untitled:Untitled-1', deployment('loose', 'loose'));
    await client.waitForDiagnostics('untitled:Untitled-1', has('pdb-missing'));
    await client.open('untitled:Untitled-2', pdb('loose', 'loose'));
    assert.equal((await client.waitForDiagnostics('untitled:Untitled-1', lacks('pdb-missing'))).version, 1);
    await client.close('untitled:Untitled-2');
    await client.waitForDiagnostics('untitled:Untitled-1', has('pdb-missing'));
  });

  it('registers file watchers with clients that support it', async () => {
    const { client } = await setup({}, {}, { watchers: true });
    const registration = await client.waitUntil(
      () => client.registrations.flatMap((r) => r.registrations).find((r) => r.method === 'workspace/didChangeWatchedFiles'),
      () => 'the file watchers',
    );
    const globs = (registration.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, ['**/*.{yaml,yml}', '**/.kube-prod.yaml', '**/.kube-prod-checklist.yaml', '**/*']);
  });
});

describe('language server: checklist protocol', () => {
  it('answers kubeProd/checklist and notifies kubeProd/checklistChanged when a change alters it', async () => {
    const { ws, client, disk } = await setup({ 'deploy.yaml': deployment('web', 'web') });
    const checklist = await client.request<Checklist>('kubeProd/checklist', { folderUri: ws.uri('') });
    const budgets = item(checklist, 'disruption-budgets');
    assert.equal(budgets.status, 'fail');
    assert.deepEqual(budgets.count, { passing: 0, total: 1, noun: 'multi-replica workload or PDB' });
    assert.deepEqual(budgets.failures.map((f) => [f.uri, f.range.start.line, f.kind, f.name]), [[ws.uri('deploy.yaml'), 1, 'Deployment', 'web']]);
    assert.equal(item(checklist, 'runbooks').status, 'fail');
    assert.equal(item(checklist, 'backups').status, 'not-applicable');
    assert.deepEqual(await client.request<Checklist>('kubeProd/checklist', {}), checklist, 'the only folder by default');

    await disk('pdb.yaml', pdb('web', 'web'), FileChangeType.Created);
    const changed = await client.waitUntil(() => client.notificationsOf('kubeProd/checklistChanged')[0], () => 'kubeProd/checklistChanged');
    assert.deepEqual(changed, { folderUri: ws.uri('') });
    const after = await client.request<Checklist>('kubeProd/checklist', { folderUri: ws.uri('') });
    assert.equal(item(after, 'disruption-budgets').status, 'pass');
    assert.deepEqual(item(after, 'disruption-budgets').count, { passing: 2, total: 2, noun: 'multi-replica workloads and PDBs' });

    // A change that leaves the checklist as it was: no notification.
    await disk('notes.yaml', yaml('just: data'), FileChangeType.Created);
    await sleep(SETTLE_MS);
    assert.equal(client.notificationsOf('kubeProd/checklistChanged').length, 1);
  });

  it('records a manual item in .kube-prod-checklist.yaml on disk, or through the editor when the file is open', async () => {
    const { ws, client } = await setup({ 'deploy.yaml': deployment('web', 'web') });
    const folderUri = ws.uri('');
    const answer = await client.request<Checklist>('kubeProd/setManualItem', { folderUri, itemId: 'runbooks', done: true, by: 'alice', date: '2026-01-15' });
    assert.equal(item(answer, 'runbooks').status, 'pass');
    assert.match(readFileSync(ws.path('.kube-prod-checklist.yaml'), 'utf8'), /runbooks: \{ ?done: true, by: alice, date: 2026-01-15 ?\}/);
    assert.equal(item(await client.request<Checklist>('kubeProd/checklist', { folderUri }), 'runbooks').status, 'pass');

    await assert.rejects(client.request('kubeProd/setManualItem', { folderUri, itemId: 'probes', done: true }), /not a manual checklist item/);
    await assert.rejects(client.request('kubeProd/checklist', { folderUri: 'file:///nowhere' }), /not a workspace folder/);

    const fileUri = ws.uri('.kube-prod-checklist.yaml');
    const text = readFileSync(ws.path('.kube-prod-checklist.yaml'), 'utf8');
    await client.open(fileUri, text);
    const edited = await client.request<Checklist>('kubeProd/setManualItem', { folderUri, itemId: 'on-call', done: true });
    assert.equal(item(edited, 'on-call').status, 'pass');
    assert.equal(client.appliedEdits.length, 1, 'the open file is edited in the editor');
    const newText = client.appliedEdits[0].edit.changes?.[fileUri]?.[0].newText ?? '';
    assert.match(newText, /on-call: \{ ?done: true ?\}/);
    assert.equal(readFileSync(ws.path('.kube-prod-checklist.yaml'), 'utf8'), text, 'the disk is left to the editor');

    // A broken checklist file is reported on itself; its manual items count as not recorded.
    await client.change(fileUri, 2, 'items: {runbooks: {done: maybe}}\n');
    const problems = await client.waitForDiagnostics(fileUri, (p) => p.diagnostics.length > 0);
    assert.equal(problems.diagnostics[0].code, 'checklist');
    assert.equal(item(await client.request<Checklist>('kubeProd/checklist', { folderUri }), 'runbooks').status, 'fail');
  });
});
