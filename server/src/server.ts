// The language server: LSP wiring only. Each feature lives in a service under ./services.
import {
  CodeActionKind,
  createConnection,
  ErrorCodes,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { bundledSchema, type KubernetesSchema } from './engine/schema/bundled';
import { RULES, ruleById } from './rules';
import { BuildService, WORKSPACE_TRUSTED_NOTIFICATION } from './services/builds';
import { CHECKLIST_REQUEST, ChecklistService, SET_MANUAL_ITEM_REQUEST, type ChecklistParams, type SetManualItemParams } from './services/checklist';
import { CodeActionService, FIX_ALL_KIND, FIX_ALL_REQUEST, type FixAllParams } from './services/codeActions';
import { CompletionService } from './services/completion';
import { ConfigFileService } from './services/configFile';
import { DiagnosticsService } from './services/diagnostics';
import { WorkspaceFolders } from './services/folders';
import { canonicalUri } from './services/files';
import { HoverService } from './services/hover';
import { ConsoleLog, describeError, guard, respond } from './services/log';
import { isConfigFileName, isYamlDocument } from './services/scope';
import { FILES_EXCLUDE_SECTION, SETTINGS_SECTION, SettingsService } from './services/settings';
import { NavigationService } from './services/navigation';
import { SymbolService } from './services/symbols';
import { WorkspaceService } from './services/workspaces';

// Stdio, IPC, pipe or socket, as the command line says (--stdio, --node-ipc, ...).
const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const log = new ConsoleLog(connection.console);
const folders = new WorkspaceFolders();
const settings = new SettingsService(connection, (id) => ruleById(id) !== undefined, log);
const configs = new ConfigFileService(connection, documents, folders, log);
/** The documents we analyse: YAML, and not one of our own files. */
const isManifest = (document: TextDocument): boolean => isYamlDocument(document.uri, document.languageId) && !isConfigFileName(document.uri);
const workspaces = new WorkspaceService({
  rules: RULES,
  folders,
  documents,
  log,
  setupOf: async (folder) => {
    const [config, folderSettings, filesExclude] = await Promise.all([configs.configOfFolder(folder), settings.forDocument(folder.uri), settings.filesExclude(folder.uri)]);
    return { config, settings: folderSettings, filesExclude };
  },
});
const diagnostics = new DiagnosticsService({ connection, documents, settings, configs, workspaces, folders, rules: RULES, ruleById, isManifest, log });
const checklists = new ChecklistService({ connection, documents, workspaces, log });
const codeActions = new CodeActionService({ diagnostics, workspaces, rules: RULES, ruleById, log });
/** The schema hover and completion read for a kind: the bundled API's, or a CRD of the document's workspace. */
function schemaFor(uri: string, apiVersion: string, kind: string): KubernetesSchema | undefined {
  const workspace = workspaces.workspaceOf(uri);
  if (workspace) return workspace.schemaFor(apiVersion, kind);
  // Before the folder's workspace exists: the built-in kinds still complete.
  const bundled = bundledSchema();
  return bundled['x-kube-prod'].kinds[`${apiVersion}/${kind}`] ? bundled : undefined;
}

/** Another extension (Red Hat's YAML, with its Kubernetes schema) documents the fields on hover. */
let kubernetesSchemaServedByPeer = false;
const hovers = new HoverService({
  diagnostics,
  ruleById,
  documentAt: (uri, line) => workspaces.workspaceOf(uri)?.openDocumentAt(canonicalUri(uri), line),
  fieldDocumentation: () => !kubernetesSchemaServedByPeer,
  schemaFor,
  peerSuppressionsAt: (uri, position) => workspaces.workspaceOf(uri)?.peerSuppressionsAt(canonicalUri(uri), position) ?? [],
});
const completions = new CompletionService({ documents, isManifest, enabled: () => !kubernetesSchemaServedByPeer, schemaFor });
const symbols = new SymbolService({ diagnostics, workspaces, folders });
const navigation = new NavigationService({ connection, documents, diagnostics, workspaces, settings, log });
const builds = new BuildService({ connection, workspaces, folders, settings, rules: RULES, log });

let canRegisterConfigurationChange = false;
let canChangeWorkspaceFolders = false;
let canRegisterFileWatchers = false;

/** Settings or a config changed: folders whose setup differs are re-indexed, every open manifest analysed again. */
const reanalyseAll = (): void => {
  workspaces.reconcileAll();
  diagnostics.refresh(documents.all().filter(isManifest));
};

/** What the server watches: manifests, its config and the manual checklist; any folder, for folders created, deleted or renamed. */
const FILE_WATCHERS = [
  { globPattern: '**/*.{yaml,yml}' },
  { globPattern: '**/.kube-prod.yaml' },
  { globPattern: '**/.kube-prod-checklist.yaml' },
  { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
];

connection.onInitialize((params): InitializeResult => {
  folders.initialize(params);
  const workspace = params.capabilities.workspace;
  settings.initialize(workspace?.configuration === true);
  canRegisterConfigurationChange = workspace?.didChangeConfiguration?.dynamicRegistration === true;
  canChangeWorkspaceFolders = workspace?.workspaceFolders === true;
  canRegisterFileWatchers = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  codeActions.initialize(params.capabilities);
  navigation.initialize(params.capabilities);
  builds.initialize(params.initializationOptions);
  kubernetesSchemaServedByPeer = (params.initializationOptions as { kubernetesSchemaServedByPeer?: unknown } | undefined)?.kubernetesSchemaServedByPeer === true;
  return {
    capabilities: {
      // Saves start renders of charts and overlays (never keystrokes).
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
      hoverProvider: true,
      completionProvider: { resolveProvider: false },
      documentSymbolProvider: { label: 'kube-prod' },
      workspaceSymbolProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport === true ? { prepareProvider: true } : true,
      inlayHintProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: canChangeWorkspaceFolders } },
    },
    serverInfo: { name: 'kube-prod' },
  };
});

connection.onInitialized(
  guard(log, 'initialized', async () => {
    configs.start();
    workspaces.start();
    if (canChangeWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(
        guard(log, 'didChangeWorkspaceFolders', (event) => {
          const { added, removed } = folders.change(event);
          configs.addFolders(added);
          configs.removeFolders(removed);
          checklists.removeFolders(removed);
          workspaces.removeFolders(removed);
          workspaces.addFolders(added);
          reanalyseAll();
        }),
      );
    }
    if (canRegisterConfigurationChange) {
      // files.exclude too: it decides which files the workspace index holds.
      await connection.client.register(DidChangeConfigurationNotification.type, { section: [SETTINGS_SECTION, FILES_EXCLUDE_SECTION] });
    }
    if (canRegisterFileWatchers) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: FILE_WATCHERS });
    }
  }),
);

connection.onDidChangeConfiguration(
  guard(log, 'didChangeConfiguration', (change) => {
    settings.changed(change.settings);
    reanalyseAll();
    navigation.settingsChanged();
    builds.scheduleAll();
  }),
);

connection.onDidChangeWatchedFiles(
  guard(log, 'didChangeWatchedFiles', async (params) => {
    for (const change of params.changes) {
      // While one of our files is open in the editor, the editor's text is the file.
      if (documents.get(change.uri)) continue;
      if (configs.isConfigFile(change.uri)) configs.reload(change.uri);
      else if (checklists.isChecklistFile(change.uri)) checklists.reload(change.uri);
    }
    await workspaces.filesChanged(params.changes);
    for (const change of params.changes) builds.fileChanged(change.uri);
  }),
);

connection.onNotification(
  WORKSPACE_TRUSTED_NOTIFICATION,
  guard(log, 'workspaceTrusted', () => builds.trust()),
);

connection.onRequest(CHECKLIST_REQUEST, (params: ChecklistParams | undefined) => checklists.checklist(params));
connection.onRequest(SET_MANUAL_ITEM_REQUEST, (params: SetManualItemParams | undefined) => checklists.setManualItem(params));

// Requests: an unexpected failure is logged and answered with nothing, not an error popup; a rename
// that cannot be done answers with the reason.
connection.onCodeAction(respond(log, (params) => `code actions for ${params.textDocument.uri}`, [], (params, token) => codeActions.codeActions(params, token)));

connection.onCodeActionResolve(async (action) => {
  try {
    return await codeActions.resolve(action);
  } catch (error) {
    log.error(`kube-prod: resolving the code action "${action.title}" failed: ${describeError(error)}`);
    return action;
  }
});

connection.onHover(respond(log, (params) => `hover for ${params.textDocument.uri}`, null, (params) => hovers.hover(params)));

connection.onDocumentSymbol(respond(log, (params) => `symbols of ${params.textDocument.uri}`, [], (params) => symbols.documentSymbols(params)));

connection.onDefinition(respond(log, (params) => `definition in ${params.textDocument.uri}`, [], (params) => navigation.definition(params)));

connection.onReferences(respond(log, (params) => `references in ${params.textDocument.uri}`, [], (params) => navigation.references(params)));

connection.onPrepareRename(respond(log, (params) => `prepare rename in ${params.textDocument.uri}`, null, (params) => navigation.prepareRename(params)));

connection.onRenameRequest(respond(log, (params) => `rename in ${params.textDocument.uri}`, null, (params) => navigation.rename(params)));

connection.languages.inlayHint.on(respond(log, (params) => `inlay hints of ${params.textDocument.uri}`, [], (params) => navigation.inlayHints(params)));

connection.onWorkspaceSymbol(respond(log, () => 'workspace symbols', [], (params) => symbols.workspaceSymbols(params)));

connection.onCompletion(respond(log, (params) => `completion in ${params.textDocument.uri}`, [], (params) => completions.complete(params)));

connection.onRequest(FIX_ALL_REQUEST, async (params: FixAllParams | undefined) => {
  const uri = params?.uri;
  if (typeof uri !== 'string' || !documents.get(uri)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `${FIX_ALL_REQUEST}: uri must name an open document`);
  }
  return codeActions.fixAll(uri);
});

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
    else if (checklists.isChecklistFile(document.uri)) checklists.reload(document.uri);
    else if (isManifest(document)) diagnostics.changed(document);
  }),
);

documents.onDidSave(guard(log, 'didSave', ({ document }) => builds.fileChanged(document.uri)));

documents.onDidClose(
  guard(log, 'didClose', ({ document }) => {
    settings.forget(document.uri);
    // Back to what is on disk.
    if (configs.isConfigFile(document.uri)) configs.reload(document.uri);
    else if (checklists.isChecklistFile(document.uri)) checklists.reload(document.uri);
    else if (isManifest(document)) diagnostics.closed(document.uri);
  }),
);

connection.onShutdown(() => {
  builds.dispose();
  navigation.dispose();
  diagnostics.dispose();
  checklists.dispose();
  workspaces.dispose();
});

// A last line of defence: an escaped error is logged, and the server keeps serving.
process.on('uncaughtException', (error) => log.error(`kube-prod: uncaught exception: ${describeError(error)}`));
process.on('unhandledRejection', (reason) => log.error(`kube-prod: unhandled rejection: ${describeError(reason)}`));

documents.listen(connection);
connection.listen();
