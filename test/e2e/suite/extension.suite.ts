// The extension-host suite: runs inside a real VS Code with the extension installed (or under
// development) and the fixture workspace open. It uses the editor's own API — the commands,
// providers and documents the workbench uses — so that it runs alike under @vscode/test-electron
// and inside code-server. What needs eyes on pixels (Problems panel, menus, the tree view, the
// quick pick of rule docs) is checked by editor.e2e.ts in the browser.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import { RULES } from '../../../server/src/rules';
import { projectRoot } from '../../helpers/paths';

const ROOT = projectRoot(__dirname);
const EXTENSION_ID = 'kube-prod.kube-prod';

function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'VS Code was started without the fixture workspace');
  return first.uri;
}

const fileUri = (name: string): vscode.Uri => vscode.Uri.joinPath(folder(), name);

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(document);
}

/** Polls `probe` until it returns a value (not undefined/false), or fails naming `what`. */
async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const ruleOf = (diagnostic: vscode.Diagnostic): string =>
  typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code ?? '');

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kube-prod');
}

/** Runs `body` on a pristine copy of the fixture (the tests here edit the workspace), then removes it. */
function withPristineFixture<T>(body: (dir: string) => T): T {
  const copy = mkdtempSync(join(tmpdir(), 'kube-prod-fixture-'));
  try {
    cpSync(join(ROOT, 'test', 'e2e', 'fixture'), copy, { recursive: true });
    return body(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

type CliFinding = { ruleId: string; line: number; column: number; endLine: number; endColumn: number; message: string };

/** The CLI's findings for one file of the original fixture. */
function cliFindings(file: string): CliFinding[] {
  const result = withPristineFixture((dir) => runCli(['check', dir, '--format', 'json', '--fail-on', 'none'], dir));
  const report = JSON.parse(result) as { files: Array<{ path: string; findings: CliFinding[] }> };
  return report.files.find((f) => f.path.endsWith(`/${file}`) || f.path === file)?.findings ?? [];
}

/** Runs dist/cli.js with the extension host's own runtime (Electron's binary acts as Node with ELECTRON_RUN_AS_NODE). */
function runCli(args: string[], cwd: string): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 60_000,
  });
  assert.equal(result.error, undefined, `the CLI did not run: ${String(result.error)}`);
  return result.stdout;
}

async function quickFix(uri: vscode.Uri, diagnostic: vscode.Diagnostic, title: RegExp): Promise<vscode.CodeAction> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, diagnostic.range);
  const action = (actions ?? []).find((a): a is vscode.CodeAction => a instanceof vscode.CodeAction && title.test(a.title));
  assert.ok(action, `no code action matching ${title}; offered: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
  return action;
}

describe('kube-prod inside the VS Code extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in this VS Code`);
    await open('web-deployment.yaml');
    // Opening a YAML file activates it (activationEvents: onLanguage:yaml).
    await waitFor('the extension to activate', () => extension.isActive);
  });

  it('publishes the same findings as the CLI, with rule codes linking to their documentation', async () => {
    const uri = fileUri('web-deployment.yaml');
    const expected = cliFindings('web-deployment.yaml');
    assert.ok(expected.length > 0, 'the CLI finds nothing in the fixture');
    const diagnostics = await waitFor('diagnostics for web-deployment.yaml', () => {
      const found = ours(uri);
      return found.length >= expected.length && found;
    });
    const asText = (rule: string, line: number, column: number, endLine: number, endColumn: number): string => `${rule} ${line}:${column}-${endLine}:${endColumn}`;
    assert.deepEqual(
      diagnostics.map((d) => asText(ruleOf(d), d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.range.end.character + 1)).sort(),
      expected.map((f) => asText(f.ruleId, f.line, f.column, f.endLine, f.endColumn)).sort(),
    );
    const docs = new Map(RULES.map((rule) => [rule.meta.id, rule.meta.docsUrl]));
    for (const diagnostic of diagnostics) {
      assert.ok(typeof diagnostic.code === 'object', `${ruleOf(diagnostic)} has no documentation link`);
      assert.equal(diagnostic.code.target.toString(true), docs.get(ruleOf(diagnostic)));
    }
  });

  it('shows the rule rationale and documentation link on hover', async () => {
    const uri = fileUri('web-deployment.yaml');
    const liveness = ours(uri).find((d) => ruleOf(d) === 'liveness-probe-missing');
    assert.ok(liveness, 'no liveness-probe-missing finding');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, liveness.range.start);
    const text = (hovers ?? [])
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    const meta = RULES.find((rule) => rule.meta.id === 'liveness-probe-missing')?.meta;
    assert.ok(meta);
    assert.ok(text.includes(meta.docsUrl), `the hover lacks the documentation link:\n${text}`);
    assert.ok(text.includes(meta.rationale.slice(0, 40)), `the hover lacks the rationale:\n${text}`);
  });

  it('applies the "Add a readinessProbe" quick-fix with exactly the expected text', async () => {
    const editor = await open('web-deployment.yaml');
    const uri = editor.document.uri;
    const readiness = ours(uri).find((d) => ruleOf(d) === 'readiness-probe-missing');
    assert.ok(readiness, 'no readiness-probe-missing finding');
    const action = await quickFix(uri, readiness, /^Add a readinessProbe/);
    assert.equal(action.isPreferred, true, 'the rule fix is not the preferred quick-fix');
    assert.ok(action.edit, 'the quick-fix carries no edit');
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.equal(editor.document.getText(), readFileSync(join(ROOT, 'test', 'e2e', 'expected', 'web-deployment.readiness.yaml'), 'utf8'));
    await waitFor('the readiness finding to go', () => !ours(uri).some((d) => ruleOf(d) === 'readiness-probe-missing'), 20_000);
  });

  it('creates a PodDisruptionBudget for the workload under the cursor (command)', async () => {
    const editor = await open('api-deployment.yaml');
    const uri = editor.document.uri;
    const original = editor.document.getText();
    // pdb-missing is a workspace rule: it comes once the server has indexed the folder.
    await waitFor('the pdb-missing finding', () => ours(uri).some((d) => ruleOf(d) === 'pdb-missing'));
    editor.selection = new vscode.Selection(3, 0, 3, 0);
    await vscode.commands.executeCommand('kubeProd.createPodDisruptionBudget');
    const pdb = ['---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: api-pdb', 'spec:', '  maxUnavailable: 1', '  selector:', '    matchLabels:', '      app: api', ''].join('\n');
    assert.equal(editor.document.getText(), original + pdb);
    await waitFor('the pdb-missing finding to go', () => !ours(uri).some((d) => ruleOf(d) === 'pdb-missing'), 20_000);
  });

  it('fixes everything fixable in the file (command), as `kube-prod check --fix` does', async () => {
    const editor = await open('worker-deployment.yaml');
    const uri = editor.document.uri;
    const before = await waitFor('findings on worker-deployment.yaml', () => ours(uri).length > 0 && ours(uri));
    await vscode.commands.executeCommand('kubeProd.fixAll');
    // The CLI on a pristine copy of the fixture: the editor's workspace differs only in files unrelated to the worker.
    const cli = withPristineFixture((dir) => {
      runCli(['check', dir, '--fix', '--fail-on', 'none'], dir);
      return readFileSync(join(dir, 'worker-deployment.yaml'), 'utf8');
    });
    const fixed = editor.document.getText();
    // The editor and the CLI apply the fixes in different orders, so sibling keys they add may
    // come in another order: the same objects and the same lines (comments included) are required.
    assert.deepEqual(parseAllDocuments(fixed).map((d) => d.toJS()), parseAllDocuments(cli).map((d) => d.toJS()));
    assert.deepEqual(fixed.split('\n').sort(), cli.split('\n').sort());
    await waitFor('fewer findings', () => ours(uri).length < before.length, 20_000);
  });

  it('exports the workspace checklist as a Markdown document (command)', async () => {
    await vscode.commands.executeCommand('kubeProd.exportChecklist');
    const document = await waitFor('the exported checklist', () => {
      const active = vscode.window.activeTextEditor?.document;
      return active?.isUntitled === true && active.languageId === 'markdown' && active;
    });
    const text = document.getText();
    // The same sections and items as the CLI's Markdown checklist (their states differ: the tests above edited the workspace).
    const cli = runCli(['checklist', join(ROOT, 'test', 'e2e', 'fixture'), '--format', 'markdown'], ROOT);
    const headings = cli.split('\n').filter((line) => /^#{1,3} /.test(line));
    assert.ok(headings.length > 3, `the CLI's checklist has no sections:\n${cli}`);
    for (const heading of headings) assert.ok(text.includes(heading), `the exported checklist lacks "${heading}":\n${text}`);
    assert.match(text, /Liveness and readiness probes/);
    // Failing objects are listed by workspace-relative path, as the CLI lists them.
    assert.match(text, /`web-deployment\.yaml:\d+:\d+`/);
    assert.doesNotMatch(text, /file:\/\//);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('creates .kube-prod.yaml from a template, then opens it without overwriting it (command)', async () => {
    const config = fileUri('.kube-prod.yaml');
    assert.ok(!existsSync(config.fsPath), '.kube-prod.yaml exists before the command');
    await vscode.commands.executeCommand('kubeProd.openConfig');
    const created = await waitFor('.kube-prod.yaml', () => existsSync(config.fsPath) && readFileSync(config.fsPath, 'utf8'));
    assert.match(created, /^# kube-prod configuration/);
    assert.match(created, /^rules: \{\}$/m);
    await waitFor('its editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === config.fsPath);

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    writeFileSync(config.fsPath, `${created}# kept\n`);
    await vscode.commands.executeCommand('kubeProd.openConfig');
    await waitFor('its editor again', () => vscode.window.activeTextEditor?.document.uri.fsPath === config.fsPath);
    assert.equal(readFileSync(config.fsPath, 'utf8'), `${created}# kept\n`);
  });

  it('offers the production snippets in YAML completions', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(document);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 0));
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    const snippets = JSON.parse(readFileSync(join(ROOT, 'snippets', 'kubernetes.json'), 'utf8')) as Record<string, { prefix: string | string[] }>;
    for (const prefix of Object.values(snippets).map((s) => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix))) assert.ok(labels.includes(prefix), `no "${prefix}" completion; got ${labels.slice(0, 40).join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
