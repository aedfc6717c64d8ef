// build-failed is reported by the build layer, not by a check on one document: these cases run
// buildAll with a stand-in helm (a shell script that prints what helm prints) so that they stay
// exact and fast; test/cli/build.test.ts and test/server/builds.test.ts run the real helm.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildAll } from '../../../server/src/build/builder';
import { diskTree } from '../../../server/src/build/diskTree';
import { resolveConfig } from '../../../server/src/engine/config';
import rule from '../../../server/src/rules/api-versions/build-failed';
import { RULES } from '../../../server/src/rules';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A chart `app` with one template, and a fake helm that prints `stdout`/`stderr` and exits `code`. */
function chartWithHelm(helm: { code: number; stdout?: string; stderr?: string }): { chart: string; helm: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-build-failed-'));
  dirs.push(dir);
  const chart = join(dir, 'app');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: app\nversion: 1.0.0\n');
  writeFileSync(join(chart, 'values.yaml'), 'image: nginx\n');
  writeFileSync(join(chart, 'templates', 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  image: {{ required "image.tag is required" .Values.image.tag }}\n');
  const script = join(dir, 'helm');
  const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
  writeFileSync(script, `#!/bin/sh\nprintf '%s' ${quote(helm.stdout ?? '')}\nprintf '%s' ${quote(helm.stderr ?? '')} >&2\nexit ${helm.code}\n`);
  chmodSync(script, 0o755);
  return { chart, helm: script };
}

async function build(chart: string, helm: string, levels: Record<string, 'off' | 'error' | 'warning' | 'info'> = {}) {
  return buildAll({
    kustomizationFiles: [],
    chartFiles: [join(chart, 'Chart.yaml')],
    tree: diskTree(),
    rules: RULES,
    config: resolveConfig(RULES, { rules: levels }),
    render: true,
    helmPath: helm,
    timeoutMs: 10_000,
    labelBase: chart,
  });
}

describe(`rule ${rule.meta.id}`, () => {
  it('valid: a chart that renders gives no build-failed finding', async () => {
    const { chart, helm } = chartWithHelm({ code: 0, stdout: '---\n# Source: app/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  image: nginx\n' });
    const result = await build(chart, helm);
    assert.deepEqual([...result.findings.values()].flat().filter((f) => f.ruleId === rule.meta.id), []);
    assert.deepEqual(result.counts, { rendered: 1, direct: 0, failed: 0 });
  });

  it('invalid: helm names a template line: the finding is there, with helm\'s message', async () => {
    const { chart, helm } = chartWithHelm({
      code: 1,
      stderr: 'Error: execution error at (app/templates/configmap.yaml:6:10): image.tag is required\n\nUse --debug flag to render out invalid YAML\n',
    });
    const result = await build(chart, helm);
    const file = join(chart, 'templates', 'configmap.yaml');
    assert.deepEqual(result.findings.get(file), [
      {
        ruleId: 'build-failed',
        severity: 'error',
        message: 'helm template failed: execution error at (app/templates/configmap.yaml:6:10): image.tag is required\n\nUse --debug flag to render out invalid YAML',
        range: { start: { line: 5, character: 9 }, end: { line: 5, character: 65 } },
      },
    ]);
    assert.equal(result.counts.failed, 1);
  });

  it('invalid: helm names no file (a missing dependency): the finding is on Chart.yaml', async () => {
    const { chart, helm } = chartWithHelm({ code: 1, stderr: 'Error: found in Chart.yaml, but missing in charts/ directory: postgresql\n' });
    const result = await build(chart, helm);
    const [finding] = result.findings.get(join(chart, 'Chart.yaml')) ?? [];
    assert.equal(finding?.message, 'helm template failed: found in Chart.yaml, but missing in charts/ directory: postgresql');
    assert.deepEqual(finding?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 14 } });
  });

  it('its level comes from the config; off drops the finding, not the failure', async () => {
    const { chart, helm } = chartWithHelm({ code: 1, stderr: 'Error: boom\n' });
    const warning = await build(chart, helm, { 'build-failed': 'warning' });
    assert.equal([...warning.findings.values()].flat()[0]?.severity, 'warning');
    const off = await build(chart, helm, { 'build-failed': 'off' });
    assert.deepEqual([...off.findings.values()].flat(), []);
    assert.equal(off.counts.failed, 1);
  });
});
