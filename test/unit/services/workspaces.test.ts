import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { FileChangeType, type InitializeParams } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { UserConfig } from '../../../server/src/engine/config';
import type { AnyRule, Rule } from '../../../server/src/engine/rule';
import pdbMissing from '../../../server/src/rules/availability/pdb-missing';
import liveness from '../../../server/src/rules/health-checks/liveness-probe-missing';
import { fileUri } from '../../../server/src/services/files';
import { WorkspaceFolders, type Folder } from '../../../server/src/services/folders';
import type { Log } from '../../../server/src/services/log';
import { DEFAULT_SETTINGS, type Settings } from '../../../server/src/services/settings';
import { WorkspaceService, type IndexChange } from '../../../server/src/services/workspaces';
import { deployment, pdb } from '../../helpers/lspFixtures';

interface Harness {
  root: string;
  service: WorkspaceService;
  folder: Folder;
  documents: Map<string, TextDocument>;
  changes: IndexChange[];
  logs: string[];
  uri(relative: string): string;
  write(relative: string, text: string): void;
  setup: { user: UserConfig; key: string; settings: Partial<Settings> };
}

const roots: string[] = [];

function harness(files: Record<string, string>, rules: readonly AnyRule[] = [pdbMissing, liveness], folderNames: string[] = ['']): Harness {
  const root = mkdtempSync(join(tmpdir(), 'kube-prod-ws-'));
  roots.push(root);
  const write = (relative: string, text: string): void => {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  };
  for (const [relative, text] of Object.entries(files)) write(relative, text);
  const folders = new WorkspaceFolders();
  folders.initialize({ workspaceFolders: folderNames.map((name) => ({ uri: fileUri(join(root, name)), name: name || 'root' })) } as InitializeParams);
  const documents = new Map<string, TextDocument>();
  const logs: string[] = [];
  const seen = new Set<string>();
  const log: Log = {
    info: (m) => logs.push(m),
    warn: (m) => logs.push(m),
    error: (m) => logs.push(m),
    once(key, _level, message) {
      if (!seen.has(key)) logs.push(message);
      seen.add(key);
    },
  };
  const setup = { user: {}, key: 'config#0', settings: {} };
  const service = new WorkspaceService({
    rules,
    folders,
    documents: { get: (uri) => documents.get(uri) },
    log,
    setupOf: () => Promise.resolve({ config: { key: setup.key, user: setup.user }, settings: { ...DEFAULT_SETTINGS, ...setup.settings }, filesExclude: [] }),
  });
  const changes: IndexChange[] = [];
  service.onDidChange((change) => changes.push(change));
  service.start();
  return { root, service, folder: folders.all()[0], documents, changes, logs, uri: (relative) => fileUri(join(root, relative)), write, setup };
}

const ids = (service: WorkspaceService, uri: string): string[] => (service.findings(uri) ?? []).map((f) => f.ruleId).sort();

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('WorkspaceService', () => {
  it('indexes the folder from disk and reports cross-resource findings once it is complete', async () => {
    const h = harness({ 'deploy.yaml': deployment('web', 'web'), 'sub/pdb.yaml': pdb('web', 'other'), 'node_modules/x/pdb.yaml': pdb('web', 'web') });
    const workspace = await h.service.complete(h.folder);
    assert.equal(workspace?.index.fileCount, 2);
    assert.deepEqual(ids(h.service, h.uri('deploy.yaml')), ['liveness-probe-missing', 'pdb-missing']);
    assert.deepEqual(h.changes.at(-1), { scope: h.folder.uri, uris: undefined }, 'completion is one change of every file');
    assert.ok(h.logs.some((l) => /^kube-prod: indexed 2 files \(2 Kubernetes objects\) in \d+ ms$/.test(l)), h.logs.join('\n'));
  });

  it("keeps an open document's text over the disk, and goes back to the disk when it is released", async () => {
    const h = harness({ 'deploy.yaml': deployment('web', 'web'), 'pdb.yaml': pdb('web', 'web') });
    await h.service.complete(h.folder);
    const deploy = h.uri('deploy.yaml');
    const pdbUri = h.uri('pdb.yaml');
    assert.deepEqual(ids(h.service, deploy), ['liveness-probe-missing']);

    await h.service.ready(pdbUri);
    h.documents.set(pdbUri, TextDocument.create(pdbUri, 'yaml', 3, pdb('web', 'other')));
    h.service.edited(pdbUri, pdb('web', 'other'), 3);
    assert.equal(h.service.indexedVersion(pdbUri), 3);
    assert.deepEqual(ids(h.service, deploy), ['liveness-probe-missing', 'pdb-missing']);
    assert.deepEqual(h.changes.at(-1), { scope: h.folder.uri, uris: [pdbUri] });

    // A disk event for an open document changes nothing.
    await h.service.filesChanged([{ uri: pdbUri, type: FileChangeType.Changed }]);
    assert.deepEqual(ids(h.service, deploy), ['liveness-probe-missing', 'pdb-missing']);

    h.documents.delete(pdbUri);
    h.service.released(pdbUri);
    await waitFor(() => ids(h.service, deploy).length === 1);
    assert.equal(h.service.indexedVersion(pdbUri), undefined);
  });

  it('follows files created, changed and deleted on disk, one file at a time', async () => {
    const h = harness({ 'deploy.yaml': deployment('web', 'web') });
    await h.service.complete(h.folder);
    const deploy = h.uri('deploy.yaml');
    h.write('pdb.yaml', pdb('web', 'web'));
    await h.service.filesChanged([{ uri: h.uri('pdb.yaml'), type: FileChangeType.Created }]);
    assert.deepEqual(ids(h.service, deploy), ['liveness-probe-missing']);
    h.write('pdb.yaml', pdb('web', 'nobody'));
    await h.service.filesChanged([{ uri: h.uri('pdb.yaml'), type: FileChangeType.Changed }]);
    assert.deepEqual(ids(h.service, deploy), ['liveness-probe-missing', 'pdb-missing']);
    unlinkSync(join(h.root, 'pdb.yaml'));
    await h.service.filesChanged([{ uri: h.uri('pdb.yaml'), type: FileChangeType.Deleted }]);
    assert.equal(h.service.findings(h.uri('pdb.yaml')), undefined);
    assert.deepEqual(h.changes.at(-1), { scope: h.folder.uri, uris: [h.uri('pdb.yaml')] });
  });

  it('logs a throwing rule once and keeps the other rules running', async () => {
    const broken: Rule = { meta: { ...liveness.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } };
    const h = harness({ 'a.yaml': deployment('a', 'a'), 'b.yaml': deployment('b', 'b') }, [broken, liveness, pdbMissing]);
    await h.service.complete(h.folder);
    assert.deepEqual(ids(h.service, h.uri('a.yaml')), ['liveness-probe-missing', 'pdb-missing']);
    const errors = h.logs.filter((l) => l.includes('broken-rule'));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /boom/);
  });

  it('rebuilds a folder when its setup changes, serving the old index until the new one is complete', async () => {
    const h = harness({ 'deploy.yaml': deployment('web', 'web') });
    const first = await h.service.complete(h.folder);
    h.setup.key = 'config#1';
    h.setup.user = { rules: { 'pdb-missing': 'off' } };
    h.service.reconcileAll();
    assert.equal(h.service.serving(h.folder)?.workspace, first, 'the old index serves meanwhile');
    const rebuilt = await waitForValue(async () => {
      const w = await h.service.complete(h.folder);
      return w !== first ? w : undefined;
    });
    assert.notEqual(rebuilt, first);
    assert.deepEqual(ids(h.service, h.uri('deploy.yaml')), ['liveness-probe-missing']);
    assert.ok(h.logs.some((l) => /re-indexed 1 files/.test(l)));

    // The same setup again: nothing is rebuilt.
    h.service.reconcileAll();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(h.service.serving(h.folder)?.workspace, rebuilt);
  });

  it('leaves the files of a nested workspace folder to that folder', async () => {
    const h = harness({ 'deploy.yaml': deployment('web', 'web'), 'inner/pdb.yaml': pdb('web', 'web') }, [pdbMissing], ['', 'inner']);
    const outer = await h.service.complete(h.folder);
    assert.deepEqual([...outer!.index.files()].map((f) => f.uri), [h.uri('deploy.yaml')]);
    assert.deepEqual(ids(h.service, h.uri('deploy.yaml')), ['pdb-missing'], 'the PDB of the other folder does not count');
    assert.equal(h.service.scopeOf(h.uri('inner/pdb.yaml')), h.uri('inner'));
  });
});

async function waitFor(check: () => boolean, timeoutMs = 2000): Promise<void> {
  await waitForValue(() => Promise.resolve(check() ? true : undefined), timeoutMs);
}

async function waitForValue<T>(get: () => Promise<T | undefined>, timeoutMs = 2000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await get();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
