import { readFile, writeFile } from 'node:fs/promises';
import { ErrorCodes, LSPErrorCodes, ResponseError, type Connection, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigValidationError, type ConfigError } from '../engine/config';
import { computeChecklist, type Checklist, type ManualState } from '../engine/workspace/checklist';
import { parseChecklistFile, updateChecklistFile } from '../engine/workspace/checklistFile';
import { CHECKLIST_FILE_NAME } from '../engine/workspace/checklistItems';
import { configErrorDiagnostic } from './configFile';
import { pathOf } from './files';
import type { Folder } from './folders';
import { describeError, type Log } from './log';
import { isChecklistFileName } from './scope';
import type { IndexChange, WorkspaceService } from './workspaces';

/** The custom protocol of the checklist (docs/protocol.md). */
export const CHECKLIST_REQUEST = 'kubeProd/checklist';
export const SET_MANUAL_ITEM_REQUEST = 'kubeProd/setManualItem';
export const CHECKLIST_CHANGED_NOTIFICATION = 'kubeProd/checklistChanged';
export const CHECKLIST_DIAGNOSTIC_CODE = 'checklist';

export interface ChecklistParams {
  /** The workspace folder; the first folder when absent. */
  folderUri?: string;
}

export interface SetManualItemParams extends ChecklistParams {
  itemId: string;
  done: boolean;
  /** Who confirmed it; removed from the record when absent. */
  by?: string;
  /** YYYY-MM-DD; removed from the record when absent. */
  date?: string;
}

export interface ChecklistChangedParams {
  folderUri: string;
}

/** Quiet time after the last index change before the checklist is computed again. */
export const CHECKLIST_DEBOUNCE_MS = 300;

interface FolderState {
  folder: Folder;
  fileUri: string;
  manual: ManualState | undefined;
  loading: Promise<void>;
  loads: number;
  /** The problems of the checklist file, as text (logged when they change). */
  problems: string | undefined;
  /** The checklist the client last saw (answer or notification), as JSON; undefined until it asked. */
  seen: string | undefined;
}

export interface ChecklistServiceDependencies {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  workspaces: WorkspaceService;
  log: Log;
}

/**
 * The production checklist of each workspace folder: computed on request over the folder's
 * Workspace and the manual items of `.kube-prod-checklist.yaml` at its root (the editor's text
 * when open there). Once a client has asked for a folder's checklist, it is told when the
 * checklist changes (debounced); clients that never ask cost nothing.
 */
export class ChecklistService {
  private readonly states = new Map<string, FolderState>();
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: ChecklistServiceDependencies) {
    deps.workspaces.onDidChange((change) => this.indexChanged(change));
  }

  async checklist(params: ChecklistParams | null | undefined): Promise<Checklist> {
    const state = this.stateOf(this.folderOf(params?.folderUri));
    const checklist = await this.compute(state);
    state.seen = JSON.stringify(checklist);
    return checklist;
  }

  /** Records a manual item in the folder's checklist file and answers the new checklist. */
  async setManualItem(params: SetManualItemParams | null | undefined): Promise<Checklist> {
    if (!params || typeof params.itemId !== 'string' || typeof params.done !== 'boolean') {
      throw new ResponseError(ErrorCodes.InvalidParams, `${SET_MANUAL_ITEM_REQUEST} needs { itemId: string, done: boolean }`);
    }
    const state = this.stateOf(this.folderOf(params.folderUri));
    const open = this.deps.documents.get(state.fileUri);
    const text = open ? open.getText() : await this.readDisk(state.fileUri);
    let next: string;
    try {
      next = updateChecklistFile(text, params.itemId, params.done, params.by, params.date);
    } catch (error) {
      throw new ResponseError(ErrorCodes.InvalidParams, error instanceof Error ? error.message : String(error));
    }
    if (open) {
      // An open file is edited in the editor: the user sees the change and saves it (or undoes it).
      const end = open.positionAt(open.getText().length);
      const { applied, failureReason } = await this.deps.connection.workspace.applyEdit({
        label: `kube-prod: ${params.done ? 'done' : 'not done'}: ${params.itemId}`,
        edit: { changes: { [state.fileUri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: next }] } },
      });
      if (!applied) throw new ResponseError(LSPErrorCodes.RequestFailed, `${CHECKLIST_FILE_NAME} was not edited${failureReason ? `: ${failureReason}` : ''}`);
    } else {
      const path = pathOf(state.fileUri);
      if (path === undefined) throw new ResponseError(LSPErrorCodes.RequestFailed, `${state.fileUri} is not a file on disk`);
      await writeFile(path, next, 'utf8');
    }
    // The editor's change or the watcher's event re-reads it too; the answer must not wait for either.
    state.loads++;
    this.apply(state, next);
    return this.checklist({ folderUri: state.folder.uri });
  }

  /** Whether `uri` is the checklist file of a workspace folder. */
  isChecklistFile(uri: string): boolean {
    if (!isChecklistFileName(uri)) return false;
    const folder = this.deps.workspaces.folderFor(uri.slice(0, uri.lastIndexOf('/')));
    return folder !== undefined && `${folder.uri}/${CHECKLIST_FILE_NAME}` === uri;
  }

  /** The checklist file changed (editor or disk): read it again. */
  reload(uri: string): void {
    const folder = this.deps.workspaces.folderFor(uri.slice(0, uri.lastIndexOf('/')));
    if (!folder) return;
    const state = this.states.get(folder.uri);
    // Not read yet: it is read when the checklist is first asked for.
    if (state) state.loading = this.load(state);
  }

  removeFolders(removed: readonly Folder[]): void {
    for (const folder of removed) {
      const state = this.states.get(folder.uri);
      if (!state) continue;
      this.states.delete(folder.uri);
      state.loads++;
      if (state.problems !== undefined) this.deps.connection.sendDiagnostics({ uri: state.fileUri, diagnostics: [] });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private folderOf(folderUri: string | undefined): Folder {
    if (folderUri !== undefined && typeof folderUri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'folderUri must be a string');
    const folder = this.deps.workspaces.folderFor(folderUri);
    if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, folderUri ? `${folderUri} is not a workspace folder` : 'no workspace folder is open');
    return folder;
  }

  private stateOf(folder: Folder): FolderState {
    let state = this.states.get(folder.uri);
    if (!state) {
      state = { folder, fileUri: `${folder.uri}/${CHECKLIST_FILE_NAME}`, manual: undefined, loading: Promise.resolve(), loads: 0, problems: undefined, seen: undefined };
      this.states.set(folder.uri, state);
      state.loading = this.load(state);
    }
    return state;
  }

  private async compute(state: FolderState): Promise<Checklist> {
    await state.loading;
    const workspace = await this.deps.workspaces.complete(state.folder);
    if (!workspace) throw new ResponseError(LSPErrorCodes.RequestFailed, `${state.folder.uri} is no longer a workspace folder`);
    return computeChecklist(workspace, state.manual);
  }

  private async load(state: FolderState): Promise<void> {
    const load = ++state.loads;
    let text: string | undefined;
    try {
      const open = this.deps.documents.get(state.fileUri);
      text = open ? open.getText() : await this.readDisk(state.fileUri);
    } catch (error) {
      if (load === state.loads) this.report(state, [{ path: '', message: `cannot be read: ${describeError(error)}` }], undefined);
      return;
    }
    if (load !== state.loads || this.states.get(state.folder.uri) !== state) return;
    this.apply(state, text);
  }

  private apply(state: FolderState, text: string | undefined): void {
    let manual: ManualState | undefined;
    let errors: ConfigError[] = [];
    try {
      manual = text === undefined ? undefined : parseChecklistFile(text);
    } catch (error) {
      errors = error instanceof ConfigValidationError ? error.errors : [{ path: '', message: describeError(error) }];
    }
    this.report(state, errors, text);
    if (JSON.stringify(manual) === JSON.stringify(state.manual)) return;
    state.manual = manual;
    this.schedule(state.folder.uri);
  }

  /** Problems of the checklist file: on the file (code "checklist") and, when they change, in the log. */
  private report(state: FolderState, errors: ConfigError[], text: string | undefined): void {
    const problems = errors.length > 0 ? new ConfigValidationError(CHECKLIST_FILE_NAME, errors).message : undefined;
    if (problems !== undefined && problems !== state.problems) {
      this.deps.log.warn(`kube-prod: the manual checklist items are ignored until ${CHECKLIST_FILE_NAME} is fixed:\n${problems}`);
    }
    if (problems !== undefined || state.problems !== undefined) {
      const open = this.deps.documents.get(state.fileUri);
      this.deps.connection.sendDiagnostics({
        uri: state.fileUri,
        ...(open ? { version: open.version } : {}),
        diagnostics: errors.map((e) => configErrorDiagnostic(e, text, CHECKLIST_DIAGNOSTIC_CODE)),
      });
    }
    state.problems = problems;
  }

  private async readDisk(uri: string): Promise<string | undefined> {
    const path = pathOf(uri);
    if (path === undefined) return undefined;
    try {
      return await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  private indexChanged(change: IndexChange): void {
    if (this.states.has(change.scope)) this.schedule(change.scope);
  }

  private schedule(folderUri: string): void {
    this.dirty.add(folderUri);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.recompute().catch((error: unknown) => this.deps.log.error(`kube-prod: computing the checklist failed: ${describeError(error)}`));
    }, CHECKLIST_DEBOUNCE_MS);
  }

  /** Tells the client about each checklist it has seen that is now different. */
  private async recompute(): Promise<void> {
    const folders = [...this.dirty];
    this.dirty.clear();
    for (const folderUri of folders) {
      const state = this.states.get(folderUri);
      if (!state || state.seen === undefined) continue;
      await state.loading;
      // A folder still being read is computed when its reading completes (that is a change too).
      const serving = this.deps.workspaces.serving(state.folder);
      if (!serving?.complete || this.states.get(folderUri) !== state) continue;
      const json = JSON.stringify(computeChecklist(serving.workspace, state.manual));
      if (json === state.seen) continue;
      state.seen = json;
      const params: ChecklistChangedParams = { folderUri };
      await this.deps.connection.sendNotification(CHECKLIST_CHANGED_NOTIFICATION, params);
    }
  }
}
