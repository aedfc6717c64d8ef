// textDocument/completion: field names and allowed values from the bundled Kubernetes schema,
// offline, for objects of built-in kinds; left to Red Hat's YAML extension when it serves the
// Kubernetes schema, so that each field is not offered twice.
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionParams, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { KubernetesSchema } from '../engine/schema/bundled';
import { completionsAt } from '../engine/schema/complete';
import { splitDocuments } from '../engine/text';

export interface CompletionDependencies {
  documents: TextDocuments<TextDocument>;
  isManifest(document: TextDocument): boolean;
  /** False while another extension serves Kubernetes schemas. */
  enabled(): boolean;
  /** The schema of a kind for this document: built-in or from the workspace's CRDs. */
  schemaFor(uri: string, apiVersion: string, kind: string): KubernetesSchema | undefined;
}

export class CompletionService {
  constructor(private readonly deps: CompletionDependencies) {}

  complete(params: CompletionParams): CompletionItem[] {
    const document = this.deps.documents.get(params.textDocument.uri);
    if (!document || !this.deps.isManifest(document) || !this.deps.enabled()) return [];
    const { line, character } = params.position;
    // The document (between --- markers) the cursor is in: its apiVersion and kind say which schema.
    const chunk = splitDocuments(document.getText())
      .filter((candidate) => candidate.startLine <= line)
      .at(-1);
    if (!chunk) return [];
    const schemaFor = (apiVersion: string, kind: string): KubernetesSchema | undefined => this.deps.schemaFor(document.uri, apiVersion, kind);
    return completionsAt(chunk.text, line - chunk.startLine, character, schemaFor).map((completion, index) => ({
      label: completion.label,
      kind: completion.kind === 'field' ? CompletionItemKind.Property : CompletionItemKind.EnumMember,
      detail: completion.detail,
      ...(completion.documentation ? { documentation: { kind: MarkupKind.Markdown, value: completion.documentation } } : {}),
      insertText: completion.insertText,
      // Required fields first, then by name, as completionsAt orders them.
      sortText: String(index).padStart(4, '0'),
    }));
  }
}
