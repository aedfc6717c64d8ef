// .kube-prod.yaml at the workspace root: read from disk or from the editor, re-read on change;
// a bad one is reported on itself and the defaults apply meanwhile.
import assert from 'node:assert/strict';
import { unlinkSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType, MessageType } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { pod, summary, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { yaml } from '../helpers/ruleTester';

const DEFAULTS = ['5:4-5:13 liveness-probe-missing 2', '7:22-7:38 privileged-container 1'];

describe('language server: .kube-prod.yaml on disk', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let configUri: string;
  let manifestUri: string;

  before(async () => {
    workspace = tempWorkspace();
    configUri = workspace.uri('.kube-prod.yaml');
    manifestUri = workspace.uri('app.yaml');
    writeFileSync(workspace.path('.kube-prod.yaml'), yaml('rules:', '  privileged-container: warning', '  liveness-probe-missing: sometimes', '  no-such-rule: off'));
    client = await LspClient.start({ folders: [workspace.dir] });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  it('reports a bad config on the file at the offending keys, warns once, logs it, and analyses with the defaults', async () => {
    const config = await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length > 0);
    const messages = JSON.stringify(config.diagnostics.map((d) => d.message));
    const badLevel = config.diagnostics.find((d) => String(d.message).startsWith('rules.liveness-probe-missing: must be one of'));
    assert.ok(badLevel, `names the key: ${messages}`);
    assert.deepEqual(badLevel.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 24 } });
    assert.equal(badLevel.source, 'kube-prod');
    assert.equal(badLevel.code, 'config');
    assert.equal(badLevel.severity, DiagnosticSeverity.Error);
    const unknown = config.diagnostics.find((d) => d.message === 'rules.no-such-rule: unknown rule "no-such-rule"');
    assert.ok(unknown, messages);
    assert.ok(!config.diagnostics.some((d) => String(d.message).includes('privileged-container')), 'the valid key is not reported');
    assert.deepEqual(unknown.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 14 } });

    await client.waitForLog(/invalid config[\s\S]*rules\.liveness-probe-missing/);
    const warnings = client.messages.filter((m) => m.type === MessageType.Warning && m.message.includes('.kube-prod.yaml'));
    assert.equal(warnings.length, 1);

    await client.open(manifestUri, pod('app', { privileged: true }));
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri)), DEFAULTS, 'the valid part (privileged: warning) is not applied either');
  });

  it('applies the config once fixed on disk: a rule turned off loses its findings', async () => {
    writeFileSync(workspace.path('.kube-prod.yaml'), yaml('rules:', '  liveness-probe-missing: off'));
    await client.changeWatchedFiles([{ uri: configUri, type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(configUri, (p) => p.diagnostics.length === 0);
    const params = await client.waitForDiagnostics(manifestUri, (p) => summary(p).length === 1);
    assert.deepEqual(summary(params), ['7:22-7:38 privileged-container 1']);
    assert.equal(params.version, 1);
  });

  it('keeps working when the config is deleted: back to the defaults', async () => {
    unlinkSync(workspace.path('.kube-prod.yaml'));
    await client.changeWatchedFiles([{ uri: configUri, type: FileChangeType.Deleted }]);
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri, (p) => summary(p).length === 2)), DEFAULTS);
  });
});

describe('language server: .kube-prod.yaml open in the editor', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let configUri: string;
  let manifestUri: string;

  before(async () => {
    workspace = tempWorkspace();
    configUri = workspace.uri('.kube-prod.yaml');
    manifestUri = workspace.uri('app.yaml');
    writeFileSync(workspace.path('.kube-prod.yaml'), yaml('rules:', '  liveness-probe-missing: off'));
    client = await LspClient.start({ folders: [workspace.dir] });
    await client.open(manifestUri, pod('app', { privileged: true }));
    await client.waitForDiagnostics(manifestUri);
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  it('reads the config from disk at start', async () => {
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri)), ['7:22-7:38 privileged-container 1']);
  });

  it("uses the editor's text over the file on disk and re-analyses on each change", async () => {
    await client.open(configUri, yaml('rules:', '  privileged-container: info'));
    const reanalysed = await client.waitForDiagnostics(manifestUri, (p) => summary(p).length === 2);
    assert.deepEqual(summary(reanalysed), ['5:4-5:13 liveness-probe-missing 2', '7:22-7:38 privileged-container 3']);
    assert.deepEqual(client.diagnosticsFor(configUri), [], 'a valid config gets no diagnostics');
  });

  it('reports a broken edit on the config (one warning per invalid spell) and falls back to the defaults', async () => {
    const warningsBefore = client.messages.length;
    await client.change(configUri, 2, yaml('rules:', '  privileged-container: [info'));
    const broken = await client.waitForDiagnostics(configUri, (p) => p.version === 2);
    assert.ok(broken.diagnostics.length > 0);
    assert.ok(broken.diagnostics.every((d) => d.code === 'config' && d.source === 'kube-prod'));
    assert.match(String(broken.diagnostics[0].message), /YAML syntax error/);
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri, (p) => summary(p)[1]?.endsWith(' 1') === true)), DEFAULTS);

    await client.change(configUri, 3, yaml('rules:', '  privileged-container: sometimes'));
    const stillBroken = await client.waitForDiagnostics(configUri, (p) => p.version === 3);
    assert.ok(stillBroken.diagnostics.length > 0);
    for (const d of stillBroken.diagnostics) {
      assert.match(String(d.message), /^rules\.privileged-container: /);
      assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 22 } }, 'at the key');
    }
    assert.equal(client.messages.length, warningsBefore + 1, 'one warning for the whole invalid spell');

    await client.change(configUri, 4, yaml('rules:', '  privileged-container: "off"'));
    await client.waitForDiagnostics(configUri, (p) => p.version === 4 && p.diagnostics.length === 0);
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri, (p) => summary(p).length === 1)), ['5:4-5:13 liveness-probe-missing 2']);
  });

  it('goes back to the file on disk when the editor closes the config', async () => {
    await client.close(configUri);
    assert.deepEqual(summary(await client.waitForDiagnostics(manifestUri, (p) => summary(p).length === 1 && summary(p)[0].includes('privileged'))), [
      '7:22-7:38 privileged-container 1',
    ]);
  });
});
