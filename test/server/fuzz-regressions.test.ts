// The inputs the fuzzer minimised (test/fuzz/minimised.ts), through the language server over
// stdio, all open at once as in an editor: each gets its diagnostics (none saying it could not
// be analysed), every quick-fix the server offers leaves the file parsing as well as before, an
// edit gets new diagnostics, and the server is still there at the end.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, TextEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseAllDocuments } from 'yaml';
import { MINIMISED } from '../fuzz/minimised';
import { LspClient } from '../helpers/lspClient';
import { tempWorkspace, type TempWorkspace } from '../helpers/lspFixtures';

const syntaxErrors = (text: string): number => parseAllDocuments(text).reduce((sum, doc) => sum + doc.errors.length, 0);

/** The action's edits to `uri` (a cross-resource fix may also create or edit other files). */
function editsTo(action: CodeAction, uri: string): TextEdit[] {
  const edit = action.edit;
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) => ('textDocument' in change && change.textDocument.uri === uri ? change.edits : []));
  return [...fromChanges, ...fromDocumentChanges].map((e) => {
    assert.ok('newText' in e, 'plain text edits, no snippets');
    return { range: e.range, newText: e.newText };
  });
}

describe('language server: the inputs the fuzzer minimised', () => {
  let workspace: TempWorkspace;
  let client: LspClient;
  let fixesChecked = 0;
  const uris = MINIMISED.map((_, i) => `input-${String(i).padStart(2, '0')}.yaml`);

  before(async () => {
    workspace = tempWorkspace();
    client = await LspClient.start({ folders: [workspace.dir] });
    await Promise.all(MINIMISED.map(({ text }, i) => client.open(workspace.uri(uris[i]), text)));
  });

  after(() => {
    client?.kill();
    workspace?.dispose();
  });

  for (const [i, { name, text }] of MINIMISED.entries()) {
    it(name, async () => {
      const uri = workspace.uri(uris[i]);
      const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      assert.deepEqual(diagnostics.filter((d) => d.code === 'analysis-failed').map((d) => d.message), []);
      const document = TextDocument.create(uri, 'yaml', 1, text);
      const whole = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
      const actions = await client.codeActions(uri, diagnostics, { range: whole });
      for (const action of actions) {
        const edits = editsTo(action, uri);
        if (edits.length === 0) continue;
        const fixed = TextDocument.applyEdits(document, edits);
        assert.ok(syntaxErrors(fixed) <= syntaxErrors(text), `"${action.title}" broke the YAML:\n${fixed}`);
        fixesChecked++;
      }
      // An edit after it all: the server still answers this file.
      await client.change(uri, 2, [{ range: { start: whole.end, end: whole.end }, text: '\n# edited\n' }]);
      await client.waitForDiagnostics(uri, (p) => p.version === 2);
      assert.ok(client.running);
    });
  }

  it('offered quick-fixes on these inputs, each of them checked above', () => assert.ok(fixesChecked >= 10, `${fixesChecked} fixes`));
});
