// A minimal LSP client for tests: spawns the bundled server (dist/server.js) over stdio and
// talks real JSON-RPC to it, answering the requests a client must answer (workspace/configuration,
// client/registerCapability) and recording what the server publishes, logs and shows.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  ApplyWorkspaceEditParams,
  CodeAction,
  CodeActionParams,
  Diagnostic,
  Range,
  ConfigurationParams,
  FileEvent,
  InitializeParams,
  InitializeResult,
  LogMessageParams,
  PublishDiagnosticsParams,
  RegistrationParams,
  ShowMessageParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { projectRoot } from './paths';

export const DEFAULT_TIMEOUT_MS = 5000;

/**
 * <project root>/dist/server.js. The root is found by walking up from this compiled file
 * (out/test/helpers/) to our package.json, or, when the tests were compiled elsewhere, from the
 * working directory.
 */
export function serverBundle(): string {
  const candidates = [projectRoot(__dirname), projectRoot(process.cwd())].map((root) => join(root, 'dist', 'server.js'));
  const bundle = candidates.find((candidate) => existsSync(candidate));
  if (!bundle) throw new Error(`${candidates[0]} is missing: run \`npm run build\` first`);
  return bundle;
}

export interface StartOptions {
  /** Workspace folders, as paths. */
  folders?: string[];
  /** The `kubeProd` settings the client answers with, per document URI (a promise delays the answer). */
  settings?: (scopeUri: string | undefined) => unknown;
  /** Advertise workspace/configuration support (default true). */
  configuration?: boolean;
  /** Other configuration sections (such as `files.exclude`) the client answers with; null when absent. */
  sections?: (section: string, scopeUri: string | undefined) => unknown;
  /** Advertise dynamic registration of file watchers (default false: the test sends file events itself). */
  watchers?: boolean;
  /** What the client answers to workspace/applyEdit (default: applied). */
  applyEdit?: (params: ApplyWorkspaceEditParams) => { applied: boolean; failureReason?: string };
  /** Advertise versioned edits (`workspace.workspaceEdit.documentChanges`, default false). */
  documentChanges?: boolean;
  /** Advertise change annotations (`workspace.workspaceEdit.changeAnnotationSupport`): edits the user confirms first. */
  changeAnnotations?: boolean;
  /** Advertise codeAction/resolve of `edit` (default false: every action comes with its edit), as VS Code does. */
  resolveCodeActions?: boolean;
  /** Advertise `window.workDoneProgress` (default false); `$/progress` then arrives in `notifications`. */
  workDoneProgress?: boolean;
  initializationOptions?: unknown;
  /** Node options for the server process (`--cpu-prof`, for a profile). */
  execArgv?: string[];
  /** The server process's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** A notification other than the ones the client records in their own lists. */
export interface Notification {
  method: string;
  params: unknown;
}

type Waiter = () => void;

export class LspClient {
  /** Every publishDiagnostics, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: RegistrationParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  /** Every other notification (the custom protocol's), in arrival order. */
  readonly notifications: Notification[] = [];
  initializeResult: InitializeResult | undefined;
  settings: (scopeUri: string | undefined) => unknown;
  private readonly waiters = new Set<Waiter>();
  private stderr = '';
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? (() => ({}));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exit = new Promise((resolve) =>
      child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        this.notify();
        resolve();
      }),
    );
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => this.record(this.published, params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => this.record(this.logs, params));
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => this.record(this.messages, params));
    const sections = options.sections ?? (() => null);
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.record(this.configurationRequests, params);
      return Promise.all(params.items.map((item) => (item.section === 'kubeProd' ? this.settings(item.scopeUri) : sections(item.section ?? '', item.scopeUri))));
    });
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.record(this.appliedEdits, params);
      return options.applyEdit?.(params) ?? { applied: true };
    });
    connection.onNotification((method: string, params: unknown) => this.record(this.notifications, { method, params }));
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.record(this.registrations, params);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    // Progress the server reports on a token it created arrives as `$/progress` in `notifications`.
    connection.onRequest('window/workDoneProgress/create', ({ token }: { token: string | number }) => {
      connection.onProgress(new ProgressType<unknown>(), token, (value) => this.record(this.notifications, { method: '$/progress', params: { token, value } }));
      return null;
    });
    connection.listen();
  }

  /** Spawns the server, initializes it with the given workspace folders and sends `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.execArgv ?? []), serverBundle(), '--stdio'], { stdio: 'pipe', env: options.env ?? process.env });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new LspClient(child, connection, options);
    const folders = (options.folders ?? []).map((path) => ({ uri: uriOf(path), name: path.slice(path.lastIndexOf('/') + 1) }));
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders,
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: options.watchers ?? false },
          workspaceEdit: { documentChanges: options.documentChanges ?? false, ...(options.changeAnnotations ? { changeAnnotationSupport: { groupsOnLabel: true } } : {}) },
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true, relatedInformation: true },
          ...(options.resolveCodeActions ? { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } : {}),
        },
        window: { workDoneProgress: options.workDoneProgress ?? false },
      },
      initializationOptions: options.initializationOptions,
    };
    try {
      client.initializeResult = await client.within(connection.sendRequest<InitializeResult>('initialize', params), 'initialize');
    } catch (error) {
      client.kill();
      throw error;
    }
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'yaml', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Full text, or incremental changes applied in order. */
  async change(uri: string, version: number, change: string | TextDocumentContentChangeEvent[]): Promise<void> {
    const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async save(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  async changeConfiguration(settings: unknown = null): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async changeWatchedFiles(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** codeAction/resolve: the action with its edit (unchanged when it has none to give). */
  resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    return this.request<CodeAction>('codeAction/resolve', action);
  }

  /** Sends any request and waits for its answer (a ResponseError rejects). */
  request<R>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    return this.within(this.connection.sendRequest<R>(method, params), method, timeoutMs);
  }

  /** textDocument/codeAction for `diagnostics` (their range unless another is given), optionally only of some kinds. */
  codeActions(uri: string, diagnostics: Diagnostic[], options: { range?: Range; only?: string[] } = {}): Promise<CodeAction[]> {
    const range = options.range ?? diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const params: CodeActionParams = { textDocument: { uri }, range, context: { diagnostics, ...(options.only ? { only: options.only } : {}) } };
    return this.request<CodeAction[] | null>('textDocument/codeAction', params).then((actions) => actions ?? []);
  }

  /** Notifications of `method` received so far. */
  notificationsOf(method: string): unknown[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params);
  }

  /** Sends any notification, well-formed or not. */
  async sendNotification(method: string, params: unknown): Promise<void> {
    await this.connection.sendNotification(method, params);
  }

  /** Publishes for one URI, in arrival order. */
  diagnosticsFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  /** The latest publish for `uri` that satisfies `predicate`, waiting for it up to `timeoutMs`. */
  waitForDiagnostics(
    uri: string,
    predicate: (params: PublishDiagnosticsParams) => boolean = () => true,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<PublishDiagnosticsParams> {
    return this.waitUntil(
      () => {
        const latest = this.diagnosticsFor(uri).at(-1);
        return latest && predicate(latest) ? latest : undefined;
      },
      () => `diagnostics for ${uri}; latest: ${JSON.stringify(this.diagnosticsFor(uri).at(-1) ?? null)}`,
      timeoutMs,
    );
  }

  waitForLog(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<LogMessageParams> {
    return this.waitUntil(() => this.logs.find((l) => pattern.test(l.message)), () => `a log message matching ${pattern}`, timeoutMs);
  }

  waitForMessage(pattern: RegExp, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<ShowMessageParams> {
    return this.waitUntil(() => this.messages.find((m) => pattern.test(m.message)), () => `a window message matching ${pattern}`, timeoutMs);
  }

  /** Resolves with `check()`'s first defined value, re-checked on every message from the server. */
  waitUntil<T>(check: () => T | undefined, describe: () => string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = () => {
        let value: T | undefined;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (this.exited) {
          finish();
          reject(new Error(`server exited (${JSON.stringify(this.exited)}) while waiting for ${describe()}${this.trail()}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}${this.trail()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
      waiter();
    });
  }

  /** The server's process id (for its memory, in benchmarks). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the server is still running. */
  get running(): boolean {
    return this.exited === undefined;
  }

  /** shutdown, then exit; resolves with the exit code (the child is killed if it lingers). */
  async shutdown(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<number | null> {
    if (this.exited) return this.exited.code;
    await this.within(this.connection.sendRequest('shutdown'), 'shutdown', timeoutMs);
    await this.connection.sendNotification('exit');
    await this.within(this.exit, 'exit', timeoutMs).catch(() => this.kill());
    this.connection.dispose();
    return this.exitCode;
  }

  get exitCode(): number | null {
    return this.exited?.code ?? null;
  }

  /** Always safe to call: ends the child if it is still running. */
  kill(): void {
    this.connection.dispose();
    if (!this.exited) this.child.kill();
  }

  private record<T>(list: T[], item: T): void {
    list.push(item);
    this.notify();
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private within<T>(promise: Promise<T>, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.trail()}`)), timeoutMs);
      promise.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  private trail(): string {
    const logs = this.logs.map((l) => `  log: ${l.message}`).join('\n');
    return `${logs ? `\nserver log:\n${logs}` : ''}${this.stderr ? `\nstderr:\n${this.stderr}` : ''}`;
  }
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
