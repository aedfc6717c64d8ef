// Runs the extension-host suite (test/e2e/suite/) in a VS Code downloaded by @vscode/test-electron:
// `npm run test:e2e:electron`, on contributors' machines and hosted CI with internet access.
// Machines without internet (ours, our CI) run the same suite inside code-server instead
// (extensionHost.e2e.ts), because test-electron's download of VS Code cannot succeed there.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { projectRoot } from '../helpers/paths';

async function main(): Promise<void> {
  const root = projectRoot(__dirname);
  const work = mkdtempSync(join(tmpdir(), 'kube-prod-electron-'));
  const workspace = join(work, 'workspace');
  // A copy: the suite edits and creates files in its workspace.
  cpSync(join(root, 'test', 'e2e', 'fixture'), workspace, { recursive: true });
  mkdirSync(join(work, 'user-data', 'User'), { recursive: true });
  writeFileSync(join(work, 'user-data', 'User', 'settings.json'), JSON.stringify({ 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off' }));
  try {
    await runTests({
      version: process.env.KUBE_PROD_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(__dirname, 'suite', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--user-data-dir', join(work, 'user-data')],
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`the extension-host suite failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
