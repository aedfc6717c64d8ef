// Hover over real JSON-RPC: a kube-prod finding under the cursor shows the rule's rationale,
// remediation and documentation link; a peer linter's suppression annotation what it suppresses;
// elsewhere there is no hover.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MarkupKind, type Hover, type HoverParams, type MarkupContent, type PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { ruleById } from '../../server/src/rules';
import { LspClient } from '../helpers/lspClient';
import { pod, tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';

describe('language server: hover', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let files = 0;
  const fresh = (): string => workspace.uri(`hover-${++files}.yaml`);

  before(async () => {
    workspace = tempWorkspace();
    client = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20 }) });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  async function open(text: string): Promise<{ uri: string; params: PublishDiagnosticsParams }> {
    const uri = fresh();
    await client.open(uri, text);
    return { uri, params: await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0) };
  }

  const hover = (uri: string, line: number, character: number): Promise<Hover | null> =>
    client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } } satisfies HoverParams);

  it('declares the hover capability', () => {
    assert.equal(client.initializeResult?.capabilities.hoverProvider, true);
  });

  it("shows each finding under the cursor with its rule's rationale, remediation and docs link", async () => {
    const { uri, params } = await open(pod('web'));
    const liveness = params.diagnostics.find((d) => d.code === 'liveness-probe-missing');
    assert.ok(liveness, 'a liveness-probe-missing diagnostic');
    const { line, character } = liveness.range.start;
    const result = await hover(uri, line, character + 1);
    assert.ok(result, 'a hover over the finding');
    const contents = result.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);
    const meta = ruleById('liveness-probe-missing')!.meta;
    assert.ok(contents.value.includes('`liveness-probe-missing`'), contents.value);
    assert.ok(contents.value.includes(liveness.message as string), 'the finding message');
    assert.ok(contents.value.includes(meta.rationale), 'the rationale');
    assert.ok(contents.value.includes(`**Fix:** ${meta.remediation}`), 'the remediation');
    assert.ok(contents.value.includes(`[Documentation](${meta.docsUrl})`), 'the docs link');
    // Every finding covering that position is shown, each once.
    const covering = params.diagnostics.filter(
      (d) => (d.range.start.line < line || (d.range.start.line === line && d.range.start.character <= character + 1)) &&
        (d.range.end.line > line || (d.range.end.line === line && d.range.end.character >= character + 1)),
    );
    for (const d of covering) assert.equal(contents.value.split(`\`${String(d.code)}\``).length - 1, 1, `${String(d.code)} shown once`);
    assert.ok(result.range, 'the hover has the findings’ range');
  });

  it('over a peer linter annotation key, says which kube-prod rules it suppresses and how many findings', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: exempt',
      '  annotations:',
      '    ignore-check.kube-linter.io/privileged-container: "the CNI agent needs it"',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: "app:1"',
      '    securityContext: {privileged: true}',
      '',
    ].join('\n');
    const { uri, params } = await open(text);
    assert.equal(params.diagnostics.filter((d) => d.code === 'privileged-container').length, 0, 'privileged-container is suppressed');
    const result = await hover(uri, 5, 10);
    assert.ok(result, 'a hover over the annotation key');
    assert.equal(
      (result.contents as MarkupContent).value,
      [
        '**kube-prod** `ignore-check.kube-linter.io/privileged-container` (kube-linter check `privileged-container`)',
        '',
        'Suppresses the kube-prod rule `privileged-container` for this object (1 finding suppressed in this object).',
      ].join('\n'),
    );
    assert.deepEqual(result.range, { start: { line: 5, character: 4 }, end: { line: 5, character: 52 } });
  });

  it("over a field's key, shows the field's type and API documentation from the bundled schema", async () => {
    const { uri } = await open(pod('documented', { extra: ['    imagePullPolicy: Always'] }));
    const result = await hover(uri, 7, 6);
    assert.ok(result, 'a hover over imagePullPolicy');
    const contents = result.contents as MarkupContent;
    assert.equal(contents.kind, MarkupKind.Markdown);
    assert.match(contents.value, /^`spec\.containers\[\]\.imagePullPolicy` \*string\*/);
    assert.match(contents.value, /One of: `Always`, `Never`, `IfNotPresent`/);
    assert.match(contents.value, /Image pull policy\./);
    assert.deepEqual(result.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 19 } });
    // A required field says so.
    assert.match(((await hover(uri, 4, 4))?.contents as MarkupContent).value, /^`spec\.containers` \*list of Container\* \(required\)/);
  });

  it('leaves field documentation to Red Hat YAML when it serves the Kubernetes schema', async () => {
    const peer = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20 }), initializationOptions: { kubernetesSchemaServedByPeer: true } });
    try {
      const uri = fresh();
      await peer.open(uri, pod('peer', { extra: ['    imagePullPolicy: Always'] }));
      await peer.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.equal(await peer.request('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 6 } }), null);
    } finally {
      await peer.shutdown().catch(() => peer.kill());
    }
  });

  it('gives no hover away from findings and field keys, nor for a document that is not open', async () => {
    const { uri, params } = await open(pod('quiet'));
    const lines = new Set(params.diagnostics.flatMap((d) => Array.from({ length: d.range.end.line - d.range.start.line + 1 }, (_, i) => d.range.start.line + i)));
    // Column 0 of an indented line: in no key.
    const free = [4, 5, 6].find((l) => !lines.has(l));
    assert.notEqual(free, undefined, 'a line without findings');
    assert.equal(await hover(uri, free!, 0), null);
    assert.equal(await hover(workspace.uri('never-opened.yaml'), 0, 0), null);
  });
});
