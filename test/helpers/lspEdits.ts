// Applying what a language server answers (WorkspaceEdits, code actions) to a text, as an editor would.
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The edits a WorkspaceEdit makes to `uri`, and the version they are for (documentChanges only); no other file may be touched. */
export function editsOf(edit: WorkspaceEdit, uri: string): { version: number | null | undefined; edits: TextEdit[] } {
  if (edit.documentChanges) {
    assert.equal(edit.changes, undefined, 'documentChanges or changes, not both');
    const edits: TextEdit[] = [];
    let version: number | null | undefined;
    for (const change of edit.documentChanges) {
      assert.ok('textDocument' in change, 'only text edits, no file operations');
      assert.equal(change.textDocument.uri, uri, 'only the requested document is edited');
      version = change.textDocument.version;
      for (const e of change.edits) {
        assert.ok('newText' in e, 'plain text edits, no snippets');
        edits.push({ range: e.range, newText: e.newText });
      }
    }
    return { version, edits };
  }
  const files = Object.keys(edit.changes ?? {});
  assert.deepEqual(files, [uri], 'only the requested document is edited');
  return { version: undefined, edits: edit.changes![uri] };
}

/** The text after applying a WorkspaceEdit's edits to `uri` (overlapping edits throw, as in an editor). */
export function applyWorkspaceEdit(text: string, uri: string, edit: WorkspaceEdit): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), editsOf(edit, uri).edits);
}

/** The text after applying a code action's edit. */
export function applyAction(text: string, uri: string, action: CodeAction): string {
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  return applyWorkspaceEdit(text, uri, action.edit);
}
