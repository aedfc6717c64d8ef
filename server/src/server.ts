// The language server: LSP wiring only. Each feature lives in a service under ./services.
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES, ruleById } from './rules';
import { AnalysisService } from './services/analysis';
import { ConfigFileService } from './services/configFile';
import { DiagnosticsService } from './services/diagnostics';
import { WorkspaceFolders } from './services/folders';
import { ConsoleLog, describeError, guard } from './services/log';
import { isConfigFileName, isYamlDocument } from './services/scope';
import { SETTINGS_SECTION, SettingsService } from './services/settings';

// Stdio, IPC, pipe or socket, as the command line says (--stdio, --node-ipc, ...).
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = new ConsoleLog(connection.console);
const folders = new WorkspaceFolders();
const settings = new SettingsService(connection, (id) => ruleById(id) !== undefined, log);
const configs = new ConfigFileService(connection, documents, folders, log);
const analysis = new AnalysisService(RULES, log);
const diagnostics = new DiagnosticsService({ connection, documents, settings, configs, analysis, folders, ruleById, log });

let canRegisterConfigurationChange = false;
let canChangeWorkspaceFolders = false;

/** The documents we analyse: YAML, and not one of our own config files. */
const isManifest = (document: TextDocument): boolean => isYamlDocument(document.uri, document.languageId) && !isConfigFileName(document.uri);
const reanalyseAll = (): void => diagnostics.refresh(documents.all().filter(isManifest));

connection.onInitialize((params): InitializeResult => {
  folders.initialize(params);
  const workspace = params.capabilities.workspace;
  settings.initialize(workspace?.configuration === true);
  canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  canChangeWorkspaceFolders = workspace?.workspaceFolders === true;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      workspace: { workspaceFolders: { supported: true, changeNotifications: canChangeWorkspaceFolders } },
    },
    serverInfo: { name: 'kube-prod' },
  };
});

connection.onInitialized(
  guard(log, 'initialized', async () => {
    configs.start();
    if (canChangeWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard(log, 'didChangeWorkspaceFolders', (event) => {
          const { added, removed } = folders.change(event);
          configs.addFolders(added);
          configs.removeFolders(removed);
          reanalyseAll();
        }),
      );
    }
    if (canRegisterConfigurationChange) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
  }),
);

connection.onDidChangeConfiguration(
  guard(log, 'didChangeConfiguration', (change) => {
    settings.changed(change.settings);
    reanalyseAll();
  }),
);

connection.onDidChangeWatchedFiles(
  guard(log, 'didChangeWatchedFiles', (params) => {
    for (const change of params.changes) {
      // While the config is open in the editor, the editor's text is the config.
      if (configs.isConfigFile(change.uri) && !documents.get(change.uri)) configs.reload(change.uri);
    }
  }),
);

configs.onDidChange(reanalyseAll);

documents.onDidOpen(
  guard(log, 'didOpen', ({ document }) => {
    if (isManifest(document)) diagnostics.opened(document);
  }),
);

// Fired on open too (after onDidOpen); a manifest already scheduled for this version is not rescheduled.
documents.onDidChangeContent(
  guard(log, 'didChange', ({ document }) => {
    if (configs.isConfigFile(document.uri)) configs.reload(document.uri);
    else if (isManifest(document)) diagnostics.changed(document);
  }),
);

documents.onDidClose(
  guard(log, 'didClose', ({ document }) => {
    settings.forget(document.uri);
    // Back to what is on disk.
    if (configs.isConfigFile(document.uri)) configs.reload(document.uri);
    else if (isManifest(document)) diagnostics.closed(document.uri);
  }),
);

connection.onShutdown(() => diagnostics.dispose());

// A last line of defence: an escaped error is logged, and the server keeps serving.
process.on('uncaughtException', (error) => log.error(`kube-prod: uncaught exception: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => log.error(`kube-prod: unhandled rejection: ${describeError(reason)}`));

documents.listen(connection);
connection.listen();
