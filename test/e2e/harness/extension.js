// Test-only extension, installed by extensionHost.e2e.ts into code-server: code-server has no
// --extensionTestsPath, so this plays that part. It loads the suite named by KUBE_PROD_E2E_SUITE
// in this extension host, runs it, and writes the outcome to KUBE_PROD_E2E_STATUS for the test
// process to read (mocha's own JSON report goes to KUBE_PROD_E2E_RESULTS).
const { writeFileSync } = require('node:fs');

exports.activate = () => {
  const suite = process.env.KUBE_PROD_E2E_SUITE;
  const status = process.env.KUBE_PROD_E2E_STATUS;
  if (!suite || !status) return;
  const report = (outcome) => writeFileSync(status, JSON.stringify(outcome));
  report({ state: 'running' });
  Promise.resolve()
    .then(() => require(suite).run())
    .then(
      () => report({ state: 'passed' }),
      (error) => report({ state: 'failed', error: error instanceof Error ? error.stack || error.message : String(error) }),
    );
};

exports.deactivate = () => undefined;
