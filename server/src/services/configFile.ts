import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  type Connection,
  type Diagnostic,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME, ConfigValidationError, parseConfig, type ConfigError, type UserConfig } from '../engine/config';
import type { Folder, WorkspaceFolders } from './folders';
import { describeError, type Log } from './log';
import { linesOf } from '../engine/lineBreaks';

export const CONFIG_DIAGNOSTIC_CODE = 'config';

/** A folder's config file as loaded; `key` changes whenever its content does. */
export interface FolderConfig {
  key: string;
  user: UserConfig;
}

/** The config that applies outside every workspace folder. */
export const NO_CONFIG: FolderConfig = Object.freeze({ key: '', user: {} });

interface FolderState {
  folder: Folder;
  configUri: string;
  config: FolderConfig;
  generation: number;
  /** Bumped by each load; a load that finishes after a newer one started is dropped. */
  loads: number;
  loading: Promise<void>;
  /** The current problems, as text: logged when they change, not on every keystroke. */
  problems: string | undefined;
  /** Whether the user was told that this folder's config is invalid (once per invalid spell). */
  warned: boolean;
}

/**
 * `.kube-prod.yaml` at the root of each workspace folder: read at start, from the editor when the
 * file is open there, else from disk; re-read when it changes. A bad config is reported on the
 * file itself (code "config"), in the log and once as a warning, and the defaults apply until it is fixed.
 */
export class ConfigFileService {
  private readonly states = new Map<string, FolderState>();
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
    private readonly log: Log,
  ) {}

  /** Called after a folder's effective config changed (not when only its whitespace did). */
  onDidChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Reads the config of every workspace folder. */
  start(): void {
    for (const folder of this.folders.all()) this.stateOf(folder);
  }

  addFolders(added: readonly Folder[]): void {
    for (const folder of added) this.stateOf(folder);
  }

  removeFolders(removed: readonly Folder[]): void {
    for (const folder of removed) {
      const state = this.states.get(folder.uri);
      if (!state) continue;
      this.states.delete(folder.uri);
      state.loads++;
      if (state.problems !== undefined) this.publish(state, []);
    }
    if (removed.length > 0) this.emit();
  }

  /** Whether `uri` is the config file of a workspace folder. */
  isConfigFile(uri: string): boolean {
    return this.stateFor(uri) !== undefined;
  }

  /** Re-reads the config file at `uri` (from the editor when open there); ignores other files. */
  reload(uri: string): void {
    const state = this.stateFor(uri);
    if (state) state.loading = this.load(state);
  }

  /** The config that applies to a document: its folder's, once loaded; the defaults outside folders. */
  async configFor(uri: string): Promise<FolderConfig> {
    const folder = this.folders.folderOf(uri);
    return folder ? this.configOfFolder(folder) : NO_CONFIG;
  }

  /** A workspace folder's config, once loaded. */
  async configOfFolder(folder: Folder): Promise<FolderConfig> {
    const state = this.stateOf(folder);
    await state.loading;
    return state.config;
  }

  /** The config that applies to a document as last loaded, without waiting for a load in progress. */
  peek(uri: string): FolderConfig {
    const folder = this.folders.folderOf(uri);
    return folder ? this.stateOf(folder).config : NO_CONFIG;
  }

  private stateFor(uri: string): FolderState | undefined {
    const folder = this.folders.folderOf(uri);
    if (!folder || uri !== configUriOf(folder)) return undefined;
    return this.stateOf(folder);
  }

  private stateOf(folder: Folder): FolderState {
    let state = this.states.get(folder.uri);
    if (!state) {
      state = {
        folder,
        configUri: configUriOf(folder),
        config: { key: `${folder.uri}#0`, user: {} },
        generation: 0,
        loads: 0,
        loading: Promise.resolve(),
        problems: undefined,
        warned: false,
      };
      this.states.set(folder.uri, state);
      state.loading = this.load(state);
    }
    return state;
  }

  private async load(state: FolderState): Promise<void> {
    const load = ++state.loads;
    let text: string | undefined;
    let user: UserConfig = {};
    let errors: ConfigError[] = [];
    try {
      text = await this.read(state.configUri);
      if (text !== undefined) user = parseConfig(text, this.label(state));
    } catch (error) {
      errors = error instanceof ConfigValidationError ? error.errors : [{ path: '', message: `cannot be read: ${describeError(error)}` }];
    }
    if (load !== state.loads || this.states.get(state.folder.uri) !== state) return;
    try {
      this.apply(state, errors.length > 0 ? {} : user, errors, text);
    } catch (error) {
      this.log.error(`kube-prod: applying ${this.label(state)} failed: ${describeError(error)}`);
    }
  }

  private async read(uri: string): Promise<string | undefined> {
    const open = this.documents.get(uri);
    if (open) return open.getText();
    if (!uri.startsWith('file:')) return undefined;
    try {
      return await readFile(fileURLToPath(uri), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  }

  private apply(state: FolderState, user: UserConfig, errors: ConfigError[], text: string | undefined): void {
    const problems = errors.length > 0 ? new ConfigValidationError(this.label(state), errors).message : undefined;
    if (problems !== undefined && problems !== state.problems) {
      this.log.warn(`kube-prod: invalid config, using the default rule settings until it is fixed:\n${problems}`);
    }
    if (problems !== undefined && !state.warned) {
      state.warned = true;
      const first = errors[0];
      const more = errors.length > 1 ? ` and ${errors.length - 1} more` : '';
      this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `kube-prod: ${this.label(state)} is invalid (${first.path ? `${first.path}: ` : ''}${first.message}${more}); the default rule settings apply until it is fixed.`,
      });
    }
    if (problems === undefined) {
      if (state.problems !== undefined) this.log.info(`kube-prod: ${this.label(state)} is valid again.`);
      state.warned = false;
    }
    if (problems !== undefined || state.problems !== undefined) this.publish(state, errors.map((e) => configErrorDiagnostic(e, text)));
    state.problems = problems;

    if (JSON.stringify(user) !== JSON.stringify(state.config.user)) {
      state.generation++;
      state.config = { key: `${state.folder.uri}#${state.generation}`, user };
      this.emit();
    }
  }

  private publish(state: FolderState, diagnostics: Diagnostic[]): void {
    const open = this.documents.get(state.configUri);
    this.connection.sendDiagnostics({ uri: state.configUri, ...(open ? { version: open.version } : {}), diagnostics });
  }

  private emit(): void {
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (error) {
        this.log.error(`kube-prod: config change listener failed: ${describeError(error)}`);
      }
    }
  }

  private label(state: FolderState): string {
    return this.folders.all().length > 1 ? `${state.folder.name}/${CONFIG_FILE_NAME}` : CONFIG_FILE_NAME;
  }
}

function configUriOf(folder: Folder): string {
  return `${folder.uri}/${CONFIG_FILE_NAME}`;
}

/** A config problem as a diagnostic at the key it names (to the end of the key), or at the top. */
export function configErrorDiagnostic(error: ConfigError, text: string | undefined, code = CONFIG_DIAGNOSTIC_CODE): Diagnostic {
  const line = error.line ?? 0;
  const character = error.character ?? 0;
  const lineText = (text === undefined ? undefined : linesOf(text)[line]?.replace(/\r$/, '')) ?? '';
  let end = character;
  if (error.line !== undefined) {
    const rest = lineText.slice(character);
    const key = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#\s](?:[^:\s]|:(?!\s|$))*)/.exec(rest);
    end = character + (key ? key[0].length : Math.max(rest.trimEnd().length, 0));
    if (end === character && lineText.length > character) end = character + 1;
  }
  return {
    range: { start: { line, character }, end: { line, character: end } },
    severity: DiagnosticSeverity.Error,
    source: 'kube-prod',
    code,
    message: error.path ? `${error.path}: ${error.message}` : error.message,
  };
}
