// A Helm chart in a real VS Code (code-server + Chromium, our .vsix installed), with the real helm
// on the PATH the extension's server inherits:
//   - a finding of the rendered chart is shown on the template line that produced it, with the
//     values.yaml key it read (the README's screenshot, helm-template-finding.png);
//   - the quick-fix "Add a CPU limit ... (in values.yaml)" on the container's template line edits
//     values.yaml, not the template; once saved, the chart renders again and the finding is gone.
// Run with `npm run test:e2e` (after scripts/e2e/setup.sh); `npm test` runs it too.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { k8sTools } from '../helpers/k8sTools';
import { chartsAndOverlaysDir } from '../helpers/paths';
import { E2E, removeScratch, ROOT, startCodeServer, VSIX, type Page, type RunningCodeServer } from './codeServer';
import { EDITOR_LINES, explainer, fileOnDisk, goTo, openFile, runCommand } from './workbench';

const IMAGES = process.env.KUBE_PROD_E2E_SCREENSHOTS ? join(ROOT, process.env.KUBE_PROD_E2E_SCREENSHOTS) : join(E2E, 'screenshots');
/** templates/deployment.yaml: `  replicas: {{ .Values.replicaCount }}` and `- name: {{ .Chart.Name }}` (1-based). */
const REPLICAS_LINE = 10;
const CONTAINER_LINE = 38;

describe('a Helm chart in a real VS Code (code-server + Chromium)', { timeout: 300_000 }, () => {
  let work: string;
  let workspace: string;
  let codeServer: RunningCodeServer | undefined;
  let page: Page;

  before(async () => {
    const tools = await k8sTools();
    work = mkdtempSync(join(tmpdir(), 'kube-prod-e2e-helm-'));
    workspace = join(work, 'workspace');
    cpSync(join(chartsAndOverlaysDir(), 'podinfo', 'charts', 'podinfo'), join(workspace, 'podinfo'), { recursive: true });
    // helm as users point at one that is not on their PATH: the kubeProd.helmPath setting.
    mkdirSync(join(workspace, '.vscode'), { recursive: true });
    writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'kubeProd.helmPath': tools.helm }, null, 2));
    codeServer = await startCodeServer({ work, workspace, extensions: [VSIX] });
    page = codeServer.page;
    await page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'podinfo' }).first().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await codeServer?.stop();
    removeScratch(work);
  });

  const explain = explainer(() => ({ page, codeServer }));

  /** The information-level problems the status bar counts (errors, warnings, infos: the third number). */
  async function infos(): Promise<number> {
    const text = await page.locator('[id="status.problems"]').first().innerText({ timeout: 10_000 });
    return Number((text.match(/\d+/g) ?? [])[2] ?? NaN);
  }

  const problemsInclude = (text: string, present = true): string =>
    `(document.querySelector('.markers-panel')?.textContent ?? '').includes(${JSON.stringify(text)}) === ${present}`;

  it('shows a finding of the rendered chart on the template line, with the values.yaml key it read', async () => {
    await explain('helm-template-finding', async () => {
      await openFile(page, 'deployment.yaml');
      await page.locator(EDITOR_LINES).first().click();
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel').first().waitFor({ timeout: 20_000 });
      // The server indexes the folder, renders the chart with helm, and maps the findings back.
      await page.waitForFunction(problemsInclude('runs 1 replica'), undefined, { timeout: 120_000, polling: 250 });
      const text = await page.locator('.markers-panel').first().innerText();
      assert.match(text, new RegExp(`replicas-too-few[^]*\\[Ln ${REPLICAS_LINE}, Col 3\\]`), text);
      // The related location: values.yaml, where replicaCount is set.
      assert.match(text, /values\.yaml\[Ln 3, Col 1\]: replicaCount is set in values\.yaml|replicaCount is set in values\.yaml/, text);
      await goTo(page, REPLICAS_LINE, 3);
      await page.locator('.editor-instance .monaco-editor .squiggly-warning').first().waitFor({ timeout: 10_000 });
      // The hover over the squiggle, as users read the finding.
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      await page.locator('.monaco-hover').filter({ hasText: 'runs 1 replica' }).first().waitFor({ timeout: 10_000 });
      mkdirSync(IMAGES, { recursive: true });
      await page.screenshot({ path: join(IMAGES, 'helm-template-finding.png') });
      await page.keyboard.press('Escape');
    });
  });

  it('fixes a finding on the template in values.yaml, and the chart renders again on save', async () => {
    await explain('helm-values-fix', async () => {
      const values = join(workspace, 'podinfo', 'values.yaml');
      const before = readFileSync(values, 'utf8');
      assert.doesNotMatch(before, /cpu: 500m/);
      // The Problems panel's list is virtual (the info-level CPU finding is below the fold): the
      // status bar's counts say what is there.
      const infosBefore = await infos();
      assert.ok(infosBefore > 0);
      await goTo(page, CONTAINER_LINE, 11);
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: 'Add a CPU limit to container "podinfo" (in values.yaml)' }).first();
      await item.waitFor({ timeout: 20_000 });
      await item.click();
      // The edit goes to values.yaml (opened unsaved); the template is untouched. Saved once it is there.
      await page.locator('.tabs-container .tab.dirty').filter({ hasText: 'values.yaml' }).first().waitFor({ timeout: 20_000 });
      await runCommand(page, 'File: Save All');
      const after = await fileOnDisk(values, (t) => t.includes('cpu: 500m'), 20_000);
      assert.match(after, /cpu: 500m/);
      assert.equal(after.replace('  limits:\n    cpu: 500m\n', '  limits:\n'), before);
      assert.equal(readFileSync(join(workspace, 'podinfo', 'templates', 'deployment.yaml'), 'utf8'), readFileSync(join(chartsAndOverlaysDir(), 'podinfo', 'charts', 'podinfo', 'templates', 'deployment.yaml'), 'utf8'));
      // Saving values.yaml renders the chart again: the CPU finding (info) is gone, the memory one (warning) stays.
      const deadline = Date.now() + 60_000;
      while ((await infos()) !== infosBefore - 1 && Date.now() < deadline) await page.waitForTimeout(250);
      assert.equal(await infos(), infosBefore - 1);
      await page.waitForFunction(problemsInclude('no resources.limits.memory'), undefined, { timeout: 10_000, polling: 250 });
    });
  });
});
