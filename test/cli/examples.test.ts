import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { runCli } from '../helpers/cli';

/** examples/ is what the README's first command runs on, with every rule at its default. */
function check(path: string, ...args: string[]): { status: number | null; output: JsonOutput } {
  const result = runCli(['check', '--format', 'json', ...args, path]);
  assert.equal(result.stderr, '');
  return { status: result.status, output: JSON.parse(result.stdout) as JsonOutput };
}

describe('examples/', () => {
  it('good/ has no warning or error', () => {
    const { status, output } = check('examples/good', '--fail-on', 'warning');
    const findings = output.files.flatMap((f) => f.findings.map((x) => `${f.path}:${x.line}:${x.column} ${x.severity} ${x.ruleId} ${x.message}`));
    assert.deepEqual(findings.filter((f) => !/ info /.test(f)), []);
    assert.equal(status, 0);
    assert.ok(output.summary.files >= 8);
  });

  it('bad/ fails with errors', () => {
    const { status, output } = check('examples/bad');
    assert.equal(status, 1);
    assert.ok(output.summary.errors > 0);
  });

  it('bad/ reports the syntax error, the Argo Rollout as a workload, and nothing on the custom resource', () => {
    const { output } = check('examples/bad');
    const file = (name: string): JsonOutput['files'][number] => output.files.find((f) => f.path === `examples/bad/${name}`)!;
    assert.deepEqual(file('crd-ignored.yaml').findings, []);
    assert.deepEqual(file('web-rollout.yaml').findings.filter((f) => f.severity === 'error').map((f) => `${f.line}:${f.column} ${f.ruleId}`), ['22:13 privileged-container']);
    assert.ok(file('config-broken-syntax.yaml').findings.some((f) => f.ruleId === 'yaml-syntax'));
  });

  it('bad/ tells what a wildcard ClusterRole grants, and that binding it is cluster-admin under another name', () => {
    const { output } = check('examples/bad');
    const findings = output.files.find((f) => f.path === 'examples/bad/ops-rbac.yaml')!.findings;
    assert.deepEqual(
      findings.filter((f) => f.ruleId !== 'rbac-wildcard').map((f) => `${f.line}:${f.column} ${f.severity} ${f.ruleId}`),
      ['9:17 warning rbac-pod-exec', '9:17 info rbac-secrets-read', '10:13 warning rbac-privilege-verbs', '19:3 error rbac-cluster-admin-binding'],
    );
  });

  it('npm run check shows everything and succeeds', () => {
    const result = runCli(['check', 'examples/', '--fail-on', 'none']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^\d+ problems? \(.*\) in \d+ files? \(\d+ checked\)\n$/m);
  });
});
