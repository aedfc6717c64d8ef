// What the end-to-end suites do in the VS Code workbench, as a user does it: the command palette,
// Quick Open, Go to Line, saving; and reading what was saved from disk.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E, log, type Page, type RunningCodeServer } from './codeServer';

export const EDITOR_LINES = '.editor-instance .monaco-editor .view-lines';

/** Runs a command of the command palette by its full title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
  await page.keyboard.type(title, { delay: 10 });
  await page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  const tab = page.locator('.tabs-container .tab.active').filter({ hasText: name }).first();
  // Quick Open sometimes takes Enter before its list has settled on the match (and then opens
  // nothing): the whole gesture is tried again, three times at most.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
    await page.keyboard.type(name, { delay: 10 });
    await page.locator('.quick-input-list .monaco-list-row.focused').filter({ hasText: name }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    try {
      await tab.waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      log(`Quick Open did not open ${name} (attempt ${attempt}); trying again`);
    }
  }
  await page.locator(EDITOR_LINES).first().waitFor({ timeout: 15_000 });
}

/** Puts the cursor of the active editor at a 1-based line and column (Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.locator(EDITOR_LINES).first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').first().waitFor({ timeout: 10_000 });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** Saves the active editor without save participants (no fix-all on save), and waits until it is saved. */
export async function saveWithoutParticipants(page: Page): Promise<void> {
  await runCommand(page, 'File: Save without Formatting');
  await page.waitForFunction(`!document.querySelector('.tabs-container .tab.active.dirty')`, undefined, { timeout: 15_000, polling: 200 });
}

/** The file's text once `ready` says it is there (polled on disk), or the last text read. */
export async function fileOnDisk(path: string, ready: (text: string) => boolean, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (ready(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return text;
}

/**
 * Runs a test step; on failure, leaves a screenshot (.e2e/failure-<name>.png) and the end of
 * code-server's log, to see where it stopped.
 */
export function explainer(session: () => { page: Page | undefined; codeServer: RunningCodeServer | undefined }) {
  return async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    try {
      return await body();
    } catch (error) {
      const { page, codeServer } = session();
      const shot = join(E2E, `failure-${name}.png`);
      await page?.screenshot({ path: shot }).catch(() => undefined);
      log(`failed: ${name}; screenshot ${shot}; code-server log ends:\n${codeServer?.log().slice(-4000) ?? ''}`);
      throw error;
    }
  };
}
