// The server survives what it does not expect, and shuts down cleanly when asked.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../helpers/lspClient';
import { pod, summary, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';

describe('language server: robustness', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = tempWorkspace();
    client = await LspClient.start({ folders: [workspace.dir] });
  });

  after(() => {
    client?.kill();
    workspace?.dispose();
  });

  it('logs a handler that throws on malformed input and keeps serving', async () => {
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: null });
    await client.sendNotification('workspace/didChangeConfiguration', null);
    await client.change(workspace.uri('never-opened.yaml'), 2, 'kind: Pod\n');
    await client.waitForLog(/didChangeWatchedFiles failed/);
    const uri = workspace.uri('after-errors.yaml');
    await client.open(uri, pod('after'));
    assert.deepEqual(summary(await client.waitForDiagnostics(uri)), ['5:4-5:13 liveness-probe-missing 2']);
    assert.ok(client.running);
  });

  it('analyses a Helm template without a word, and non-Kubernetes YAML without complaint', async () => {
    const helm = workspace.uri('templates/deployment.yaml');
    await client.open(helm, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n');
    assert.deepEqual((await client.waitForDiagnostics(helm)).diagnostics, []);
    const ci = workspace.uri('.github/workflows/ci.yaml');
    await client.open(ci, 'on: [push\njobs: {}\n');
    assert.deepEqual((await client.waitForDiagnostics(ci)).diagnostics, []);
  });

  it('publishes diagnostics for a merge key that includes its own mapping, and for the file opened next (issue 12)', async () => {
    // It once overflowed the stack: no diagnostics at all for the file, not within 10 s.
    const uri = workspace.uri('self-merge.yaml');
    await client.open(uri, 'apiVersion: v1\nkind: Pod\nmetadata: &m {name: x, <<: *m}\nspec:\n  containers:\n  - {name: app, image: "app:latest"}\n');
    const params = await client.waitForDiagnostics(uri);
    assert.ok(params.diagnostics.some((d) => d.code === 'image-tag-latest' && String(d.message).startsWith('Pod "x"')), JSON.stringify(params.diagnostics.map((d) => d.code)));
    const next = workspace.uri('after-self-merge.yaml');
    await client.open(next, pod('next'));
    assert.ok((await client.waitForDiagnostics(next)).diagnostics.some((d) => d.code === 'liveness-probe-missing'));
    assert.ok(client.running);
  });

  it('answers a client that cannot be asked for settings with the defaults', async () => {
    const other = await LspClient.start({ folders: [workspace.dir], configuration: false });
    try {
      const uri = workspace.uri('no-config-capability.yaml');
      await other.open(uri, pod('plain', { privileged: true }));
      assert.deepEqual(summary(await other.waitForDiagnostics(uri)), ['5:4-5:13 liveness-probe-missing 2', '7:22-7:38 privileged-container 1']);
      assert.deepEqual(other.configurationRequests, []);
      await other.changeConfiguration({ kubeProd: { rules: { 'privileged-container': 'off' } } });
      assert.deepEqual(summary(await other.waitForDiagnostics(uri, (p) => summary(p).length === 1)), ['5:4-5:13 liveness-probe-missing 2']);
    } finally {
      other.kill();
    }
  });

  it('exits with code 0 after shutdown and exit', async () => {
    assert.equal(await client.shutdown(), 0);
    assert.equal(client.running, false);
  });
});
