// The palette commands (category "kube-prod") and the checklist view's title-bar actions.
import { readFileSync } from 'node:fs';
import {
  CodeAction,
  commands,
  env,
  languages,
  Position,
  Range,
  SnippetString,
  Uri,
  ViewColumn,
  window,
  workspace,
  type Command,
  type Diagnostic,
  type Disposable,
  type ExtensionContext,
  type LogOutputChannel,
  type TextDocument,
  type WorkspaceFolder,
} from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceEdit as LspWorkspaceEdit } from 'vscode-languageclient';
import { formatChecklistMarkdown } from '../../server/src/cli/formatters/checklistMarkdown';
import { RULES } from '../../server/src/rules';
import type { ChecklistView } from './checklistView';
import { DIAGNOSTIC_SOURCE, FIX_ALL_REQUEST, type FixAllParams } from './protocol';

export const COMMANDS = {
  refresh: 'kubeProd.refreshChecklist',
  fixAll: 'kubeProd.fixAll',
  createPdb: 'kubeProd.createPodDisruptionBudget',
  showRuleDocs: 'kubeProd.showRuleDocumentation',
  exportChecklist: 'kubeProd.exportChecklist',
  openConfig: 'kubeProd.openConfig',
  newDeployment: 'kubeProd.newDeployment',
  showOutput: 'kubeProd.showOutput',
} as const;

const CONFIG_FILE = '.kube-prod.yaml';
const CONFIG_TEMPLATE = `# kube-prod configuration: https://kube-prod.dev/schemas/kube-prod.schema.json
# Rule severities: off, info, warning or error (or { severity, options }).
rules: {}
#  image-tag-latest: error
#  liveness-probe-missing: off
# The namespace of objects that name none.
# defaultNamespace: default
`;

interface Deps {
  context: ExtensionContext;
  client: LanguageClient;
  checklist: ChecklistView;
  log: LogOutputChannel;
}

export function registerCommands({ context, client, checklist, log }: Deps): Disposable[] {
  const run = (id: string, body: (...args: unknown[]) => Promise<unknown> | unknown): Disposable =>
    commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        await body(...args);
      } catch (error) {
        log.error(`${id}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void window.showErrorMessage(`kube-prod: ${error instanceof Error ? error.message : String(error)}`);
      }
    });

  return [
    run(COMMANDS.refresh, () => checklist.refresh()),
    run(COMMANDS.fixAll, () => fixAll(client)),
    run(COMMANDS.createPdb, () => createPdb()),
    run(COMMANDS.showRuleDocs, (ruleId) => showRuleDocs(typeof ruleId === 'string' ? ruleId : undefined)),
    run(COMMANDS.exportChecklist, () => exportChecklist(checklist)),
    run(COMMANDS.openConfig, () => openConfig()),
    run(COMMANDS.newDeployment, () => newDeployment(context)),
    run(COMMANDS.showOutput, () => log.show()),
  ];
}

function activeYaml(): TextDocument | undefined {
  const document = window.activeTextEditor?.document;
  if (document?.languageId === 'yaml') return document;
  void window.showInformationMessage('kube-prod: open a Kubernetes YAML file first.');
  return undefined;
}

async function fixAll(client: LanguageClient): Promise<void> {
  const document = activeYaml();
  if (!document) return;
  const params: FixAllParams = { uri: document.uri.toString() };
  const result = await client.sendRequest<LspWorkspaceEdit | null>(FIX_ALL_REQUEST, params);
  if (!result) {
    void window.showInformationMessage('kube-prod: nothing to fix automatically in this file.');
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result);
  if (!(await workspace.applyEdit(edit))) void window.showWarningMessage('kube-prod: the fixes could not be applied (the file changed meanwhile?).');
}

function ruleIdOf(diagnostic: Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (typeof code === 'object') return String(code.value);
  return code === undefined ? undefined : String(code);
}

/** The title of pdb-missing's fix (server/src/rules/availability/pdb-missing.ts). */
const PDB_FIX_TITLE = /^Create a PodDisruptionBudget /;

/** The PodDisruptionBudget quick-fix of the pdb-missing finding of the workload under the cursor. */
async function createPdb(): Promise<void> {
  const editor = window.activeTextEditor;
  const document = activeYaml();
  if (!editor || !document) return;
  const cursor = editor.selection.active;
  const { start, end } = yamlDocumentAround(document, cursor);
  const finding = languages
    .getDiagnostics(document.uri)
    .find((d) => d.source === DIAGNOSTIC_SOURCE && ruleIdOf(d) === 'pdb-missing' && d.range.start.line >= start && d.range.start.line <= end);
  if (!finding) {
    void window.showInformationMessage('kube-prod: the workload under the cursor needs no PodDisruptionBudget (no pdb-missing finding here).');
    return;
  }
  const actions = await commands.executeCommand<Array<CodeAction | Command>>('vscode.executeCodeActionProvider', document.uri, finding.range, 'quickfix');
  // Actions come back from executeCodeActionProvider without their diagnostics, so the rule's fix is known by its title.
  const fix = (actions ?? []).find((a): a is CodeAction => a instanceof CodeAction && a.isPreferred === true && PDB_FIX_TITLE.test(a.title));
  if (!fix?.edit) {
    void window.showWarningMessage('kube-prod: no PodDisruptionBudget fix is offered for this workload.');
    return;
  }
  await workspace.applyEdit(fix.edit);
  if (fix.command) await commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
}

/** The lines (inclusive) of the YAML document (between `---` separators) holding the position. */
function yamlDocumentAround(document: TextDocument, position: Position): { start: number; end: number } {
  const separator = (line: number): boolean => /^---(\s|$)/.test(document.lineAt(line).text);
  let start = position.line;
  while (start > 0 && !separator(start)) start--;
  let end = position.line + 1;
  while (end < document.lineCount && !separator(end)) end++;
  return { start, end: end - 1 };
}

async function showRuleDocs(ruleId?: string): Promise<void> {
  const rules = [...RULES].map((r) => r.meta).sort((a, b) => a.id.localeCompare(b.id));
  const chosen = ruleId
    ? rules.find((r) => r.id === ruleId)
    : await window.showQuickPick(
        rules.map((meta) => ({ label: meta.id, description: meta.severity, detail: meta.description, meta })),
        { title: 'kube-prod: rule documentation', placeHolder: 'Rule', matchOnDescription: true, matchOnDetail: true },
      ).then((pick) => pick?.meta);
  if (chosen) await env.openExternal(Uri.parse(chosen.docsUrl));
}

async function exportChecklist(checklist: ChecklistView): Promise<void> {
  const folder = await pickFolder('Export the checklist of');
  if (!folder) return;
  let data = checklist.checklistOf(folder);
  if (!data) {
    await checklist.refresh();
    data = checklist.checklistOf(folder);
  }
  if (!data) throw new Error('the checklist is not available yet (is the language server running?)');
  // Paths relative to the folder, as `kube-prod checklist --format markdown` prints them: the export is pasted into PRs and wikis.
  const relative: typeof data = {
    ...data,
    sections: data.sections.map((section) => ({
      ...section,
      items: section.items.map((item) => ({ ...item, failures: item.failures.map((failure) => ({ ...failure, uri: workspace.asRelativePath(Uri.parse(failure.uri), false) })) })),
    })),
  };
  const document = await workspace.openTextDocument({ language: 'markdown', content: formatChecklistMarkdown(relative, { limit: Infinity }) });
  await window.showTextDocument(document, { viewColumn: ViewColumn.Active });
}

async function pickFolder(title: string): Promise<WorkspaceFolder | undefined> {
  const folders = workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void window.showInformationMessage('kube-prod: open a folder first.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return window.showWorkspaceFolderPick({ placeHolder: title });
}

async function openConfig(): Promise<void> {
  const folder = await pickFolder(`Open the ${CONFIG_FILE} of`);
  if (!folder) return;
  const uri = Uri.joinPath(folder.uri, CONFIG_FILE);
  try {
    await workspace.fs.stat(uri);
  } catch {
    await workspace.fs.writeFile(uri, Buffer.from(CONFIG_TEMPLATE, 'utf8'));
  }
  await window.showTextDocument(uri);
}

/** An untitled YAML document holding the production Deployment snippet, its tab stops live. */
async function newDeployment(context: ExtensionContext): Promise<void> {
  const snippets = JSON.parse(readFileSync(context.asAbsolutePath('snippets/kubernetes.json'), 'utf8')) as Record<string, { body: string[] }>;
  const body = snippets['Production Deployment']?.body;
  if (!body) throw new Error('the Deployment snippet is missing');
  const document = await workspace.openTextDocument({ language: 'yaml' });
  const editor = await window.showTextDocument(document);
  await editor.insertSnippet(new SnippetString(body.join('\n')), new Range(0, 0, 0, 0));
}
