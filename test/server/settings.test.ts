// kubeProd.* settings, pulled per document with workspace/configuration (the test answers them).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient } from '../helpers/lspClient';
import { pod, summary, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';

describe('language server: settings', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  /** The `kubeProd` section the client answers with, per document. */
  const settings = new Map<string, Record<string, unknown>>();

  before(async () => {
    workspace = tempWorkspace();
    client = await LspClient.start({ folders: [workspace.dir], settings: (uri) => (uri !== undefined ? settings.get(uri) : undefined) ?? {} });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  it('asks for the kubeProd section per document and applies kubeProd.rules severities', async () => {
    const uri = workspace.uri('levels.yaml');
    settings.set(uri, { rules: { 'liveness-probe-missing': 'error', 'privileged-container': 'info' } });
    await client.open(uri, pod('levels', { privileged: true }));
    const params = await client.waitForDiagnostics(uri);
    assert.deepEqual(summary(params), ['5:4-5:13 liveness-probe-missing 1', '7:22-7:38 privileged-container 3']);
    assert.ok(
      client.configurationRequests.some((r) => r.items.some((item) => item.scopeUri === uri && item.section === 'kubeProd')),
      'settings are read for the document itself',
    );
  });

  it('re-reads the settings on didChangeConfiguration and re-analyses the open documents', async () => {
    const uri = workspace.uri('reconfigured.yaml');
    await client.open(uri, pod('reconfigured', { privileged: true }));
    const before = await client.waitForDiagnostics(uri);
    assert.deepEqual(summary(before), ['5:4-5:13 liveness-probe-missing 2', '7:22-7:38 privileged-container 1']);
    const count = client.diagnosticsFor(uri).length;

    settings.set(uri, { rules: { 'liveness-probe-missing': 'off', 'privileged-container': 'warning' } });
    await client.changeConfiguration();
    const afterChange = await client.waitForDiagnostics(uri, () => client.diagnosticsFor(uri).length > count);
    assert.equal(afterChange.version, 1, 'same document version, analysed again');
    assert.deepEqual(summary(afterChange), ['7:22-7:38 privileged-container 2']);
  });

  it('clears and skips a document when kubeProd.enable is false', async () => {
    const uri = workspace.uri('disabled.yaml');
    await client.open(uri, pod('disabled'));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    settings.set(uri, { enable: false });
    await client.changeConfiguration();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    await client.change(uri, 2, pod('disabled', { privileged: true }));
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(edited.diagnostics, [], 'edits of a disabled document are not analysed');
  });

  it('skips files matching kubeProd.exclude globs, relative to the workspace folder', async () => {
    const excluded = workspace.uri('generated/deep/pod.yaml');
    const kept = workspace.uri('src/pod.yaml');
    for (const uri of [excluded, kept]) settings.set(uri, { exclude: ['generated/**', '**/*.tmpl.yaml'] });
    await client.open(excluded, pod('excluded'));
    await client.open(kept, pod('kept'));
    assert.deepEqual((await client.waitForDiagnostics(excluded)).diagnostics, []);
    assert.deepEqual(summary(await client.waitForDiagnostics(kept)), ['5:4-5:13 liveness-probe-missing 2']);
  });

  it('logs an unknown rule id in kubeProd.rules once and ignores it', async () => {
    const uri = workspace.uri('unknown-rule.yaml');
    settings.set(uri, { rules: { 'no-such-rule': 'error', 'liveness-probe-missing': 'info' } });
    await client.open(uri, pod('unknown'));
    assert.deepEqual(summary(await client.waitForDiagnostics(uri)), ['5:4-5:13 liveness-probe-missing 3']);
    const count = client.diagnosticsFor(uri).length;
    await client.changeConfiguration();
    // Logs and diagnostics share one ordered stream: once this publish is here, so is any log before it.
    await client.waitForDiagnostics(uri, () => client.diagnosticsFor(uri).length > count);
    assert.equal(client.logs.filter((l) => l.message.includes('"no-such-rule"')).length, 1);
  });
});
