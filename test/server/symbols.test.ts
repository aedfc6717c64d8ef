// Outline and Go to Symbol over real JSON-RPC, on microservices-demo: every object of a
// multi-document file as `Kind/name`, and the objects of the whole workspace by name.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DocumentSymbol, Location, SymbolInformation } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { corpusDir } from '../helpers/paths';
import { yaml } from '../helpers/ruleTester';

describe('language server: document and workspace symbols', () => {
  let workspace: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = tempWorkspace();
    cpSync(join(corpusDir(), 'microservices-demo', 'kubernetes-manifests'), workspace.path('manifests'), { recursive: true });
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

  it('lists the objects of a multi-document file in order, each with its whole document and its name selected', async () => {
    assert.ok(client.initializeResult?.capabilities.documentSymbolProvider);
    const path = workspace.path('manifests/frontend.yaml');
    const uri = workspace.uri('manifests/frontend.yaml');
    const text = readFileSync(path, 'utf8');
    await client.open(uri, text);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['Deployment/frontend', 'Service/frontend', 'Service/frontend-external', 'ServiceAccount/frontend']);
    const lines = text.split('\n');
    const [deployment, service] = symbols;
    // The selection is the name, on its line (1-based 18), inside the document's range.
    assert.equal(lines[deployment.selectionRange.start.line].slice(deployment.selectionRange.start.character, deployment.selectionRange.end.character), 'frontend');
    assert.equal(deployment.selectionRange.start.line, 17);
    assert.ok(deployment.range.start.line <= 15 && deployment.range.end.line >= 100 && deployment.range.end.line < service.range.start.line + 1);
  });

  it('finds the objects of the whole workspace by name, files not open included', async () => {
    assert.ok(client.initializeResult?.capabilities.workspaceSymbolProvider);
    await client.request('kubeProd/checklist', { folderUri: workspace.uri('') }, 60_000);
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Deployment/cartserv' });
    assert.deepEqual(found.map((s) => s.name), ['Deployment/cartservice']);
    assert.match(found[0].location.uri, /manifests\/cartservice\.yaml$/);
    const text = readFileSync(workspace.path('manifests/cartservice.yaml'), 'utf8').split('\n');
    assert.match(text[found[0].location.range.start.line], /^kind: Deployment/);
    // The query's characters in order, as the editor matches: `Deploy/cart` is redis-cart's too.
    assert.deepEqual((await client.request<SymbolInformation[]>('workspace/symbol', { query: 'Deploy/cart' })).map((s) => s.name).sort(), ['Deployment/cartservice', 'Deployment/redis-cart']);
    const services = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'service/' });
    assert.ok(services.length >= 11, services.map((s) => s.name).join());
  });

  it('goes from a reference to the object it names: serviceAccountName, secretKeyRef across files; nothing for a name no object has', async () => {
    assert.ok(client.initializeResult?.capabilities.definitionProvider);
    const frontend = workspace.uri('manifests/frontend.yaml');
    const text = readFileSync(workspace.path('manifests/frontend.yaml'), 'utf8');
    await client.open(frontend, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /serviceAccountName: frontend/.test(l));
    const character = lines[line].indexOf('frontend');
    const [account, ...more] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: frontend }, position: { line, character: character + 2 } });
    assert.equal(more.length, 0);
    assert.equal(account.uri, frontend);
    assert.match(lines[account.range.start.line], /^kind: ServiceAccount/);

    const secretUri = workspace.uri('db-secret.yaml');
    await client.open(secretUri, yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: db}', 'stringData: {password: x}'));
    // Indexed once its first analysis is published (a request indexes only its own document on demand).
    await client.waitForDiagnostics(secretUri, (p) => p.version === 1);
    const appUri = workspace.uri('app.yaml');
    const app = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: app}',
      'spec:',
      '  selector: {matchLabels: {app: app}}',
      '  template:',
      '    metadata: {labels: {app: app}}',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: app:1',
      '        env:',
      '        - name: PASSWORD',
      '          valueFrom: {secretKeyRef: {name: db, key: password}}',
      '        - name: MODE',
      '          valueFrom: {configMapKeyRef: {name: nowhere, key: mode}}',
    );
    await client.open(appUri, app);
    const at = (needle: string): { line: number; character: number } => {
      const appLines = app.split('\n');
      const l = appLines.findIndex((candidate) => candidate.includes(needle));
      return { line: l, character: appLines[l].indexOf(needle) + 1 };
    };
    const [secret] = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: appUri }, position: at('db, key') });
    assert.equal(secret?.uri, secretUri);
    assert.deepEqual(secret.range.start, { line: 1, character: 0 });
    assert.deepEqual(await client.request<Location[]>('textDocument/definition', { textDocument: { uri: appUri }, position: at('nowhere, key') }), []);
  });
});
