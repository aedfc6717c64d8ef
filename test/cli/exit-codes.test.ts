import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { exitCodeOf } from '../../server/src/cli/main';
import type { CheckReport } from '../../server/src/cli/report';
import { FIXTURES, onlyRulesConfig, ROOT, runCli, STABLE_RULES } from '../helpers/cli';

const config = onlyRulesConfig(STABLE_RULES);
const fixture = (name: string): string => join(FIXTURES, name);

describe('kube-prod check: exit codes', () => {
  it('exits 0 when nothing is found', () => {
    const result = runCli(['check', '--config', config, fixture('clean')]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'No problems in 1 file\n');
  });

  it('exits 1 on an error, 0 on warnings only (the default --fail-on is error)', () => {
    assert.equal(runCli(['check', '--config', config, fixture('mixed')]).status, 1);
    assert.equal(runCli(['check', '--config', config, fixture('warning')]).status, 0);
  });

  it('applies --fail-on as a threshold', () => {
    const warning = (failOn: string): number | null => runCli(['check', '--config', config, '--fail-on', failOn, fixture('warning')]).status;
    assert.equal(warning('error'), 0);
    assert.equal(warning('warning'), 1);
    assert.equal(warning('info'), 1);
    assert.equal(runCli(['check', '--config', config, '--fail-on=none', fixture('mixed')]).status, 0);
  });

  it('with --quiet, reported errors decide the exit code, hidden warnings do not', () => {
    assert.equal(runCli(['check', '--config', config, '--quiet', '--fail-on', 'warning', fixture('warning')]).status, 0);
  });

  for (const [args, message] of [
    [['check', '--bogus'], 'kube-prod: unknown option --bogus'],
    [['check', '--format', 'xml'], 'kube-prod: invalid value "xml" for --format: expected one of text, json, sarif'],
    [['check', '--fail-on', 'fatal'], 'kube-prod: invalid value "fatal" for --fail-on: expected one of error, warning, info, none'],
    [['check', '--config'], 'kube-prod: option --config needs a value'],
    [['check', '--quiet=yes'], 'kube-prod: option --quiet takes no value'],
    [[], 'kube-prod: missing command'],
    [['lint', '.'], 'kube-prod: unknown command "lint"'],
  ] as const) {
    it(`exits 2 with the usage on ${JSON.stringify(args.join(' '))}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`${message}\n\nUsage: kube-prod check [options] [paths...]\n`), result.stderr);
    });
  }

  it('prints the usage on --help and exits 0', () => {
    for (const args of [['--help'], ['check', '-h'], ['check', 'examples', '--help']]) {
      const result = runCli(args);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^Usage: kube-prod check \[options\] \[paths\.\.\.\]\n/);
      assert.match(result.stdout, /--fail-on <severity>/);
    }
  });

  it('prints the package version on --version', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = runCli(['--version']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${version}\n`);
  });

  it('exits 2 naming a path that does not exist, without a stack trace', () => {
    const result = runCli(['check', '--config', config, fixture('clean'), 'no/such/file.yaml']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'kube-prod: cannot read no/such/file.yaml: no such file or directory\n');
  });

  it('exits 2 when --config names a missing file', () => {
    const result = runCli(['check', '--config', 'missing.kube-prod.yaml', fixture('clean')]);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'kube-prod: cannot read missing.kube-prod.yaml: no such file or directory\n');
  });

  it('exits 2 when --config names a directory', () => {
    const result = runCli(['check', '--config', 'examples', fixture('clean')]);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'kube-prod: cannot read examples: illegal operation on a directory\n');
  });

  it('exits 2 on an invalid config found in the working directory, naming the key and its line', () => {
    const result = runCli(['check', '.'], { cwd: fixture('bad-config') });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    const first = result.stderr.split('\n')[0];
    assert.equal(first, '.kube-prod.yaml:2:3: rules.privileged-container: must be one of "off", "info", "warning", "error"');
    assert.doesNotMatch(result.stderr, /\n\s+at /);
  });

  it('reads standard input for "-" and reports it as <stdin>', () => {
    const input = readFileSync(join(fixture('mixed'), 'workload.yaml'), 'utf8');
    const result = runCli(['check', '--config', config, '-'], { input });
    assert.equal(result.status, 1);
    assert.deepEqual(result.stdout.split('\n').slice(0, 2), [
      '<stdin>:13:11 warning liveness-probe-missing Deployment "web", container "web": no livenessProbe',
      '<stdin>:20:13 error privileged-container Deployment "web", container "proxy": runs privileged',
    ]);
  });

  it('uses the nearest .kube-prod.yaml of the working directory, unless --config names another', () => {
    const cwd = join(fixture('config-lookup'), 'nested');
    const liveness = (args: string[]): string | undefined => {
      const output = JSON.parse(runCli(['check', ...args, '--format', 'json'], { cwd }).stdout) as JsonOutput;
      return output.files.flatMap((f) => f.findings).find((f) => f.ruleId === 'liveness-probe-missing')?.severity;
    };
    assert.equal(liveness([]), 'error');
    assert.equal(liveness(['--config', config]), 'warning');
  });

  it('checks a merge key that includes its own mapping beside other files: every file reported, no internal error (issue 12)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kube-prod-merge-'));
    writeFileSync(join(dir, 'self-merge.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: &m {name: x, <<: *m}\nspec:\n  containers:\n  - {name: app, image: "app:latest"}\n');
    const result = runCli(['check', '--format', 'json', join(dir, 'self-merge.yaml'), join(ROOT, 'examples', 'bad')]);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    const output = JSON.parse(result.stdout) as JsonOutput;
    const merged = output.files.find((f) => f.path.endsWith('self-merge.yaml'))!;
    assert.ok(merged.findings.some((f) => f.ruleId === 'image-tag-latest' && f.message.startsWith('Pod "x"')), JSON.stringify(merged.findings));
    assert.ok(output.files.filter((f) => f.path.includes('examples/bad/') && f.findings.length > 0).length >= 8, 'the other files are reported too');
  });
});

describe('exit code 2 when a document could not be analysed', () => {
  const report = (ruleIds: string[]): CheckReport => ({
    tool: { version: '0', informationUri: '' },
    cwd: '/',
    rules: [],
    files: [{ path: 'a.yaml', absolute: '/a.yaml', skipped: false, findings: ruleIds.map((ruleId) => ({ ruleId, severity: 'info' as const, message: 'm', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })) }],
  });

  it('wins over --fail-on, even none: a verdict on a document nobody checked would be a false pass', () => {
    assert.equal(exitCodeOf(report(['analysis-failed']), 'none'), 2);
    assert.equal(exitCodeOf(report(['image-tag-latest', 'analysis-failed']), 'error'), 2);
    assert.equal(exitCodeOf(report(['image-tag-latest']), 'info'), 1);
    assert.equal(exitCodeOf(report([]), 'info'), 0);
  });
});
