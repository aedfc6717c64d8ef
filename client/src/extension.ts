// The extension side: start the bundled language server and wire the UI to it. Every language decision
// is made by the server (dist/server.js); the checklist view, status bar and commands live in their modules.
import * as path from 'node:path';
import { extensions, window, workspace, type ExtensionContext, type LogOutputChannel } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { ChecklistView } from './checklistView';
import { registerCommands } from './commands';
import { KubeProdStatusBar } from './statusBar';

let client: LanguageClient | undefined;

/** Restarts allowed within RESTART_WINDOW_MS before we give up. */
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Restarts a server that stopped, telling the user once (not modally) rather than once per crash,
 * and gives up when it keeps crashing.
 */
function restartingErrorHandler(log: LogOutputChannel): ErrorHandler {
  const restarts: number[] = [];
  let told = false;
  return {
    error: (error, _message, count) => {
      log.error(`language server connection error: ${error.message}`);
      return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
    },
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS) {
        log.error(`the language server stopped ${MAX_RESTARTS + 1} times in ${RESTART_WINDOW_MS / 60000} minutes; not restarting it`);
        void window.showErrorMessage('kube-prod: the language server keeps stopping and was not restarted. Reload the window to try again.', 'Show output')
          .then((choice) => choice && log.show());
        return { action: CloseAction.DoNotRestart, handled: true };
      }
      restarts.push(now);
      log.warn('the language server stopped; restarting it');
      if (!told) {
        told = true;
        void window.showWarningMessage('kube-prod: the language server stopped and was restarted.', 'Show output')
          .then((choice) => choice && log.show());
      }
      return { action: CloseAction.Restart, handled: true };
    },
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  const log = window.createOutputChannel('kube-prod', { log: true });
  context.subscriptions.push(log);

  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // No file watchers here: the server registers the ones it needs (manifests, .kube-prod.yaml,
  // .kube-prod-checklist.yaml, folders) with workspace/didChangeWatchedFiles, for every client alike.
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel: log,
    errorHandler: restartingErrorHandler(log),
    // Rendering Helm charts and kustomizations runs the user's helm and kustomize on workspace
    // content: the server does it only in a trusted workspace.
    // A function: a restarted server is told the trust of that moment.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted, kubernetesSchemaServedByPeer: redHatServesKubernetesSchema() }),
  };

  client = new LanguageClient('kubeProd', 'kube-prod', serverOptions, clientOptions);
  const checklist = new ChecklistView(client, log);
  const statusBar = new KubeProdStatusBar(checklist);
  context.subscriptions.push(
    checklist,
    statusBar,
    checklist.listen(),
    ...registerCommands({ context, client, checklist, log }),
    // After a restart the new server knows no watched checklist: ask again, which also re-subscribes.
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) void checklist.refresh();
    }),
    workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('kubeProd/workspaceTrusted')),
  );
  log.info(`kube-prod ${String(context.extension.packageJSON.version)} starting`);
  await client.start();
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

/**
 * Red Hat's YAML extension with its Kubernetes schema associated (`"yaml.schemas": {"kubernetes": ...}`)
 * documents the fields on hover itself: kube-prod then leaves field hovers to it, so that each field
 * is not documented twice. Its diagnostics are another matter: see the README ("Schema validation").
 */
function redHatServesKubernetesSchema(): boolean {
  if (!extensions.getExtension('redhat.vscode-yaml')) return false;
  const schemas = workspace.getConfiguration('yaml').get<Record<string, unknown>>('schemas') ?? {};
  return Object.keys(schemas).some((key) => key.toLowerCase() === 'kubernetes');
}
