// Navigation over real JSON-RPC, on microservices-demo: from a selector to the pods it selects,
// from an object to what points at it, the "selected by" hints, and rename across files.
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { InlayHint, InlayHintLabelPart, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';
import { corpusDir } from '../helpers/paths';
import { yaml } from '../helpers/ruleTester';

/** The text a range covers in a file's lines. */
const textAt = (lines: readonly string[], range: Range): string => {
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
};

describe('language server: definition, references, inlay hints and rename across manifests', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let hintsOn = true;
  let frontendUri: string;
  let lines: string[];
  /** The position of `needle` (its `nth` occurrence, 1-based) on a line of frontend.yaml, plus `offset` characters. */
  const at = (needle: string, nth = 1, offset = 1): { line: number; character: number } => {
    let seen = 0;
    const line = lines.findIndex((candidate) => candidate.includes(needle) && ++seen === nth);
    assert.ok(line >= 0, `no ${needle} #${nth}`);
    return { line, character: lines[line].indexOf(needle) + offset };
  };
  const locations = (list: Location[]): string[] => list.map((l) => `${l.uri.slice(l.uri.lastIndexOf('/') + 1)}:${l.range.start.line + 1}:${lines[l.range.start.line]?.trim()}`);

  before(async () => {
    workspace = tempWorkspace();
    cpSync(join(corpusDir(), 'microservices-demo', 'kubernetes-manifests'), workspace.path('manifests'), { recursive: true });
    client = await LspClient.start({ folders: [workspace.dir], settings: () => ({ debounceMs: 20, inlayHints: hintsOn }), documentChanges: true, changeAnnotations: true });
    frontendUri = workspace.uri('manifests/frontend.yaml');
    const text = readFileSync(workspace.path('manifests/frontend.yaml'), 'utf8');
    lines = text.split('\n');
    await client.request('kubeProd/checklist', { folderUri: workspace.uri('') }, 60_000);
    await client.open(frontendUri, text);
  });

  after(async () => {
    try {
      await client?.shutdown();
    } finally {
      client?.kill();
      workspace?.dispose();
    }
  });

  it('goes from the frontend Service selector to the frontend Deployment\'s pod labels, and from targetPort to the container port', async () => {
    const definition = (position: { line: number; character: number }): Promise<Location[]> => client.request<Location[]>('textDocument/definition', { textDocument: { uri: frontendUri }, position });
    const podLabels = ['frontend.yaml:27:labels:'];
    // `selector:` of Service frontend (the first Service), on its `app: frontend` value, and on the key.
    const serviceSelector = at('selector:', 2);
    assert.match(lines[serviceSelector.line - 1], /^ {2}type: ClusterIP/);
    assert.deepEqual(locations(await definition(serviceSelector)), podLabels);
    assert.deepEqual(locations(await definition({ line: serviceSelector.line + 1, character: 10 })), podLabels);
    assert.deepEqual(locations(await definition({ line: serviceSelector.line + 1, character: 5 })), podLabels);
    // The Deployment's own selector leads to its template's labels too.
    assert.deepEqual(locations(await definition(at('matchLabels:'))), podLabels);
    // targetPort 8080 of Service frontend: the container port of the pods it selects.
    assert.deepEqual(locations(await definition(at('targetPort: 8080', 1, 13))), ['frontend.yaml:49:- containerPort: 8080']);
    // A pod label itself leads nowhere (it is what selectors lead to).
    assert.deepEqual(await definition(at('app: frontend', 3, 6)), []);
  });

  it('lists what points at the frontend Deployment: its two Services\' selectors; at a ServiceAccount, the pod that uses it', async () => {
    const references = (position: { line: number; character: number }, includeDeclaration = true): Promise<Location[]> =>
      client.request<Location[]>('textDocument/references', { textDocument: { uri: frontendUri }, position, context: { includeDeclaration } });
    const fromName = await references(at('name: frontend', 1, 8));
    assert.deepEqual(locations(fromName), ['frontend.yaml:18:name: frontend', 'frontend.yaml:116:selector:', 'frontend.yaml:131:selector:']);
    // Anywhere in the object but a reference or a label: the same, the declaration left out on request.
    assert.deepEqual(locations(await references(at('runAsUser: 1000'), false)), ['frontend.yaml:116:selector:', 'frontend.yaml:131:selector:']);
    const account = at('name: frontend', 4, 8);
    assert.match(lines[account.line - 1], /^metadata:/);
    assert.match(lines[account.line - 2], /^kind: ServiceAccount/);
    assert.deepEqual(locations(await references(account, false)), ['frontend.yaml:32:serviceAccountName: frontend']);
    // From the reference itself: the object it names and every field naming it.
    assert.deepEqual(locations(await references(at('serviceAccountName: frontend', 1, 22))), ['frontend.yaml:32:serviceAccountName: frontend', 'frontend.yaml:141:name: frontend']);
  });

  it('lists every pod label and selector entry of a label, the pod labels left out without the declaration', async () => {
    const podLabel = at('app: frontend', 3, 7);
    assert.match(lines[podLabel.line - 1], /^ {6}labels:/);
    const uses = await client.request<Location[]>('textDocument/references', { textDocument: { uri: frontendUri }, position: podLabel, context: { includeDeclaration: true } });
    assert.deepEqual(locations(uses), ['frontend.yaml:24:app: frontend', 'frontend.yaml:28:app: frontend', 'frontend.yaml:117:app: frontend', 'frontend.yaml:132:app: frontend']);
    assert.equal(textAt(lines, uses[0].range), 'app: frontend');
    const selectors = await client.request<Location[]>('textDocument/references', { textDocument: { uri: frontendUri }, position: podLabel, context: { includeDeclaration: false } });
    assert.deepEqual(locations(selectors), ['frontend.yaml:24:app: frontend', 'frontend.yaml:117:app: frontend', 'frontend.yaml:132:app: frontend']);
  });

  it('shows what selects the pod labels and what a selector selects, each name a link; none when switched off', async () => {
    assert.ok(client.initializeResult?.capabilities.inlayHintProvider);
    const request = { textDocument: { uri: frontendUri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } };
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', request);
    const shown = hints.map((hint) => `${hint.position.line + 1}:${hint.position.character}:${(hint.label as InlayHintLabelPart[]).map((part) => part.value).join('')}`);
    assert.deepEqual(shown, [
      '27:13:selected by Service frontend · Service frontend-external',
      '116:11:→ 1 pod of Deployment frontend',
      '131:11:→ 1 pod of Deployment frontend',
    ]);
    assert.equal(lines[26].length, 13);
    const link = (hints[0].label as InlayHintLabelPart[]).find((part) => part.value === 'Service frontend-external');
    assert.equal(link?.location?.uri, frontendUri);
    assert.equal(textAt(lines, link!.location!.range), 'frontend-external');
    // Only the hints of the range asked for.
    assert.equal((await client.request<InlayHint[]>('textDocument/inlayHint', { ...request, range: { start: { line: 100, character: 0 }, end: { line: 120, character: 0 } } })).length, 1);
    hintsOn = false;
    await client.changeConfiguration();
    try {
      assert.deepEqual(await client.request<InlayHint[]>('textDocument/inlayHint', request), []);
    } finally {
      hintsOn = true;
      await client.changeConfiguration();
    }
  });

  it('renames a label value in every pod label and selector entry, and an object with the fields that name it', async () => {
    const rename = (position: { line: number; character: number }, newName: string): Promise<WorkspaceEdit> => client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: frontendUri }, position, newName });
    const podLabel = at('app: frontend', 3, 7);
    const prepared = await client.request<{ range: Range; placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: frontendUri }, position: podLabel });
    assert.equal(prepared.placeholder, 'frontend');
    assert.equal(textAt(lines, prepared.range), 'frontend');
    // The Deployment's spec.selector changes too, which a live Deployment refuses: the editor asks first,
    // with the open file edited at the version it has.
    const label = await rename(podLabel, 'web');
    assert.equal(label.changes, undefined);
    const [change, ...others] = label.documentChanges as Array<{ textDocument: { uri: string; version: number | null }; edits: Array<TextEdit & { annotationId: string }> }>;
    assert.equal(others.length, 0);
    assert.deepEqual(change.textDocument, { uri: frontendUri, version: 1 });
    assert.deepEqual(change.edits.map((e) => `${e.range.start.line + 1}:${textAt(lines, e.range)}->${e.newText}`), ['24:frontend->web', '28:frontend->web', '117:frontend->web', '132:frontend->web']);
    const annotation = label.changeAnnotations![change.edits[0].annotationId];
    assert.equal(annotation.needsConfirmation, true);
    assert.equal(annotation.label, 'Rename label app=frontend to app=web');
    assert.match(annotation.description ?? '', /^4 places in 1 file\. spec\.selector cannot change on an object that already exists \(Deployment "frontend"\)/);
    const editsOf = (edit: WorkspaceEdit): TextEdit[] => (edit.documentChanges as Array<{ edits: TextEdit[] }>)[0].edits;
    // A label key; a value quoted where YAML would read the new text as a number.
    const key = await rename(at('app: frontend', 3, 1), 'tier');
    assert.deepEqual(editsOf(key).map((e: TextEdit) => textAt(lines, e.range)), ['app', 'app', 'app', 'app']);
    const numeric = await rename(podLabel, '2');
    assert.deepEqual(editsOf(numeric).map((e: TextEdit) => e.newText), ['"2"', '"2"', '"2"', '"2"']);
    // One file and nothing to know first: plain changes.
    // The ServiceAccount, from its name: the name and serviceAccountName.
    const account = await rename(at('name: frontend', 4, 8), 'frontend-sa');
    assert.deepEqual(account.changes![frontendUri].map((e: TextEdit) => `${e.range.start.line + 1}:${textAt(lines, e.range)}`).sort(), ['141:frontend', '32:frontend']);
    // Not a name, a reference or a label; not a valid name.
    await assert.rejects(client.request('textDocument/prepareRename', { textDocument: { uri: frontendUri }, position: at('kind: Deployment') }), /renames an object's name/);
    await assert.rejects(rename(podLabel, 'not valid!'), /not a valid label value/);
    await assert.rejects(rename(at('name: frontend', 4, 8), 'Frontend'), /not a valid object name/);
  });

  it('renames a Secret across files as one edit the user confirms first, and goes from a secretKeyRef key to the Secret\'s key', async () => {
    const secretUri = workspace.uri('db-secret.yaml');
    const secretText = yaml('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'stringData:', '  password: x');
    await client.open(secretUri, secretText);
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
      "          valueFrom: {secretKeyRef: {name: 'db', key: password}}",
    );
    await client.open(appUri, app);
    const appLines = app.split('\n');
    const key = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: appUri }, position: { line: 13, character: appLines[13].indexOf('password') + 2 } });
    assert.deepEqual(key.map((l) => `${l.uri === secretUri}:${textAt(secretText.split('\n'), l.range)}`), ['true:password']);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: appUri }, position: { line: 13, character: appLines[13].indexOf('db') }, newName: 'database' });
    assert.equal(edit.changes, undefined);
    const changes = edit.documentChanges as Array<{ textDocument: { uri: string }; edits: Array<TextEdit & { annotationId: string }> }>;
    assert.deepEqual(changes.map((c) => [c.textDocument.uri, c.edits.map((e) => e.newText)]).sort(), [[appUri, ['database']], [secretUri, ['database']]].sort());
    // Inside the quotes of 'db': the quotes stay.
    const appEdit = changes.find((c) => c.textDocument.uri === appUri)!.edits[0];
    assert.equal(textAt(appLines, appEdit.range), 'db');
    const annotation = edit.changeAnnotations![appEdit.annotationId];
    assert.equal(annotation.needsConfirmation, true);
    assert.equal(annotation.label, 'Rename Secret "db" to "database"');
  });
});
