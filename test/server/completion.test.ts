// Completion over real JSON-RPC: field names and allowed values from the bundled schema, for the
// document the cursor is in, even while it does not parse; none when Red Hat YAML serves the schema.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { widgetCrd } from '../helpers/crdFixtures';
import { yaml } from '../helpers/ruleTester';

const TEXT = yaml(
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: c}',
  '---',
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: p}',
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: nginx',
  '    imagePullPolicy: ',
  '    readi',
);

describe('language server: completion', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

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

  const complete = (c: LspClient, uri: string, line: number, character: number): Promise<CompletionItem[] | null> =>
    c.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line, character } });

  it('declares completion and offers the fields of the container being typed, with their documentation', async () => {
    assert.ok(client.initializeResult?.capabilities.completionProvider);
    const uri = workspace.uri('pod.yaml');
    await client.open(uri, TEXT);
    const items = (await complete(client, uri, 12, 9)) ?? [];
    const readiness = items.find((item) => item.label === 'readinessProbe');
    assert.ok(readiness, items.map((i) => i.label).join());
    assert.equal(readiness.kind, CompletionItemKind.Property);
    assert.equal(readiness.insertText, 'readinessProbe: ');
    assert.equal(readiness.detail, 'Probe');
    assert.match(JSON.stringify(readiness.documentation), /Periodic probe of container service readiness/);
    assert.ok(!items.some((item) => item.label === 'image'), 'a field already there is not offered');
    const values = ((await complete(client, uri, 11, 21)) ?? []).map((item) => item.label);
    assert.deepEqual(values, ['Always', 'Never', 'IfNotPresent']);
  });

  it('offers nothing while Red Hat YAML serves the Kubernetes schema', async () => {
    const peer = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20 }), initializationOptions: { kubernetesSchemaServedByPeer: true } });
    try {
      const uri = workspace.uri('peer.yaml');
      await peer.open(uri, TEXT);
      assert.deepEqual((await complete(peer, uri, 12, 9)) ?? [], []);
    } finally {
      await peer.shutdown().catch(() => peer.kill());
    }
  });

  it("completes and documents a custom resource's fields from its CRD in another file", async () => {
    const crdUri = workspace.uri('widget-crd.yaml');
    await client.open(
      crdUri,
      widgetCrd(['size: {type: integer, description: How many gears the widget turns.}', 'color: {type: string, enum: [red, blue]}']),
    );
    await client.waitForDiagnostics(crdUri);
    const uri = workspace.uri('widget.yaml');
    await client.open(uri, yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec:', '  size: 3', '  color: ', '  '));
    await client.waitForDiagnostics(uri);
    assert.deepEqual(((await complete(client, uri, 6, 2)) ?? []).map((item) => item.label), [], 'size and color are written: nothing left');
    assert.deepEqual(((await complete(client, uri, 5, 9)) ?? []).map((item) => item.label), ['red', 'blue']);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
    assert.match(hover?.contents.value ?? '', /`spec\.size` \*integer\*[^]*How many gears the widget turns\.[^]*CustomResourceDefinition of Widget \(example\.com\/v1\) in the workspace/);
  });
});
