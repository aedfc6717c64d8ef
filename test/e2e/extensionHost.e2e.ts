// Runs the extension-host suite (test/e2e/suite/, the one `npm run test:e2e:electron` runs under
// @vscode/test-electron) inside code-server's VS Code, for machines that cannot download VS Code.
// code-server has no --extensionTestsPath, so a test-only harness extension (test/e2e/harness/)
// loads the suite in the extension host, beside our installed .vsix, and writes the outcome to a
// file. Each mocha test is reported here as a subtest, so that the counts are the suite's own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E, log, removeScratch, ROOT, startCodeServer, VSIX, type RunningCodeServer } from './codeServer';

interface MochaTest {
  fullTitle: string;
  duration?: number;
  err: { message?: string; stack?: string };
}
interface MochaReport {
  stats: { tests: number; passes: number; failures: number; pending: number };
  tests: MochaTest[];
  failures: MochaTest[];
  pending: MochaTest[];
}

/** Packages the harness with vsce, from a copy (vsce treats its working folder as the extension). */
function packageHarness(work: string): string {
  const source = join(work, 'harness');
  cpSync(join(ROOT, 'test', 'e2e', 'harness'), source, { recursive: true });
  const vsix = join(work, 'harness.vsix');
  const vsce = join(E2E, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], {
    cwd: source,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(result.status, 0, `packaging the harness failed:\n${result.stdout}\n${result.stderr}`);
  return vsix;
}

async function waitForOutcome(statusFile: string, timeoutMs: number): Promise<{ state: string; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  let outcome: { state: string; error?: string } = { state: 'not started' };
  while (Date.now() < deadline) {
    if (existsSync(statusFile)) {
      try {
        outcome = JSON.parse(readFileSync(statusFile, 'utf8')) as typeof outcome;
      } catch {
        // Read while being written: the next poll sees it whole.
      }
      if (outcome.state === 'passed' || outcome.state === 'failed') return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return outcome;
}

describe('the extension-host suite inside a real VS Code (code-server)', { timeout: 600_000 }, () => {
  let work: string;
  let codeServer: RunningCodeServer | undefined;
  let report: MochaReport;

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'kube-prod-exthost-'));
    const workspace = join(work, 'workspace');
    cpSync(join(ROOT, 'test', 'e2e', 'fixture'), workspace, { recursive: true });
    const statusFile = join(work, 'status.json');
    const resultsFile = join(work, 'results.json');
    const started = Date.now();
    codeServer = await startCodeServer({
      work,
      workspace,
      extensions: [VSIX, packageHarness(work)],
      env: {
        KUBE_PROD_E2E_SUITE: join(__dirname, 'suite', 'index.js'),
        KUBE_PROD_E2E_STATUS: statusFile,
        KUBE_PROD_E2E_RESULTS: resultsFile,
      },
    });
    const outcome = await waitForOutcome(statusFile, 480_000);
    log(`extension-host suite: ${outcome.state} after ${Date.now() - started} ms`);
    if (outcome.state !== 'passed' && outcome.state !== 'failed') {
      log(`code-server log ends:\n${codeServer.log().slice(-4000)}`);
      assert.fail(`the harness never finished the suite (last state: ${outcome.state})`);
    }
    assert.ok(existsSync(resultsFile), `mocha wrote no report; the harness said: ${outcome.error ?? outcome.state}`);
    report = JSON.parse(readFileSync(resultsFile, 'utf8')) as MochaReport;
  });

  after(async () => {
    await codeServer?.stop();
    removeScratch(work);
  });

  it('runs every test of the suite, none skipped', () => {
    assert.ok(report.stats.tests >= 8, `only ${report.stats.tests} tests ran`);
    assert.equal(report.stats.pending, 0, `skipped: ${report.pending.map((t) => t.fullTitle).join(', ')}`);
    assert.equal(report.stats.passes + report.stats.failures, report.stats.tests);
  });

  it('passes each test of the suite', async (t) => {
    for (const test of report.tests) {
      await t.test(test.fullTitle, () => {
        if (test.err.message) assert.fail(`${test.err.message}\n${test.err.stack ?? ''}`);
      });
    }
    // A hook failure (before/after) is a failure with no test of its own.
    for (const failure of report.failures.filter((f) => !report.tests.some((test) => test.fullTitle === f.fullTitle))) {
      await t.test(failure.fullTitle, () => assert.fail(`${failure.err.message ?? ''}\n${failure.err.stack ?? ''}`));
    }
  });
});
