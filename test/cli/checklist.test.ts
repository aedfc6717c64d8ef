import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ChecklistJsonItem, ChecklistJsonOutput } from '../../server/src/cli/formatters/checklistJson';
import { FIXTURES, onlyRulesConfig, runCli } from '../helpers/cli';

// ready/: one namespace that passes every required item, with a .kube-prod-checklist.yaml.
// not-ready/: seven workers and a database without probes (the one required item that fails).
const READY = join(FIXTURES, 'checklist', 'ready');
const NOT_READY = join(FIXTURES, 'checklist', 'not-ready');

function json(args: string[], cwd: string): { status: number | null; output: ChecklistJsonOutput } {
  const result = runCli(['checklist', '--format', 'json', ...args], { cwd });
  assert.equal(result.stderr, '');
  return { status: result.status, output: JSON.parse(result.stdout) as ChecklistJsonOutput };
}

const itemOf = (output: ChecklistJsonOutput, id: string): ChecklistJsonItem => {
  const item = output.sections.flatMap((s) => s.items).find((i) => i.id === id);
  assert.ok(item, id);
  return item;
};

describe('kube-prod checklist: exit codes', () => {
  it('exits 0 when every required item passes', () => {
    const result = runCli(['checklist'], { cwd: READY });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0, result.stdout);
    assert.match(result.stdout, /\nAll required items pass \(\d+ passed, \d+ failed, \d+ not applicable\)\n$/);
  });

  it('exits 1 when a required item fails, and names it', () => {
    const result = runCli(['checklist', '.'], { cwd: NOT_READY });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /\n1 required item fails: probes \(\d+ passed, \d+ failed, \d+ not applicable\)\n$/);
  });

  it('lets the config decide which rules count: turning off the probe rules makes probes not applicable', () => {
    const config = join(mkdtempSync(join(tmpdir(), 'kube-prod-checklist-')), '.kube-prod.yaml');
    writeFileSync(config, 'rules:\n  liveness-probe-missing: "off"\n  readiness-probe-missing: "off"\n');
    const { status, output } = json(['--config', config], NOT_READY);
    assert.equal(status, 0);
    const probes = itemOf(output, 'probes');
    assert.equal(probes.status, 'not-applicable');
    assert.equal(probes.note, 'not checked: every rule of this item is off in the config: liveness-probe-missing, readiness-probe-missing');
  });

  for (const [args, message] of [
    [['checklist', '--format', 'sarif'], 'kube-prod: invalid value "sarif" for --format: expected one of text, json, markdown'],
    [['checklist', '--fail-on', 'error'], 'kube-prod: option --fail-on is for kube-prod check, not checklist'],
    [['checklist', '--quiet'], 'kube-prod: option --quiet is for kube-prod check, not checklist'],
    [['check', '--all'], 'kube-prod: option --all is for kube-prod checklist, not check'],
    [['check', '--checklist', 'x.yaml'], 'kube-prod: option --checklist is for kube-prod checklist, not check'],
    [['checklist', '--checklist'], 'kube-prod: option --checklist needs a value'],
    [['checklist', '--all=yes'], 'kube-prod: option --all takes no value'],
  ] as const) {
    it(`exits 2 with the usage on ${JSON.stringify(args.join(' '))}`, () => {
      const result = runCli(args);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.ok(result.stderr.startsWith(`${message}\n\nUsage: kube-prod check [options] [paths...]\n       kube-prod checklist [options] [paths...]\n`), result.stderr);
    });
  }

  it('exits 2 on a checklist file that cannot be read or is invalid, naming the file, line and key', () => {
    const missing = runCli(['checklist', '--checklist', 'nope.yaml', '.'], { cwd: READY });
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
    assert.equal(missing.stderr, 'kube-prod: cannot read nope.yaml: no such file or directory\n');

    const dir = mkdtempSync(join(tmpdir(), 'kube-prod-checklist-'));
    writeFileSync(join(dir, '.kube-prod-checklist.yaml'), 'items:\n  runbook: {done: true}\n');
    const invalid = runCli(['checklist', READY], { cwd: dir });
    assert.equal(invalid.status, 2);
    assert.equal(invalid.stdout, '');
    assert.match(invalid.stderr, /^\.kube-prod-checklist\.yaml:2:3: items\.runbook: unknown checklist item "runbook"/);
  });

  it('prints both commands in the usage', () => {
    const result = runCli(['--help']);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: kube-prod check \[options\] \[paths\.\.\.\]\n {7}kube-prod checklist \[options\] \[paths\.\.\.\]\n/);
    assert.match(result.stdout, /--checklist <file>/);
    assert.match(result.stdout, /--all {2,}checklist: list every failing object/);
  });
});

describe('kube-prod checklist: text format', () => {
  it('marks items ✓ ✗ –, with counts, and lists failing objects as path:line:col Kind "name" with the first finding', () => {
    const result = runCli(['checklist'], { cwd: NOT_READY });
    const lines = result.stdout.split('\n');
    const at = lines.findIndex((line) => line.includes('Liveness and readiness probes'));
    assert.deepEqual(lines.slice(at - 1, at + 7), [
      'Health checks',
      '  ✗ Liveness and readiness probes (required)        0 of 8 long-running workloads',
      '      db.yaml:2:1 StatefulSet "queue-db", container "db": no livenessProbe (+1 more)',
      '      workers.yaml:3:1 Deployment "worker-1", container "worker": no livenessProbe (+1 more)',
      '      workers.yaml:31:1 Deployment "worker-2", container "worker": no livenessProbe (+1 more)',
      '      workers.yaml:59:1 Deployment "worker-3", container "worker": no livenessProbe (+1 more)',
      '      workers.yaml:87:1 Deployment "worker-4", container "worker": no livenessProbe (+1 more)',
      '      ... and 3 more (--all lists them)',
    ]);
    assert.ok(lines.includes('  ✓ Hardened containers (required)                  8 of 8 workloads'), result.stdout);
    assert.ok(lines.includes('  – Pod Security Standards on namespaces            not applicable: no Namespace objects in the workspace'), result.stdout);
    assert.ok(lines.includes('      db.yaml:2:1 StatefulSet "queue-db" keeps state and no backup CronJob or Velero Schedule is in the workspace'), result.stdout);
  });

  it('--all lists every failing object', () => {
    const lines = runCli(['checklist', '--all'], { cwd: NOT_READY }).stdout.split('\n');
    assert.equal(lines.filter((line) => /^ {6}workers\.yaml:\d+:1 Deployment "worker-\d", container "worker": no livenessProbe/.test(line)).length, 7);
    assert.ok(!lines.some((line) => line.includes('more (--all lists them)')));
  });

  it('shows the manual items as the checklist file records them', () => {
    const lines = runCli(['checklist'], { cwd: READY }).stdout.split('\n');
    assert.ok(lines.includes('  ✓ Runbooks written (manual)                       done by alice on 2026-11-20 (docs/runbooks/)'), lines.join('\n'));
    assert.ok(lines.includes('  ✗ On-call rotation (manual)                       not done'));
    assert.ok(lines.includes('  ✗ Alerts routed (manual)                          not recorded in .kube-prod-checklist.yaml'));
    assert.ok(lines.includes('  – Cluster spans availability zones (manual)       marked not applicable (one zone per region by design)'));
  });

  it('reads the checklist file named by --checklist instead of the nearest one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kube-prod-checklist-')), 'go-live.yaml');
    writeFileSync(file, 'items:\n  on-call: {done: true, by: carol}\n');
    const { output } = json(['--checklist', file], READY);
    assert.equal(output.checklistFile, file);
    assert.equal(itemOf(output, 'on-call').status, 'pass');
    assert.equal(itemOf(output, 'runbooks').manual, null);
  });
});

describe('kube-prod checklist: JSON format', () => {
  it('gives every item with its status, count, failures in 1-based positions relative to the working directory', () => {
    const { status, output } = json([], NOT_READY);
    assert.equal(status, 1);
    assert.equal(output.checklistFile, null);
    assert.deepEqual(output.summary.requiredFailing, ['probes']);
    assert.deepEqual(
      output.sections.map((s) => s.id),
      ['health-checks', 'resources', 'availability', 'networking', 'security', 'configuration', 'operations'],
    );
    const probes = itemOf(output, 'probes');
    assert.deepEqual(
      { ...probes, failures: probes.failures.slice(0, 1) },
      {
        id: 'probes',
        title: 'Liveness and readiness probes',
        description: 'Every container of a long-running workload has a livenessProbe and a readinessProbe.',
        required: true,
        kind: 'automatic',
        status: 'fail',
        count: { passing: 0, total: 8, noun: 'long-running workloads' },
        countText: '0 of 8 long-running workloads',
        note: null,
        rules: ['liveness-probe-missing', 'readiness-probe-missing'],
        manual: null,
        failures: [
          {
            path: 'db.yaml',
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 18,
            kind: 'StatefulSet',
            name: 'queue-db',
            namespace: 'jobs',
            messages: ['StatefulSet "queue-db", container "db": no livenessProbe', 'StatefulSet "queue-db", container "db": no readinessProbe'],
          },
        ],
      },
    );
    // JSON lists every failing object, whatever --all says.
    assert.equal(probes.failures.length, 8);
  });

  it('includes the manual records', () => {
    const { output } = json([], READY);
    assert.equal(output.checklistFile, '.kube-prod-checklist.yaml');
    assert.deepEqual(itemOf(output, 'runbooks').manual, { done: true, by: 'alice', date: '2026-11-20', note: 'docs/runbooks/' });
    assert.equal(itemOf(output, 'runbooks').countText, 'done by alice on 2026-11-20');
  });
});

describe('kube-prod checklist: markdown format', () => {
  it('prints a headline, a table per section and the failing objects folded in <details>', () => {
    const result = runCli(['checklist', '--format', 'markdown'], { cwd: NOT_READY });
    assert.equal(result.status, 1);
    const text = result.stdout;
    assert.ok(text.startsWith('## kube-prod production checklist\n\n❌ **1 required item fails** · '), text);
    assert.ok(text.includes('### Health checks\n\n| | Item | Count |\n|---|---|---|\n| ❌ | **Liveness and readiness probes** (required) | 0 of 8 long-running workloads |\n'), text);
    assert.ok(
      text.includes('<details><summary>Liveness and readiness probes: 8 failing</summary>\n\n- `db.yaml:2:1` StatefulSet "queue-db", container "db": no livenessProbe (+1 more)\n'),
      text,
    );
    assert.ok(text.includes('- … and 3 more\n\n</details>'), text);
    assert.ok(text.includes('| ➖ | Pod Security Standards on namespaces | not applicable: no Namespace objects in the workspace |'), text);
    assert.ok(text.includes('| ❌ | Runbooks written (manual) | not recorded in .kube-prod-checklist.yaml |'), text);
  });

  it('says all required items pass when they do', () => {
    const result = runCli(['checklist', '--format', 'markdown', '--config', onlyRulesConfig([])], { cwd: READY });
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^## kube-prod production checklist\n\n✅ \*\*All required items pass\*\* · /);
  });
});
