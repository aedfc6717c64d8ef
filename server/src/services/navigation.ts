// Navigation across the application: Go to Definition, Find References, Rename and the
// "selected by" inlay hints, answered from the workspace index (files not open included).
import { readFileSync } from 'node:fs';
import {
  InlayHintKind,
  LSPErrorCodes,
  ResponseError,
  type ClientCapabilities,
  type Connection,
  type DefinitionParams,
  type InlayHint,
  type InlayHintParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { builtDefinition, builtHints, builtReferences } from '../engine/navigation/built';
import { definitionAt } from '../engine/navigation/definition';
import { relationHints } from '../engine/navigation/hints';
import { referencesAt } from '../engine/navigation/references';
import { renameAt, renameTargetAt } from '../engine/navigation/rename';
import type { Position } from '../engine/types';
import type { Workspace } from '../engine/workspace/workspace';
import type { DiagnosticsService } from './diagnostics';
import { canonicalUri, pathOf } from './files';
import { describeError, type Log } from './log';
import type { SettingsService } from './settings';
import type { WorkspaceService } from './workspaces';

export interface NavigationDependencies {
  connection: Pick<Connection, 'sendRequest'>;
  documents: Pick<TextDocuments<TextDocument>, 'all'>;
  diagnostics: Pick<DiagnosticsService, 'currentFindings'>;
  workspaces: Pick<WorkspaceService, 'workspaceOf' | 'onDidChange'>;
  settings: Pick<SettingsService, 'forDocument'>;
  log: Log;
}

/** After the index changes, the editor is asked for hints again once it has been quiet this long. */
const HINT_REFRESH_MS = 400;
/** The change annotation of a rename that edits several files: the editor shows what changes before applying it. */
const RENAME_ANNOTATION = 'kube-prod.rename';

const BUILT_RENAME = 'kube-prod does not rename in files that Helm or kustomize build: the name may come from values, a helper or a name prefix. Rename it in the source it comes from.';

/** An object's document in an open file, and the position inside it. */
interface Place {
  workspace: Workspace;
  uri: string;
  startLine: number;
  position: Position;
  document: NonNullable<ReturnType<Workspace['openDocumentAt']>>;
}

export class NavigationService {
  private hintRefresh: NodeJS.Timeout | undefined;
  private canRefreshHints = false;
  private editsWithAnnotations = false;

  constructor(private readonly deps: NavigationDependencies) {
    deps.workspaces.onDidChange(() => this.scheduleHintRefresh());
  }

  initialize(capabilities: ClientCapabilities): void {
    this.canRefreshHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    const edits = capabilities.workspace?.workspaceEdit;
    this.editsWithAnnotations = edits?.documentChanges === true && edits.changeAnnotationSupport !== undefined;
  }

  /** Settings changed (inlay hints switched on or off): the editor asks again. */
  settingsChanged(): void {
    this.scheduleHintRefresh(0);
  }

  async definition(params: DefinitionParams): Promise<Location[]> {
    const request = await this.requestAt(params.textDocument.uri, params.position);
    if (request?.built) return builtDefinition(request.built.builtApplications(), request.uri, params.position);
    const place = request?.place;
    if (!place) return [];
    const offset = place.document.lines.offsetAt(place.position);
    return definitionAt(place.workspace.index, place.uri, place.document, offset);
  }

  async references(params: ReferenceParams): Promise<Location[]> {
    const request = await this.requestAt(params.textDocument.uri, params.position);
    if (request?.built) return builtReferences(request.built.builtApplications(), request.uri, params.position, params.context.includeDeclaration);
    const place = request?.place;
    if (!place) return [];
    return referencesAt(place.workspace.index, place.uri, place.startLine, place.position, params.context.includeDeclaration);
  }

  /** What a rename here would change; null outside Kubernetes objects (other YAML is not ours); an error saying why not inside one. */
  async prepareRename(params: PrepareRenameParams): Promise<{ range: Range; placeholder: string } | null> {
    const request = await this.requestAt(params.textDocument.uri, params.position);
    if (request?.built) throw new ResponseError(LSPErrorCodes.RequestFailed, BUILT_RENAME);
    const place = request?.place;
    if (!place) return null;
    const target = renameTargetAt(place.workspace.index, place.uri, place.startLine, place.position);
    if ('error' in target) throw new ResponseError(LSPErrorCodes.RequestFailed, target.error);
    const shift = place.startLine;
    return { range: { start: { line: target.range.start.line + shift, character: target.range.start.character }, end: { line: target.range.end.line + shift, character: target.range.end.character } }, placeholder: target.placeholder };
  }

  async rename(params: RenameParams): Promise<WorkspaceEdit | null> {
    const request = await this.requestAt(params.textDocument.uri, params.position);
    if (request?.built) throw new ResponseError(LSPErrorCodes.RequestFailed, BUILT_RENAME);
    const place = request?.place;
    if (!place) return null;
    const result = renameAt(place.workspace.index, place.uri, place.startLine, place.position, params.newName, (uri) => this.textOf(uri));
    if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    const byUri = new Map<string, Array<{ range: Range; newText: string }>>();
    for (const edit of result.edits) {
      const list = byUri.get(edit.uri);
      if (list) list.push({ range: edit.range, newText: edit.newText });
      else byUri.set(edit.uri, [{ range: edit.range, newText: edit.newText }]);
    }
    // Edits beyond the renamed file, or with something to know first, are shown for confirmation (VS Code's refactor preview).
    if (this.editsWithAnnotations && (byUri.size > 1 || result.note)) {
      const versions = new Map(this.deps.documents.all().map((document) => [canonicalUri(document.uri), document.version]));
      const description = [`${result.edits.length} places in ${byUri.size} file${byUri.size === 1 ? '' : 's'}`, result.note].filter(Boolean).join('. ');
      return {
        // A file the editor has open is edited at the version it has; null: one it has not opened.
        documentChanges: [...byUri].map(([uri, edits]) => ({ textDocument: { uri, version: versions.get(uri) ?? null }, edits: edits.map((edit) => ({ ...edit, annotationId: RENAME_ANNOTATION })) })),
        changeAnnotations: { [RENAME_ANNOTATION]: { label: result.label, needsConfirmation: true, description } },
      };
    }
    return { changes: Object.fromEntries(byUri) };
  }

  async inlayHints(params: InlayHintParams): Promise<InlayHint[]> {
    const { uri } = params.textDocument;
    const settings = await this.deps.settings.forDocument(uri);
    if (!settings.inlayHints) return [];
    const current = await this.deps.diagnostics.currentFindings(uri);
    const workspace = this.deps.workspaces.workspaceOf(uri);
    if (!current || !workspace) return [];
    // As the engine counts lines: a lone CR ends one too.
    const lines = current.text.split(/\r\n|\r|\n/);
    const key = canonicalUri(uri);
    const { start, end } = params.range;
    const hints = workspace.isBuilt(key) ? builtHints(workspace.builtApplications(), key, start.line, end.line) : relationHints(workspace.index, key, start.line, end.line);
    return hints.map((hint) => ({
      position: { line: hint.line, character: (lines[hint.line] ?? '').length },
      label: hint.parts.map((part) => (part.target ? { value: part.text, location: part.target } : { value: part.text })),
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
    }));
  }

  dispose(): void {
    if (this.hintRefresh) clearTimeout(this.hintRefresh);
    this.hintRefresh = undefined;
  }

  /**
   * Where a request lands, once the editor's text is analysed: in a file Helm or kustomize builds
   * (`built`: its objects are the builds'), or at the open document's object under the position.
   */
  private async requestAt(rawUri: string, position: Position): Promise<{ uri: string; built?: Workspace; place?: Place } | undefined> {
    const current = await this.deps.diagnostics.currentFindings(rawUri);
    const workspace = this.deps.workspaces.workspaceOf(rawUri);
    if (!workspace) return undefined;
    const uri = canonicalUri(rawUri);
    if (workspace.isBuilt(uri)) return { uri, built: workspace };
    const document = current && workspace.openDocumentAt(uri, position.line);
    if (!document) return { uri };
    return { uri, place: { workspace, uri, document, startLine: document.startLine, position: { line: position.line - document.startLine, character: position.character } } };
  }

  /** A file's text: the editor's when it is open, else the disk's. */
  private textOf(uri: string): string | undefined {
    const open = this.deps.documents.all().find((document) => canonicalUri(document.uri) === uri);
    if (open) return open.getText();
    const path = pathOf(uri);
    try {
      return path ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  }

  private scheduleHintRefresh(delay = HINT_REFRESH_MS): void {
    if (!this.canRefreshHints) return;
    if (this.hintRefresh) clearTimeout(this.hintRefresh);
    this.hintRefresh = setTimeout(() => {
      this.hintRefresh = undefined;
      this.deps.connection.sendRequest('workspace/inlayHint/refresh').catch((error: unknown) => this.deps.log.error(`kube-prod: refreshing inlay hints failed: ${describeError(error)}`));
    }, delay);
  }
}
