// The language server over real JSON-RPC: diagnostics on open, on change, on close.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { RULES, ruleById } from '../../server/src/rules';
import { LspClient } from '../helpers/lspClient';
import { pod, stable, summary, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { yaml } from '../helpers/ruleTester';

const docsUrl = (id: string): string | undefined => ruleById(id)?.meta.docsUrl;

/** Where a substring starts, as an LSP position. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in the text`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function shifted(diagnostics: Diagnostic[], lines: number): Diagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    range: { start: { ...d.range.start, line: d.range.start.line + lines }, end: { ...d.range.end, line: d.range.end.line + lines } },
  }));
}

const byPod = (params: PublishDiagnosticsParams, name: string): Diagnostic[] =>
  stable(params).filter((d) => typeof d.message === 'string' && d.message.startsWith(`Pod "${name}"`));

describe('language server: diagnostics', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  /** The `kubeProd` section the client answers with, per document (a promise holds the answer back). */
  const settings = new Map<string, unknown>();

  before(async () => {
    workspace = tempWorkspace();
    client = await LspClient.start({ folders: [workspace.dir], settings: (uri) => settings.get(uri ?? '') ?? {} });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  it('publishes findings on open with range, severity, source, code and documentation link', async () => {
    const uri = workspace.uri('open.yaml');
    const text = pod('web', { privileged: true });
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri);
    assert.equal(params.version, 1);
    assert.deepEqual(stable(params), [
      {
        range: { start: { line: 5, character: 4 }, end: { line: 5, character: 13 } },
        severity: DiagnosticSeverity.Warning,
        source: 'kube-prod',
        code: 'liveness-probe-missing',
        codeDescription: { href: docsUrl('liveness-probe-missing') },
        message: 'Pod "web", container "app": no livenessProbe',
      },
      {
        range: { start: positionOf(text, 'privileged: true'), end: { line: 7, character: 38 } },
        severity: DiagnosticSeverity.Error,
        source: 'kube-prod',
        code: 'privileged-container',
        codeDescription: { href: docsUrl('privileged-container') },
        message: 'Pod "web", container "app": runs privileged',
      },
    ]);
    for (const diagnostic of params.diagnostics) {
      assert.equal(diagnostic.source, 'kube-prod');
      assert.equal(diagnostic.codeDescription?.href, docsUrl(String(diagnostic.code)), `${String(diagnostic.code)} links its docs`);
    }
  });

  it('re-analyses an edited document of a multi-document file; the others keep their ranges, shifted by inserted lines', async () => {
    const uri = workspace.uri('multi.yaml');
    const text = `${pod('a', { privileged: true })}---\n${pod('b', { privileged: true })}---\n${pod('c', { privileged: true })}`;
    await client.open(uri, text);
    const first = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.equal(byPod(first, 'a').length, 2);
    assert.equal(byPod(first, 'b').length, 2);
    assert.equal(byPod(first, 'c').length, 2);

    // In document "b" only: privileged turned off, and one line inserted above its containers (incremental sync).
    const metadataB = positionOf(text, 'name: b').line;
    const privilegedLine = metadataB + 5;
    const insertAt = { line: metadataB + 2, character: 0 };
    assert.equal(text.split('\n')[privilegedLine].slice(34, 38), 'true');
    await client.change(uri, 2, [
      { range: { start: { line: privilegedLine, character: 34 }, end: { line: privilegedLine, character: 38 } }, text: 'false' },
      { range: { start: insertAt, end: insertAt }, text: '  restartPolicy: Always\n' },
    ]);
    const second = await client.waitForDiagnostics(uri, (p) => p.version === 2);

    assert.deepEqual(byPod(second, 'a'), byPod(first, 'a'), 'document a: identical');
    assert.deepEqual(
      byPod(second, 'b').map((d) => d.code),
      ['liveness-probe-missing'],
      'document b: the privileged finding is gone',
    );
    assert.deepEqual(byPod(second, 'b'), shifted(byPod(first, 'b').slice(0, 1), 1), 'document b: the liveness finding moved down one line');
    assert.deepEqual(byPod(second, 'c'), shifted(byPod(first, 'c'), 1), 'document c: same findings, one line down');
  });

  it('reports a YAML syntax error and still checks the good documents beside it', async () => {
    const uri = workspace.uri('broken-doc.yaml');
    const broken = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: broken', 'spec: {}');
    const text = `${pod('a')}---\n${broken}---\n${pod('c', { privileged: true })}`;
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri);
    const syntax = stable(params).filter((d) => d.code === 'yaml-syntax');
    assert.ok(syntax.length > 0, 'the syntax error is reported');
    const brokenStart = positionOf(text, 'metadata: {name: broken').line - 2;
    for (const d of syntax) {
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.equal(d.codeDescription?.href, docsUrl('yaml-syntax'));
      assert.ok(d.range.start.line >= brokenStart && d.range.start.line < brokenStart + 5, `syntax error inside the broken document (${JSON.stringify(d.range)})`);
    }
    assert.deepEqual(byPod(params, 'a').map((d) => d.code), ['liveness-probe-missing']);
    assert.deepEqual(byPod(params, 'c').map((d) => d.code), ['liveness-probe-missing', 'privileged-container']);
    assert.deepEqual(byPod(params, 'broken'), [], 'nothing but the syntax error on the broken document');
  });

  it('keeps a broken file from affecting another file', async () => {
    const brokenUri = workspace.uri('two-broken.yaml');
    const goodUri = workspace.uri('two-good.yaml');
    await client.open(brokenUri, yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: [unclosed', 'spec: {}'));
    await client.open(goodUri, pod('good', { privileged: true }));
    const broken = await client.waitForDiagnostics(brokenUri);
    const good = await client.waitForDiagnostics(goodUri);
    assert.deepEqual([...new Set(stable(broken).map((d) => d.code))], ['yaml-syntax']);
    assert.deepEqual(summary(good), ['5:4-5:13 liveness-probe-missing 2', '7:22-7:38 privileged-container 1']);
  });

  it('clears the diagnostics of a closed document', async () => {
    const uri = workspace.uri('closed.yaml');
    await client.open(uri, pod('closing'));
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.equal(cleared.version, undefined, 'a closed document has no version');
  });

  it('debounces edits: a burst of changes within kubeProd.debounceMs is analysed once, at its last version', async () => {
    const uri = workspace.uri('typing.yaml');
    settings.set(uri, { debounceMs: 1000 });
    let text = pod('typing');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    for (let version = 2; version <= 6; version++) {
      // Typing pace: each pause is far shorter than the debounce, long enough for an undebounced analysis.
      if (version > 2) await new Promise((resolve) => setTimeout(resolve, 40));
      text = `# edit ${version}\n${text}`;
      await client.change(uri, version, text);
    }
    const last = await client.waitForDiagnostics(uri, (p) => p.version === 6);
    assert.deepEqual(summary(last), ['10:4-10:13 liveness-probe-missing 2']);
    assert.deepEqual(
      client.diagnosticsFor(uri).map((p) => p.version),
      [1, 6],
      'open is immediate; the edits in between were never analysed',
    );
  });

  it('cancels a run superseded by a newer version: the old version is never published', async () => {
    const uri = workspace.uri('superseded.yaml');
    let answer: (value: unknown) => void = () => undefined;
    settings.set(uri, new Promise((resolve) => (answer = resolve)));
    await client.open(uri, pod('old', { privileged: true }));
    // The run for version 1 is now waiting for its settings; version 2 arrives meanwhile.
    await client.waitUntil(
      () => client.configurationRequests.find((r) => r.items.some((item) => item.scopeUri === uri)),
      () => 'the settings request for version 1',
    );
    await client.change(uri, 2, pod('new'));
    answer({});
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(byPod(published, 'new').map((d) => d.code), ['liveness-probe-missing']);
    assert.deepEqual(client.diagnosticsFor(uri).map((p) => p.version), [2]);
  });

  it('shows at most kubeProd.maxProblemsPerFile problems, errors first in position order, and one saying how many more', async () => {
    const uri = workspace.uri('capped.yaml');
    const twoRules = Object.fromEntries(RULES.map((r) => [r.meta.id, ['liveness-probe-missing', 'privileged-container'].includes(r.meta.id) ? r.meta.severity : 'off']));
    settings.set(uri, { rules: twoRules, maxProblemsPerFile: 3 });
    const text = `${pod('a', { privileged: true })}---\n${pod('b', { privileged: true })}---\n${pod('c')}`;
    await client.open(uri, text);
    const params = await client.waitForDiagnostics(uri);
    assert.deepEqual(
      params.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code ?? '')} ${d.severity} ${String(d.message).slice(0, 60)}`),
      [
        '5:4 liveness-probe-missing 2 Pod "a", container "app": no livenessProbe',
        '7:22 privileged-container 1 Pod "a", container "app": runs privileged',
        '16:22 privileged-container 1 Pod "b", container "app": runs privileged',
        `0:0  ${DiagnosticSeverity.Information} 2 more kube-prod problems in this file are not shown (kubePr`,
      ],
    );
    assert.equal(params.diagnostics[3].message, '2 more kube-prod problems in this file are not shown (kubeProd.maxProblemsPerFile is 3); `kube-prod check` lists every one.');
    // Fixes still see every finding: the fix-all edit covers the probes left out.
    const fixAll = await client.request<{ changes?: Record<string, Array<{ newText: string }>> } | null>('kubeProd/fixAll', { uri });
    assert.equal((fixAll?.changes?.[uri]?.[0]?.newText.match(/livenessProbe:/g) ?? []).length, 3);
  });

  it('publishes nothing for documents that are not YAML', async () => {
    const jsonUri = workspace.uri('pod.json');
    const yamlUri = workspace.uri('after-json.yml');
    await client.open(jsonUri, JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', image: 'a' }] } }), 'json');
    await client.open(yamlUri, pod('after-json'), 'plaintext');
    const params = await client.waitForDiagnostics(yamlUri);
    assert.deepEqual(byPod(params, 'after-json').map((d) => d.code), ['liveness-probe-missing'], 'a .yml URI is analysed whatever its language id');
    assert.deepEqual(client.diagnosticsFor(jsonUri), [], 'opened earlier, never published');
  });
});
