// Schema validation through the language server: a misspelled field of a built-in kind with its
// rename; a custom resource against a CRD kept outside the workspace (kubeProd.crdFolders), and
// against one inside it as the CRD is edited.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { corpusDir } from '../helpers/paths';
import { widgetCrd } from '../helpers/crdFixtures';
import { yaml } from '../helpers/ruleTester';

const MONITOR = yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web, namespace: shop}', 'spec:', '  endpoint:', '  - port: http', '  selector: {matchLabels: {app: web}}');
const UNKNOWN = 'Unknown field `endpoint` in spec; did you mean `endpoints`?';

describe('language server: schema validation', () => {
  let workspace: TempWorkspace;
  let outside: TempWorkspace;
  let client: LspClient;

  before(async () => {
    workspace = tempWorkspace();
    outside = tempWorkspace();
    mkdirSync(outside.path('crds'));
    copyFileSync(join(corpusDir(), 'kube-prometheus', 'manifests', 'setup', '0servicemonitorCustomResourceDefinition.yaml'), outside.path('crds/servicemonitor.yaml'));
    client = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20, crdFolders: [outside.path('crds')] }) });
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
      outside?.dispose();
    }
  });

  const messages = (params: PublishDiagnosticsParams, code: string): string[] => params.diagnostics.filter((d) => d.code === code).map((d) => String(d.message));

  it('validates a custom resource against a CRD in a folder named in kubeProd.crdFolders', async () => {
    const uri = workspace.uri('monitor.yaml');
    await client.open(uri, MONITOR);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(messages(published, 'crd-schema-violation'), [UNKNOWN]);
  });

  it('follows a CRD in the workspace as it is edited', async () => {
    const crdUri = workspace.uri('widget-crd.yaml');
    const crd = (extra: string[]): string => widgetCrd(['size: {type: integer}', ...extra]);
    await client.open(crdUri, crd([]));
    const uri = workspace.uri('widget.yaml');
    await client.open(uri, yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec:', '  size: 3', '  shape: round'));
    const first = await client.waitForDiagnostics(uri, (p) => messages(p, 'crd-schema-violation').length > 0);
    assert.deepEqual(messages(first, 'crd-schema-violation'), ['Unknown field `shape` in spec: the API server rejects it.']);
    // The CRD gains the field: the custom resource's diagnostics are published again, without the error.
    await client.change(crdUri, 2, crd(['shape: {type: string}']));
    await client.waitForDiagnostics(uri, (p) => messages(p, 'crd-schema-violation').length === 0);
  });

  it('reports a misspelled field of a built-in kind with its rename fix', async () => {
    const uri = workspace.uri('pod.yaml');
    await client.open(uri, yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: nginx', '    imagepullpolicy: Always'));
    const published = await client.waitForDiagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(messages(published, 'schema-violation'), ['Unknown field `imagepullpolicy` in Container; did you mean `imagePullPolicy`?']);
    const diagnostic = published.diagnostics.find((d) => d.code === 'schema-violation')!;
    const actions = await client.request<Array<{ title: string }>>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    assert.ok(actions.some((action) => action.title === 'Rename `imagepullpolicy` to `imagePullPolicy`'), JSON.stringify(actions.map((a) => a.title)));
  });
});
