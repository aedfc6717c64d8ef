import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, onlyRulesConfig, runCli, STABLE_RULES } from '../helpers/cli';

const config = onlyRulesConfig(STABLE_RULES);
const SYNTAX = 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }';

describe('kube-prod check: text format', () => {
  it('prints file:line:col severity rule-id message, then the summary, relative to the working directory', () => {
    const result = runCli(['check', '--config', config], { cwd: join(FIXTURES, 'mixed') });
    assert.equal(result.stderr, '');
    assert.equal(
      result.stdout,
      [
        `broken.yaml:11:1 error yaml-syntax ${SYNTAX}`,
        'workload.yaml:13:11 warning liveness-probe-missing Deployment "web", container "web": no livenessProbe',
        'workload.yaml:20:13 error privileged-container Deployment "web", container "proxy": runs privileged',
        // chart-deployment.yaml is a Helm template: skipped; notes.txt is not a manifest; pods/pod.yml is clean.
        '3 problems (2 errors, 1 warning, 0 infos) in 2 files (3 checked, 1 skipped)',
        '',
      ].join('\n'),
    );
  });

  it('shows paths relative to the working directory, whatever the argument looked like', () => {
    const result = runCli(['check', '--config', config, join(FIXTURES, 'mixed', 'workload.yaml'), 'mixed/pods'], { cwd: FIXTURES });
    assert.deepEqual(result.stdout.split('\n'), [
      'mixed/workload.yaml:13:11 warning liveness-probe-missing Deployment "web", container "web": no livenessProbe',
      'mixed/workload.yaml:20:13 error privileged-container Deployment "web", container "proxy": runs privileged',
      '2 problems (1 error, 1 warning, 0 infos) in 1 file (2 checked)',
      '',
    ]);
  });

  it('--quiet reports errors only', () => {
    const result = runCli(['check', '--config', config, '--quiet', '.'], { cwd: join(FIXTURES, 'mixed') });
    assert.deepEqual(result.stdout.split('\n'), [
      `broken.yaml:11:1 error yaml-syntax ${SYNTAX}`,
      'workload.yaml:20:13 error privileged-container Deployment "web", container "proxy": runs privileged',
      '2 problems (2 errors, 0 warnings, 0 infos) in 2 files (3 checked, 1 skipped)',
      '',
    ]);
  });

  it('says "No problems" when there are none, counting skipped templates', () => {
    const result = runCli(['check', '--config', config, 'clean', 'mixed/chart-deployment.yaml'], { cwd: FIXTURES });
    assert.equal(result.stdout, 'No problems in 1 file (1 skipped)\n');
  });

  it('does not colour output that is not a terminal', () => {
    const result = runCli(['check', '--config', config, 'mixed'], { cwd: FIXTURES });
    assert.doesNotMatch(result.stdout, /\u001b\[/);
  });
});
