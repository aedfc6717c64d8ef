// End-to-end test in a real VS Code: code-server serves the VS Code workbench, Debian's Chromium
// (driven by playwright-core) shows it, and our packaged extension (.e2e/kube-prod.vsix) is
// installed into it. Checks what a user sees, in this order (later tests see the workspace as the
// earlier ones left it):
//   - the Problems panel lists kube-prod's findings for a bad Deployment, as many as the CLI finds;
//   - the "Add a readinessProbe" quick-fix applies through Ctrl+., and the saved file is exactly
//     test/e2e/expected/web-deployment.readiness.yaml;
//   - the checklist view shows the items and counts of `kube-prod checklist` on the fixture, and a
//     ticked manual item is written to .kube-prod-checklist.yaml;
//   - the "Create a PodDisruptionBudget" quick-fix appends the exact PDB document;
//   - the kp-pdb snippet expands with its linked tab stops;
//   - fix-all runs on save (editor.codeActionsOnSave) and the problem count drops;
//   - palette commands: "Open or Create .kube-prod.yaml" writes the template, opens it and it gets
//     no config diagnostics; "Create PodDisruptionBudget for the Workload under the Cursor" appends
//     the exact PDB document; "Export Checklist as Markdown" opens an untitled Markdown document
//     whose rows are those of `kube-prod checklist --format markdown` on the workspace; "Show Rule
//     Documentation" lists the rules and asks to open the chosen rule's docsUrl (the browser
//     workbench's "open the external website?" dialog, cancelled);
//   - a misspelled field (`livenessprobe:`) gets the bundled schema's error and no "no livenessProbe",
//     and the rename quick-fix saves the corrected text;
//   - navigation: the "selected by Service shop" and "→ 2 pods of Deployment shop" inlay hints are
//     drawn, and F12 on a secretKeyRef's name opens the Secret's file at its `kind:` line.
// Saved text is read from disk. The README's screenshots go to .e2e/screenshots/ (to docs/images/
// with `npm run screenshots`), the others (and one per failure) to .e2e/.
//
// Run with `npm run test:e2e` (it runs scripts/e2e/setup.sh, which installs everything into .e2e/);
// `npm test` runs it too, after the unit tests. Not named *.test.ts: the unit-test run leaves it out.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../server/src/rules';
import { E2E, log, removeScratch, ROOT, startCodeServer, VSIX, type Page, type RunningCodeServer } from './codeServer';
import * as workbench from './workbench';

// The README's screenshots are refreshed on request (`npm run screenshots`), so that a test run
// leaves the working tree as it found it.
const IMAGES = process.env.KUBE_PROD_E2E_SCREENSHOTS ? join(ROOT, process.env.KUBE_PROD_E2E_SCREENSHOTS) : join(E2E, 'screenshots');
const FIXTURE_FILE = 'web-deployment.yaml';
const PDB_FILE = 'api-deployment.yaml';
const FIX_ALL_FILE = 'worker-deployment.yaml';
const SNIPPET_FILE = 'pdb-snippet.yaml';
const COMMAND_PDB_FILE = 'cart-deployment.yaml';
const CONFIG_FILE = '.kube-prod.yaml';
/** A Deployment with a misspelled field, written into the workspace for the schema test. */
const TYPO_FILE = 'typo-deployment.yaml';
const TYPO_TEXT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: typo',
  'spec:',
  '  selector:',
  '    matchLabels: {app: typo}',
  '  template:',
  '    metadata:',
  '      labels: {app: typo}',
  '    spec:',
  '      containers:',
  '        - name: typo',
  '          image: nginx:1.27',
  '          livenessprobe: # misspelled',
  '            httpGet: {path: /healthz, port: 80}',
  '',
].join('\n');
/** A Secret and a Deployment with its Service that uses it, written into the workspace for the navigation test. */
const NAV_SECRET_FILE = 'shop-secret.yaml';
const NAV_SECRET_TEXT = ['# The database password of the shop.', 'apiVersion: v1', 'kind: Secret', 'metadata:', '  name: shop-db', 'stringData:', '  password: change-me', ''].join('\n');
const NAV_APP_FILE = 'shop-app.yaml';
const NAV_APP_TEXT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: shop',
  'spec:',
  '  replicas: 2',
  '  selector:',
  '    matchLabels:',
  '      app: shop',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: shop',
  '    spec:',
  '      containers:',
  '        - name: shop',
  '          image: shop:1.0.0',
  '          env:',
  '            - name: DB_PASSWORD',
  '              valueFrom:',
  '                secretKeyRef:',
  '                  name: shop-db',
  '                  key: password',
  '---',
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop',
  'spec:',
  '  selector:',
  '    app: shop',
  '  ports:',
  '    - port: 80',
  '',
].join('\n');
/** What the readiness quick-fix must turn FIXTURE_FILE into, byte for byte. */
const READINESS_EXPECTED = join(ROOT, 'test', 'e2e', 'expected', 'web-deployment.readiness.yaml');
/** The line of `- name: web`, where the container's findings are reported (1-based). */
const CONTAINER_LINE = 18;

/** Text of the editor's visible lines, with the non-breaking spaces the editor renders made plain. */
async function editorText(page: Page): Promise<string> {
  return (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText({ timeout: 10_000 })).replace(/\u00a0/g, ' ');
}

describe('kube-prod in a real VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  let work: string;
  let workspace: string;
  let codeServer: RunningCodeServer | undefined;
  let page: Page;

  before(async () => {
    // Outside the repository, so that the workbench finds no git repository around the workspace.
    work = mkdtempSync(join(tmpdir(), 'kube-prod-e2e-'));
    workspace = join(work, 'workspace');
    // A copy: the quick-fix edits the document, and nothing may touch the repository's fixture.
    cpSync(join(ROOT, 'test', 'e2e', 'fixture'), workspace, { recursive: true });
    // Fix-all on save, for the fix-all test. The tests before it that save use "Save without
    // Formatting", which runs no save participants (so no code actions on save).
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'editor.codeActionsOnSave': { 'source.fixAll.kube-prod': 'explicit' } }, null, 2));
    // An empty file for the snippet test (saving an untitled editor would open a file dialog).
    writeFileSync(join(workspace, SNIPPET_FILE), '');
    codeServer = await startCodeServer({ work, workspace, extensions: [VSIX] });
    page = codeServer.page;
    // The explorer shows the workspace once the remote file system answers.
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: FIXTURE_FILE }).first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await codeServer?.stop();
    removeScratch(work);
  });

  const explain = workbench.explainer(() => ({ page, codeServer }));

  const EDITOR_LINES = '.editor-instance .monaco-editor .view-lines';
  const runCommand = (title: string): Promise<void> => workbench.runCommand(page, title);
  const openFile = (name: string): Promise<void> => workbench.openFile(page, name);
  const goTo = (line: number, column: number): Promise<void> => workbench.goTo(page, line, column);
  const saveWithoutParticipants = (): Promise<void> => workbench.saveWithoutParticipants(page);
  const fileOnDisk = workbench.fileOnDisk;

  /** All problems counted in the status bar (errors + warnings + infos). */
  async function problemsTotal(): Promise<number> {
    const text = await page.locator('[id="status.problems"]').first().innerText({ timeout: 10_000 });
    return (text.match(/\d+/g) ?? []).reduce((sum, n) => sum + Number(n), 0);
  }

  /** Waits until a line on screen in the editor holds `text` (the editor draws spaces as no-break spaces). */
  async function editorShows(text: string, timeoutMs: number): Promise<void> {
    await page.waitForFunction(
      `[...document.querySelectorAll(${JSON.stringify(EDITOR_LINES)})].some((e) => e.textContent.replace(/\u00a0/g, ' ').includes(${JSON.stringify(text)}))`,
      undefined,
      { timeout: timeoutMs, polling: 200 },
    );
  }

  /** Brings the first occurrence of `text` in the active editor on screen (Find, then Escape). */
  async function revealInEditor(text: string): Promise<void> {
    await page.locator(EDITOR_LINES).first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Control+F');
    await page.locator('.editor-instance .find-widget.visible').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text, { delay: 5 });
    // The current match is drawn once it is on screen.
    await page.locator('.editor-instance .monaco-editor .currentFindMatch').first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
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

  it('applies the "Add a readinessProbe" quick-fix through Ctrl+. and saves exactly the expected text', async () => {
    await explain('quick-fix', async () => {
      const path = join(workspace, FIXTURE_FILE);
      assert.doesNotMatch(readFileSync(path, 'utf8'), /readinessProbe/);
      const expected = readFileSync(READINESS_EXPECTED, 'utf8');
      await goTo(CONTAINER_LINE, 11);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.first().waitFor({ timeout: 20_000 });
      const item = menu.locator('.monaco-list-row').filter({ hasText: /Add a readinessProbe/ }).first();
      await item.waitFor({ timeout: 20_000 });
      await item.hover();
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'quick-fix-menu.png') });
      await item.click();
      await editorShows('readinessProbe:', 20_000);
      await saveWithoutParticipants();
      const text = await fileOnDisk(path, (t) => t.includes('readinessProbe'), 15_000);
      assert.equal(text, expected);
      // Only the fixed finding goes, once the server has re-analysed the edited document.
      await page.waitForFunction(
        `(() => { const t = document.querySelector('.markers-panel')?.textContent ?? ''; return !t.includes('no readinessProbe') && t.includes('no livenessProbe'); })()`,
        undefined,
        { timeout: 20_000, polling: 250 },
      );
      await page.screenshot({ path: join(E2E, 'after-quick-fix.png') });
    });
  });

  it('shows the production checklist view with the CLI\'s items and counts, and records a ticked manual item', async () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      contributes?: { views?: Record<string, { id: string; name: string }[]> };
    };
    const view = Object.values(manifest.contributes?.views ?? {})
      .flat()
      .find((candidate) => /checklist/i.test(`${candidate.id} ${candidate.name}`));
    assert.ok(view, 'package.json contributes no checklist view');
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

      // The items and counts are those of `kube-prod checklist` on the fixture: the quick-fix above
      // gave "web" a readinessProbe but no livenessProbe, so it still fails the probes item.
      const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'checklist', join(ROOT, 'test', 'e2e', 'fixture')], { encoding: 'utf8', timeout: 60_000 });
      const cliState = (title: string): string => {
        const line = cli.stdout.split('\n').find((candidate) => candidate.includes(` ${title} `));
        assert.ok(line, `no "${title}" in the CLI's checklist:\n${cli.stdout}${cli.stderr}`);
        return line.trim().split(/\s{2,}/).pop() ?? '';
      };
      const row = (title: string) => page.locator('.part.sidebar .monaco-list-row').filter({ hasText: title }).first();
      for (const [title, expected] of [
        ['Liveness and readiness probes', '1 of 4 long-running workloads'],
        ['Pod disruption budgets', '0 of 3 multi-replica workloads and PDBs'],
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
      // The file's heading comment names the quick-fix: wait for the document, not the word.
      await editorShows('kind: PodDisruptionBudget', 20_000);
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

  it('opens or creates .kube-prod.yaml from the template, and the server finds nothing wrong in it', async () => {
    await explain('open-config', async () => {
      const path = join(workspace, CONFIG_FILE);
      assert.ok(!existsSync(path), `${CONFIG_FILE} exists before the command created it`);
      await runCommand('kube-prod: Open or Create .kube-prod.yaml');
      const created = await fileOnDisk(path, (t) => t.length > 0, 15_000);
      assert.ok(created.startsWith('# kube-prod configuration'), `${CONFIG_FILE} does not start with the template's heading:\n${created}`);
      assert.match(created, /^rules: \{\}$/m, `${CONFIG_FILE} lacks "rules: {}":\n${created}`);
      await page.locator('.tabs-container .tab.active').filter({ hasText: CONFIG_FILE }).first().waitFor({ timeout: 15_000 });
      await editorShows('rules: {}', 15_000);

      // "No diagnostic" only means something once the server validates the open file: a bad key
      // must get a config error, and taking it out again must clear it.
      const errorSquiggle = `${EDITOR_LINES.replace(' .view-lines', '')} .squiggly-error`;
      assert.equal(await page.locator(errorSquiggle).count(), 0, `${CONFIG_FILE} as created has an error squiggle`);
      await page.locator(EDITOR_LINES).first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type('bogus: 1');
      await page.keyboard.press('Escape');
      await page.locator(errorSquiggle).first().waitFor({ timeout: 20_000 });
      // The server also warns once about an invalid file; that toast would cover later screenshots.
      await runCommand('Notifications: Clear All Notifications');
      // Typing is undone in several steps; back at the saved text the tab is clean again.
      for (let i = 0; i < 20 && (await page.locator('.tabs-container .tab.active.dirty').count()) > 0; i++) {
        await page.keyboard.press('Control+Z');
        await page.waitForTimeout(100);
      }
      assert.equal(await page.locator('.tabs-container .tab.active.dirty').count(), 0, `undo did not bring ${CONFIG_FILE} back to its saved text`);
      assert.doesNotMatch(await editorText(page), /bogus/);
      await page.waitForFunction(`!document.querySelector(${JSON.stringify(errorSquiggle)})`, undefined, { timeout: 20_000, polling: 250 });
      // Nor is it listed in the Problems panel (which lists only files with problems); the panel
      // refreshes after the squiggles, so its state is waited for, then read for the message.
      await page
        .waitForFunction(`!(document.querySelector('.markers-panel')?.textContent ?? '').includes(${JSON.stringify(CONFIG_FILE)})`, undefined, { timeout: 20_000, polling: 250 })
        .catch(() => undefined);
      const problems = (await page.locator('.markers-panel').first().innerText({ timeout: 10_000 })).replace(/\s+/g, ' ');
      assert.ok(!problems.includes(CONFIG_FILE), `the Problems panel lists ${CONFIG_FILE}: ${problems}`);
      assert.equal(readFileSync(path, 'utf8'), created, `${CONFIG_FILE} changed on disk`);
    });
  });

  it('creates a PodDisruptionBudget with the command for the workload under the cursor', async () => {
    await explain('create-pdb-command', async () => {
      const path = join(workspace, COMMAND_PDB_FILE);
      const original = readFileSync(path, 'utf8');
      await openFile(COMMAND_PDB_FILE);
      // pdb-missing is a workspace rule: its finding comes once the server has indexed the
      // workspace, and it is the only warning of this file, so its squiggle says it is there.
      const warning = '.editor-instance .monaco-editor .squiggly-warning';
      await page.locator(warning).first().waitFor({ timeout: 45_000 });
      await goTo(10, 3); // replicas: 2, inside the Deployment
      await runCommand('kube-prod: Create PodDisruptionBudget for the Workload under the Cursor');
      // The budget goes below the last line on screen: the edit shows as the tab turning dirty.
      await page.locator('.tabs-container .tab.active.dirty').filter({ hasText: COMMAND_PDB_FILE }).first().waitFor({ timeout: 20_000 });
      await saveWithoutParticipants();
      const text = await fileOnDisk(path, (t) => t.includes('kind: PodDisruptionBudget'), 15_000);
      const expected =
        original +
        [
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '  name: cart-pdb',
          'spec:',
          '  maxUnavailable: 1',
          '  selector:',
          '    matchLabels:',
          '      app.kubernetes.io/name: cart',
          '',
        ].join('\n');
      assert.equal(text, expected);
      // The budget selects the Deployment's pods: the finding goes.
      await page.waitForFunction(`!document.querySelector(${JSON.stringify(warning)})`, undefined, { timeout: 20_000, polling: 250 });
    });
  });

  it('exports the checklist as an untitled Markdown document that agrees with the CLI', async () => {
    await explain('export-checklist', async () => {
      await page.keyboard.press('Escape');
      await runCommand('kube-prod: Export Checklist as Markdown');
      await page.locator('.tabs-container .tab.active').filter({ hasText: /Untitled/ }).first().waitFor({ timeout: 20_000 });
      await editorShows('## kube-prod production checklist', 20_000);
      assert.equal((await page.locator('[id="status.editor.mode"]').first().innerText({ timeout: 10_000 })).trim(), 'Markdown');
      const text = await editorText(page);
      for (const expected of ['## kube-prod production checklist', '### Health checks', 'Liveness and readiness probes']) {
        assert.ok(text.includes(expected), `the exported checklist lacks "${expected}":\n${text}`);
      }
      await page.screenshot({ path: join(E2E, 'exported-checklist.png') });

      // The workspace as the tests above left it, with its .kube-prod.yaml and .kube-prod-checklist.yaml
      // (the CLI finds both from its working directory, as the server does in the folder).
      const cli = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'checklist', '.', '--format', 'markdown'], { cwd: workspace, encoding: 'utf8', timeout: 60_000 });
      const cliRow = (title: string): string => {
        const line = cli.stdout.split('\n').find((candidate) => candidate.startsWith('|') && candidate.includes(title));
        assert.ok(line, `no "${title}" row in the CLI's Markdown checklist:\n${cli.stdout}${cli.stderr}`);
        return line;
      };
      for (const title of ['Liveness and readiness probes', 'Pod disruption budgets', 'Hardened containers', 'Runbooks written']) {
        const expected = cliRow(title);
        await revealInEditor(title);
        const shown = await editorText(page);
        assert.ok(shown.split('\n').includes(expected), `the exported checklist has no row "${expected}" (as the CLI writes it):\n${shown}`);
        log(`checklist row: ${expected}`);
      }
      // Untitled and edited: closing it would ask to save.
      await runCommand('View: Revert and Close Editor');
      await page.waitForFunction(`![...document.querySelectorAll('.tabs-container .tab')].some((t) => /Untitled/.test(t.textContent))`, undefined, { timeout: 10_000, polling: 200 });
    });
  });

  it('shows a rule\'s documentation: the quick pick lists the rules, and the chosen rule\'s docsUrl is offered for opening', async () => {
    await explain('rule-docs', async () => {
      const ids = RULES.map((rule) => rule.meta.id).sort((a, b) => a.localeCompare(b));
      const docsUrl = RULES.find((rule) => rule.meta.id === 'liveness-probe-missing')?.meta.docsUrl;
      assert.ok(docsUrl, 'liveness-probe-missing has no docsUrl');
      const opened: Page[] = [];
      const onPage = (popup: Page) => opened.push(popup);
      page.context().on('page', onPage);
      try {
        await page.keyboard.press('Escape');
        await runCommand('kube-prod: Show Rule Documentation');
        const rows = page.locator('.quick-input-list .monaco-list-row');
        await page.locator('.quick-input-widget').filter({ hasText: 'kube-prod: rule documentation' }).first().waitFor({ timeout: 15_000 });
        // Sorted by id: the first rule is on screen.
        await rows.filter({ hasText: ids[0] }).first().waitFor({ timeout: 15_000 });
        await page.keyboard.type('liveness-probe-missing', { delay: 10 });
        const focused = page.locator('.quick-input-list .monaco-list-row.focused');
        await page.waitForFunction(
          `(document.querySelector('.quick-input-list .monaco-list-row.focused')?.textContent ?? '').includes('liveness-probe-missing')`,
          undefined,
          { timeout: 10_000, polling: 200 },
        );
        log(`picked: ${(await focused.first().innerText()).replace(/\s+/g, ' ')}`);
        await page.keyboard.press('Enter');
        // In the browser, VS Code asks before it opens a site that is not a trusted domain
        // (kubernetes.io is not one); the dialog shows the URL it would open.
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.first().waitFor({ timeout: 20_000 });
        log(`dialog: ${(await dialog.first().innerText()).replace(/\s+/g, ' ')}`);
        await page.screenshot({ path: join(E2E, 'rule-docs-dialog.png') });
        assert.match(await dialog.first().innerText(), /open the external website/);
        assert.equal((await dialog.locator('.dialog-message-detail').first().innerText()).trim(), docsUrl);
        await dialog.locator('.monaco-button').filter({ hasText: /^Cancel$/ }).first().click();
        await page.waitForFunction(`!document.querySelector('.monaco-dialog-box')`, undefined, { timeout: 10_000, polling: 200 });
        assert.deepEqual(opened.map((popup) => popup.url()), [], 'a page opened although the dialog was cancelled');
      } finally {
        page.context().off('page', onPage);
      }
    });
  });

  it('flags a misspelled field against the bundled Kubernetes schema, and the rename quick-fix corrects it', async () => {
    await explain('schema', async () => {
      // Written now, in the last test: the checklist test compares the workspace with the CLI on the fixture.
      const path = join(workspace, TYPO_FILE);
      writeFileSync(path, TYPO_TEXT);
      await openFile(TYPO_FILE);
      // The Problems panel's list is virtual (rows of other files fill it): the finding is read
      // where users read it, in the hover over the squiggle.
      const hoverAt = async (line: number, column: number, text: string): Promise<string> => {
        await goTo(line, column);
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        const hover = page.locator('.monaco-hover').filter({ hasText: text }).first();
        await hover.waitFor({ timeout: 30_000 });
        const shown = await hover.innerText();
        await page.keyboard.press('Escape');
        return shown;
      };
      await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
      await hoverAt(15, 14, 'Unknown field `livenessprobe` in Container; did you mean `livenessProbe`?');
      // Misspelled, not missing: the container has "no readinessProbe" but no "no livenessProbe".
      assert.doesNotMatch(await hoverAt(13, 13, 'no readinessProbe'), /no livenessProbe/);
      await goTo(15, 14);
      await page.keyboard.press('Control+.');
      const menu = page.locator('.action-widget');
      await menu.first().waitFor({ timeout: 20_000 });
      const item = menu.locator('.monaco-list-row').filter({ hasText: /Rename `livenessprobe` to `livenessProbe`/ }).first();
      await item.waitFor({ timeout: 20_000 });
      await item.click();
      await editorShows('livenessProbe: # misspelled', 20_000);
      await saveWithoutParticipants();
      const text = await fileOnDisk(path, (t) => t.includes('livenessProbe:'), 15_000);
      assert.equal(text, TYPO_TEXT.replace('livenessprobe:', 'livenessProbe:'));
      // The error goes once the server has the corrected text.
      await page.waitForFunction(`!document.querySelector('.editor-instance .monaco-editor .squiggly-error')`, undefined, { timeout: 20_000, polling: 250 });
    });
  });

  it('shows which Service selects the pods in an inlay hint, and F12 on a secretKeyRef opens the Secret', async () => {
    await explain('navigation', async () => {
      writeFileSync(join(workspace, NAV_SECRET_FILE), NAV_SECRET_TEXT);
      writeFileSync(join(workspace, NAV_APP_FILE), NAV_APP_TEXT);
      await openFile(NAV_APP_FILE);
      // The hints come once the server has indexed both files (it asks the editor to refresh them then).
      await editorShows('selected by Service shop', 45_000);
      // The whole file on screen, for the Service's selector and for the README's picture.
      await runCommand('View: Hide Panel');
      await editorShows('→ 2 pods of Deployment shop', 15_000);
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'inlay-hints.png') });
      // F12 on `shop-db` of the secretKeyRef (line 22): the Secret's file opens at its kind: line (3).
      await goTo(22, 26);
      await page.keyboard.press('F12');
      await page.locator('.tabs-container .tab.active').filter({ hasText: NAV_SECRET_FILE }).first().waitFor({ timeout: 20_000 });
      await editorShows('name: shop-db', 10_000);
      await page.waitForFunction(
        `(document.querySelector('[id="status.editor.selection"]')?.textContent ?? '').includes('Ln 3,')`,
        undefined,
        { timeout: 10_000, polling: 200 },
      );
      log(`after F12: ${(await page.locator('[id="status.editor.selection"]').first().innerText()).trim()} in ${NAV_SECRET_FILE}`);
    });
  });
});
