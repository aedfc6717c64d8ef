import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { ruleById } from '../../server/src/rules';
import { FIXTURES, onlyRulesConfig, ROOT, runCli, STABLE_RULES } from '../helpers/cli';

const config = onlyRulesConfig(STABLE_RULES);

describe('kube-prod check: JSON format', () => {
  const result = runCli(['check', '--config', config, '--format', 'json', '.'], { cwd: join(FIXTURES, 'mixed') });
  const output = JSON.parse(result.stdout) as JsonOutput;

  it('has the documented top-level shape', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(result.status, 1);
    assert.deepEqual(Object.keys(output), ['version', 'files', 'summary']);
    assert.equal(output.version, version);
    assert.deepEqual(output.summary, { errors: 2, warnings: 1, infos: 0, files: 3, filesWithFindings: 2, skipped: 1 });
  });

  it('lists every file, templates marked skipped', () => {
    assert.deepEqual(
      output.files.map((f) => [f.path, f.skipped, f.findings.length]),
      [
        ['broken.yaml', false, 1],
        ['chart-deployment.yaml', true, 0],
        ['pods/pod.yml', false, 0],
        ['workload.yaml', false, 2],
      ],
    );
  });

  it('gives each finding 1-based positions, its remediation and its docs page', () => {
    const privileged = ruleById('privileged-container')!.meta;
    const workload = output.files.find((f) => f.path === 'workload.yaml')!;
    assert.deepEqual(workload.findings[1], {
      ruleId: 'privileged-container',
      severity: 'error',
      message: 'Deployment "web", container "proxy": runs privileged',
      line: 20,
      column: 13,
      endLine: 20,
      endColumn: 29,
      remediation: privileged.remediation,
      docsUrl: privileged.docsUrl,
    });
    const syntax = output.files[0].findings[0];
    assert.equal(syntax.ruleId, 'yaml-syntax');
    assert.equal(syntax.remediation, ruleById('yaml-syntax')!.meta.remediation, 'remediation comes from the rule when the finding has none');
  });

  it('prints the same shape for a clean run', () => {
    const clean = JSON.parse(runCli(['check', '--config', config, '--format', 'json', join(FIXTURES, 'clean')]).stdout) as JsonOutput;
    assert.deepEqual(clean.files, [{ path: 'test/fixtures/cli/clean/pod.yaml', skipped: false, findings: [] }]);
    assert.deepEqual(clean.summary, { errors: 0, warnings: 0, infos: 0, files: 1, filesWithFindings: 0, skipped: 0 });
  });
});
