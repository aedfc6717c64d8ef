import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, mkdtempSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadWorkspace } from '../../server/src/cli/check';
import { expandPaths } from '../../server/src/cli/files';
import { fixWorkspace } from '../../server/src/cli/fix';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import type { AnyRule, WorkspaceRule } from '../../server/src/engine/rule';
import liveness from '../../server/src/rules/health-checks/liveness-probe-missing';
import { onlyRulesConfig, runCli, type CliOptions } from '../helpers/cli';
import { yaml } from '../helpers/ruleTester';

// Only rules whose fixes exist and are settled, plus one without a fix: expected texts stay exact
// while other rules gain fixes.
const config = onlyRulesConfig(['liveness-probe-missing', 'pdb-missing', 'privileged-container']);

/** The manifests of a test, written to a fresh temporary directory (the test rewrites them). */
function scratch(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-fix-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

const fix = (dir: string, args: string[] = [], options: CliOptions = {}) => runCli(['check', '--config', config, '--fix', ...args], { cwd: dir, ...options });
const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8');
const LONG_AGO = new Date('2020-01-01T00:00:00Z');
/** Dates a file in the past, so that a rewrite shows in its mtime. */
const age = (dir: string, name: string): void => utimesSync(join(dir, name), LONG_AGO, LONG_AGO);
const mtime = (dir: string, name: string): number => statSync(join(dir, name)).mtimeMs;

// Missing a livenessProbe, and three replicas with no PodDisruptionBudget.
const DEPLOY = yaml(
  '# the web tier',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  replicas: 3',
  '  selector:',
  '    matchLabels: {app: web}',
  '  template:',
  '    metadata:',
  '      labels: {app: web}',
  '    spec:',
  '      containers:',
  '      - name: web',
  '        image: nginx:1.27',
  '        ports:',
  '        - name: http',
  '          containerPort: 8080',
);

const PROBE_AND_PDB = [
  '        livenessProbe:',
  '          httpGet:',
  "            path: /healthz # kube-prod: the app's health endpoint",
  '            port: http',
  '          initialDelaySeconds: 30',
  '          periodSeconds: 10',
  '          failureThreshold: 3',
  '---',
  'apiVersion: policy/v1',
  'kind: PodDisruptionBudget',
  'metadata:',
  '  name: web-pdb',
  'spec:',
  '  maxUnavailable: 1',
  '  selector:',
  '    matchLabels:',
  '      app: web',
];

// Both fixes insert at the end of the file: the second waits for the second pass.
const DEPLOY_FIXED = `${DEPLOY}${yaml(...PROBE_AND_PDB)}`;

const CRLF_POD = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: worker', 'spec:', '  containers:', '  - name: worker # the queue consumer', '    image: worker:2.1', ''].join('\r\n');
const CRLF_POD_FIXED = [
  ...CRLF_POD.split('\r\n').slice(0, -1),
  '    livenessProbe:',
  '      tcpSocket:',
  '        port: 8080 # kube-prod: no containerPort declared: set the port the app listens on',
  '      initialDelaySeconds: 30',
  '      periodSeconds: 10',
  '      failureThreshold: 3',
  '',
].join('\r\n');

// Two documents, 4-space indentation, indented sequences, no newline after the last line.
const NO_FINAL_NEWLINE = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '    name: settings',
  '---',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '    name: api',
  'spec:',
  '    template:',
  '        spec:',
  '            containers:',
  '                - name: api',
  '                  image: api:3',
].join('\n');
const NO_FINAL_NEWLINE_FIXED = [
  NO_FINAL_NEWLINE,
  '                  livenessProbe:',
  '                      tcpSocket:',
  '                          port: 8080 # kube-prod: no containerPort declared: set the port the app listens on',
  '                      initialDelaySeconds: 30',
  '                      periodSeconds: 10',
  '                      failureThreshold: 3',
].join('\n');

const CONFIGMAP = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: settings}', 'data: {mode: production}');

// A finding no fix removes: privileged-container has no quick-fix.
const PRIVILEGED_WITH_PROBE = yaml(
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: agent}',
  'spec:',
  '  containers:',
  '  - name: agent',
  '    image: agent:1',
  '    securityContext: {privileged: true}',
  '    livenessProbe: {tcpSocket: {port: 9000}}',
);

describe('kube-prod check --fix', () => {
  it('rewrites a file with every fix, pass after pass, and says so before the report', () => {
    const dir = scratch({ 'deploy.yaml': DEPLOY });
    const result = fix(dir);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, 'fixed 2 problems in deploy.yaml\nNo problems in 1 file\n');
    assert.equal(result.status, 0);
    assert.equal(read(dir, 'deploy.yaml'), DEPLOY_FIXED);
  });

  it('changes nothing on a second run', () => {
    const dir = scratch({ 'deploy.yaml': DEPLOY });
    fix(dir);
    age(dir, 'deploy.yaml');
    const again = fix(dir);
    assert.equal(again.stdout, 'No problems in 1 file\n');
    assert.equal(again.status, 0);
    assert.equal(read(dir, 'deploy.yaml'), DEPLOY_FIXED);
    assert.equal(mtime(dir, 'deploy.yaml'), LONG_AGO.getTime());
  });

  it('reports the findings left after fixing, and takes the exit code from them', () => {
    const dir = scratch({ 'agent.yaml': PRIVILEGED_WITH_PROBE.replace('    livenessProbe: {tcpSocket: {port: 9000}}\n', '') });
    const result = fix(dir);
    assert.deepEqual(result.stdout.split('\n'), [
      'fixed 1 problem in agent.yaml',
      'agent.yaml:8:23 error privileged-container Pod "agent", container "agent": runs privileged',
      '1 problem (1 error, 0 warnings, 0 infos) in 1 file (1 checked)',
      '',
    ]);
    assert.equal(result.status, 1);
    assert.match(read(dir, 'agent.yaml'), /\n    livenessProbe:\n {6}tcpSocket:\n/);
  });

  it('keeps CRLF line endings', () => {
    const dir = scratch({ 'worker.yaml': CRLF_POD });
    assert.equal(fix(dir).stdout, 'fixed 1 problem in worker.yaml\nNo problems in 1 file\n');
    const fixed = read(dir, 'worker.yaml');
    assert.equal(fixed, CRLF_POD_FIXED);
    assert.doesNotMatch(fixed, /[^\r]\n/, 'every line ends in CRLF');
  });

  it('keeps a last line without a newline, and the indentation of the file', () => {
    const dir = scratch({ 'api.yaml': NO_FINAL_NEWLINE });
    assert.equal(fix(dir).status, 0);
    assert.equal(read(dir, 'api.yaml'), NO_FINAL_NEWLINE_FIXED);
  });

  it('leaves files without a fixable finding alone: same text, same mtime', () => {
    const dir = scratch({ 'agent.yaml': PRIVILEGED_WITH_PROBE, 'settings.yaml': CONFIGMAP, 'worker.yaml': CRLF_POD });
    age(dir, 'agent.yaml');
    age(dir, 'settings.yaml');
    const result = fix(dir);
    assert.equal(result.stdout.split('\n')[0], 'fixed 1 problem in worker.yaml');
    assert.equal(result.status, 1);
    assert.equal(read(dir, 'agent.yaml'), PRIVILEGED_WITH_PROBE);
    assert.equal(read(dir, 'settings.yaml'), CONFIGMAP);
    assert.equal(mtime(dir, 'agent.yaml'), LONG_AGO.getTime());
    assert.equal(mtime(dir, 'settings.yaml'), LONG_AGO.getTime());
  });

  it('fixes the files in one workspace: a PodDisruptionBudget added to one file counts for the next', () => {
    const canary = DEPLOY.replace('# the web tier\n', '').replace('name: web\nspec:', 'name: web-canary\nspec:').replace('replicas: 3', 'replicas: 2');
    const withProbe = (text: string): string => `${text}${yaml(...PROBE_AND_PDB.slice(0, 7))}`;
    // The canary's pods carry app: web too, so web's budget covers them.
    const dir = scratch({ 'a-web.yaml': withProbe(DEPLOY), 'b-canary.yaml': withProbe(canary) });
    const result = fix(dir);
    assert.equal(result.stdout, 'fixed 1 problem in a-web.yaml\nNo problems in 2 files\n');
    assert.equal(read(dir, 'a-web.yaml'), DEPLOY_FIXED);
    assert.equal(read(dir, 'b-canary.yaml'), withProbe(canary));
  });

  it('fixes until a round changes nothing: a fix in a later file that gives an earlier file a finding is followed up', () => {
    // Raising the HPA's minReplicas to 2 (b-hpa.yaml) makes a-web.yaml's Deployment run 2
    // replicas with no PodDisruptionBudget: a finding a-web.yaml did not have when it was fixed.
    const autoscaled = yaml(...DEPLOY.split('\n').filter((line) => line !== '  replicas: 3' && line !== ''), ...PROBE_AND_PDB.slice(0, 7));
    const hpa = yaml(
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: web}',
      'spec:',
      '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
      '  minReplicas: 1',
      '  maxReplicas: 1',
    );
    const dir = scratch({ 'a-web.yaml': autoscaled, 'b-hpa.yaml': hpa });
    const hpaConfig = onlyRulesConfig(['hpa-min-replicas-low', 'hpa-max-not-above-min', 'pdb-missing']);
    const run = (): ReturnType<typeof runCli> => runCli(['check', '--config', hpaConfig, '--fix'], { cwd: dir });
    const result = run();
    assert.equal(result.stdout, 'fixed 1 problem in a-web.yaml\nfixed 1 problem in b-hpa.yaml\nNo problems in 2 files\n');
    assert.equal(read(dir, 'b-hpa.yaml'), hpa.replace('minReplicas: 1', 'minReplicas: 2').replace('maxReplicas: 1', 'maxReplicas: 3'));
    assert.equal(read(dir, 'a-web.yaml'), `${autoscaled}${yaml(...PROBE_AND_PDB.slice(7))}`);
    age(dir, 'a-web.yaml');
    age(dir, 'b-hpa.yaml');
    const again = run();
    assert.equal(again.stdout, 'No problems in 2 files\n');
    assert.equal(mtime(dir, 'a-web.yaml'), LONG_AGO.getTime());
    assert.equal(mtime(dir, 'b-hpa.yaml'), LONG_AGO.getTime());
  });

  it('says what it fixed on stderr when stdout is JSON', () => {
    const dir = scratch({ 'deploy.yaml': DEPLOY });
    const result = fix(dir, ['--format', 'json']);
    assert.equal(result.stderr, 'fixed 2 problems in deploy.yaml\n');
    const output = JSON.parse(result.stdout) as JsonOutput;
    assert.deepEqual(output.files, [{ path: 'deploy.yaml', skipped: false, findings: [] }]);
  });

  it('with --quiet, fixes only the errors it reports', () => {
    const dir = scratch({ 'worker.yaml': CRLF_POD });
    assert.equal(fix(dir, ['--quiet']).stdout, 'No problems in 1 file\n');
    assert.equal(read(dir, 'worker.yaml'), CRLF_POD);
    const strict = onlyRulesConfig(['liveness-probe-missing'], { 'liveness-probe-missing': 'error' });
    const result = runCli(['check', '--config', strict, '--fix', '--quiet'], { cwd: dir });
    assert.equal(result.stdout, 'fixed 1 problem in worker.yaml\nNo problems in 1 file\n');
    assert.equal(read(dir, 'worker.yaml'), CRLF_POD_FIXED);
  });

  it('fixes standard input to standard output, with the rest on stderr', () => {
    const result = runCli(['check', '--config', config, '--fix', '-'], { input: DEPLOY });
    assert.equal(result.stdout, DEPLOY_FIXED);
    assert.equal(result.stderr, 'fixed 2 problems in <stdin>\nNo problems in 1 file\n');
    assert.equal(result.status, 0);
    // Nothing to fix: the text comes out as it went in, so that the command works as a filter.
    const clean = runCli(['check', '--config', config, '--fix', '-'], { input: CONFIGMAP });
    assert.equal(clean.stdout, CONFIGMAP);
    assert.equal(clean.stderr, 'No problems in 1 file\n');
  });

  it('fixes a file named twice (through a symbolic link) once', () => {
    const dir = scratch({ 'deploy.yaml': DEPLOY });
    symlinkSync('deploy.yaml', join(dir, 'link.yaml'));
    const result = fix(dir, ['deploy.yaml', 'link.yaml']);
    assert.equal(result.stdout.split('\n')[0], 'fixed 2 problems in deploy.yaml');
    assert.doesNotMatch(result.stdout, /link\.yaml/);
    assert.equal(read(dir, 'deploy.yaml'), DEPLOY_FIXED);
    assert.ok(lstatSync(join(dir, 'link.yaml')).isSymbolicLink());
  });

  it('writes nothing and exits 2 when a file to fix cannot be written', () => {
    const dir = scratch({ 'a-web.yaml': DEPLOY, 'b-worker.yaml': CRLF_POD, 'kube-prod.yaml': readFileSync(config) });
    chmodSync(join(dir, 'a-web.yaml'), 0o444);
    chmodSync(join(dir, 'b-worker.yaml'), 0o666);
    chmodSync(dir, 0o777);
    // Root writes read-only files: run as nobody then.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    const result = runCli(['check', '--config', 'kube-prod.yaml', '--fix', 'a-web.yaml', 'b-worker.yaml'], { cwd: dir, user });
    assert.equal(result.stderr, 'kube-prod: cannot write a-web.yaml: permission denied\n');
    assert.equal(result.stdout, '');
    assert.equal(result.status, 2);
    assert.equal(read(dir, 'a-web.yaml'), DEPLOY);
    assert.equal(read(dir, 'b-worker.yaml'), CRLF_POD);
  });

  it('writes nothing and exits 2 when a file to fix is not UTF-8 (writing it back would lose bytes)', () => {
    const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from(`\n${CRLF_POD.replaceAll('\r\n', '\n')}`)]);
    const dir = scratch({ 'a-web.yaml': DEPLOY, 'b-worker.yaml': latin1 });
    const result = fix(dir);
    assert.equal(result.stderr, 'kube-prod: cannot fix b-worker.yaml: it is not valid UTF-8, and rewriting it would replace the invalid bytes\n');
    assert.equal(result.status, 2);
    assert.equal(read(dir, 'a-web.yaml'), DEPLOY);
    assert.ok(readFileSync(join(dir, 'b-worker.yaml')).equals(latin1));
  });
});

describe('fixWorkspace: a broken fix costs its own change only', () => {
  /**
   * A cross-resource rule on ConfigMaps whose fix edits `edits()`. Cross-resource: the engine
   * itself withholds a single-object fix that breaks the YAML or leaves its finding (see
   * analyzer.test.ts), and any fix that breaks the YAML; a cross-resource fix that leaves its
   * finding is what these guards of --fix stand against.
   */
  const ruleWithFix = (id: string, edits: () => Array<{ start: number; end: number; newText: string }>): WorkspaceRule => ({
    meta: { ...liveness.meta, id, kinds: ['ConfigMap'] },
    checkWorkspace: ({ report }) => report(undefined, id, { title: `Break ${id}`, edits }),
  });
  const POD = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: app', '    image: app:1');

  const fixAll = async (rules: AnyRule[], files: Record<string, string>) => {
    const dir = scratch(files);
    const loaded = await loadWorkspace(expandPaths(['.'], dir), { rules, config: {}, cwd: dir });
    const errors: string[] = [];
    const skipped: string[] = [];
    const changed = fixWorkspace(loaded, {
      onFixError: (ruleId, path, error) => errors.push(`${ruleId} ${path}: ${error instanceof Error ? error.message : String(error)}`),
      onSkipped: (path, reason) => skipped.push(`${path}: ${reason}`),
    });
    return { loaded, changed, errors, skipped };
  };

  it('a fix that throws is reported and left out; the other fixes go in', async () => {
    const throwing = ruleWithFix('throwing-fix', () => {
      throw new Error('boom');
    });
    const { changed, errors } = await fixAll([throwing, liveness], { 'a.yaml': `${CONFIGMAP}---\n${POD}` });
    assert.deepEqual(errors, ['throwing-fix a.yaml: boom']);
    assert.deepEqual(
      changed.map((c) => [c.input.path, c.fixed]),
      [['a.yaml', 1]],
    );
    assert.match(changed[0].text, /\n {4}livenessProbe:\n/);
  });

  it('a fix that leaves its finding in place is reported and left out, not applied on every pass', async () => {
    const sticky = ruleWithFix('sticky-fix', () => [{ start: 0, end: 0, newText: '# fixed?\n' }]);
    const { changed, errors } = await fixAll([sticky, liveness], { 'a.yaml': `${CONFIGMAP}---\n${POD}` });
    assert.deepEqual(errors, ['sticky-fix a.yaml: its finding is still there after it, not applying it: sticky-fix']);
    assert.doesNotMatch(changed[0].text, /# fixed\?/);
    assert.match(changed[0].text, /\n {4}livenessProbe:\n/);
    assert.equal(changed[0].fixed, 1);
  });

  it('a fix that would not parse is not offered at all (the engine checks it): the other fixes go in, its finding stays', async () => {
    const breaking = ruleWithFix('breaking-fix', () => [{ start: 0, end: 0, newText: '{' }]);
    const { loaded, changed, skipped, errors } = await fixAll([breaking, liveness], { 'a.yaml': `${CONFIGMAP}---\n${POD}` });
    assert.deepEqual(skipped, []);
    assert.deepEqual(errors, []);
    assert.deepEqual(changed.map((c) => [c.input.path, c.fixed]), [['a.yaml', 1]]);
    assert.ok(changed[0].text.startsWith(CONFIGMAP), 'the ConfigMap is untouched');
    assert.match(changed[0].text, /\n {4}livenessProbe:\n/);
    assert.deepEqual(
      loaded.workspace.findings('a.yaml').map((f) => f.ruleId),
      ['breaking-fix'],
    );
  });
});

describe('kube-prod check --fix --dry-run', () => {
  const DIFF = [
    '--- a/deploy.yaml',
    '+++ b/deploy.yaml',
    '@@ -17,3 +17,20 @@',
    '         ports:',
    '         - name: http',
    '           containerPort: 8080',
    ...PROBE_AND_PDB.map((line) => `+${line}`),
  ];

  it('prints a unified diff per changed file, writes nothing, exits 1', () => {
    const dir = scratch({ 'api.yaml': NO_FINAL_NEWLINE, 'deploy.yaml': DEPLOY, 'settings.yaml': CONFIGMAP });
    const result = fix(dir, ['--dry-run']);
    assert.equal(
      result.stdout,
      yaml(
        '--- a/api.yaml',
        '+++ b/api.yaml',
        '@@ -12,4 +12,10 @@',
        '         spec:',
        '             containers:',
        '                 - name: api',
        '-                  image: api:3',
        '\\ No newline at end of file',
        ...NO_FINAL_NEWLINE_FIXED.split('\n')
          .slice(14)
          .map((line) => `+${line}`),
        '\\ No newline at end of file',
        ...DIFF,
      ),
    );
    assert.equal(result.stderr, 'would fix 1 problem in api.yaml\nwould fix 2 problems in deploy.yaml\n');
    assert.equal(result.status, 1);
    assert.equal(read(dir, 'api.yaml'), NO_FINAL_NEWLINE);
    assert.equal(read(dir, 'deploy.yaml'), DEPLOY);
  });

  it('keeps the CR of CRLF lines in the diff', () => {
    const dir = scratch({ 'worker.yaml': CRLF_POD });
    const lines = fix(dir, ['--dry-run']).stdout.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['--- a/worker.yaml', '+++ b/worker.yaml', '@@ -6,3 +6,9 @@', '   containers:\r']);
    assert.equal(lines[6], '+    livenessProbe:\r');
  });

  it('prints a diff that git apply takes', (t) => {
    if (spawnSync('git', ['--version']).status !== 0) return t.skip('git is not installed');
    const dir = scratch({ 'api.yaml': NO_FINAL_NEWLINE, 'deploy.yaml': DEPLOY, 'worker.yaml': CRLF_POD });
    const diff = fix(dir, ['--dry-run']).stdout;
    const applied = spawnSync('git', ['apply', '-'], { cwd: dir, input: diff, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
    assert.equal(read(dir, 'api.yaml'), NO_FINAL_NEWLINE_FIXED);
    assert.equal(read(dir, 'deploy.yaml'), DEPLOY_FIXED);
    assert.equal(read(dir, 'worker.yaml'), CRLF_POD_FIXED);
  });

  it('prints nothing and exits 0 when there is nothing to fix', () => {
    const dir = scratch({ 'deploy.yaml': DEPLOY_FIXED, 'agent.yaml': PRIVILEGED_WITH_PROBE });
    const result = fix(dir, ['--dry-run']);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
  });

  it('takes standard input among other files, as <stdin>', () => {
    const dir = scratch({ 'settings.yaml': CONFIGMAP });
    const result = runCli(['check', '--config', config, '--fix', '--dry-run', 'settings.yaml', '-'], { cwd: dir, input: DEPLOY });
    assert.deepEqual(result.stdout.split('\n').slice(0, 3), ['--- a/<stdin>', '+++ b/<stdin>', '@@ -17,3 +17,20 @@']);
    assert.equal(result.status, 1);
  });
});

describe('kube-prod check --fix: usage errors', () => {
  for (const [args, message] of [
    [['check', '--dry-run', '.'], 'kube-prod: option --dry-run goes with --fix'],
    [['check', '--fix', '--dry-run', '--format', 'json', '.'], 'kube-prod: option --format does not apply to --fix --dry-run, which prints a diff'],
    [['check', '--fix', '--dry-run', '--fail-on', 'warning', '.'], 'kube-prod: option --fail-on does not apply to --fix --dry-run, which exits 1 when a file would change'],
    [['check', '--fix', '-', '.'], 'kube-prod: with --fix, "-" (standard input) must be the only path'],
    [['checklist', '--fix', '.'], 'kube-prod: option --fix is for kube-prod check, not checklist'],
  ] as const) {
    it(`exits 2 with the usage on ${JSON.stringify(args.join(' '))}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`${message}\n\nUsage: kube-prod check [options] [paths...]\n`), result.stderr);
    });
  }
});
