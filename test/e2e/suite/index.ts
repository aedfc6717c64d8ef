// Entry point of the extension-host suite: VS Code loads this module inside its extension host and
// calls run(). @vscode/test-electron does so through --extensionTestsPath (npm run
// test:e2e:electron, on machines that can download VS Code); on machines without internet the
// harness extension of extensionHost.e2e.ts calls it inside code-server's VS Code.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Where the harness wants mocha's JSON report; the electron runner reads the console instead. */
export const RESULTS_ENV = 'KUBE_PROD_E2E_RESULTS';

export async function run(): Promise<void> {
  const results = process.env[RESULTS_ENV];
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    // The language server starts and indexes the workspace during the first test.
    timeout: 90_000,
    ...(results ? { reporter: 'json', reporterOptions: { output: results } } : { reporter: 'spec' }),
  });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.suite.js')).sort()) mocha.addFile(join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
