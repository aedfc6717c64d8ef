import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { onlyRulesConfig, runCli } from '../helpers/cli';

const config = onlyRulesConfig([]);
const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

/** A scratch tree (built at run time: git would not keep a fixture's node_modules). */
function tree(files: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'kube-prod-files-'));
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), CONFIGMAP);
  }
  return root;
}

const pathsOf = (args: string[], cwd: string): string[] =>
  (JSON.parse(runCli(['check', '--config', config, '--format', 'json', ...args], { cwd }).stdout) as JsonOutput).files.map((f) => f.path);

describe('kube-prod check: paths', () => {
  const root = tree([
    'b.yaml',
    'a.yml',
    'A.YAML',
    'readme.md',
    'values.json',
    'apps/web/deploy.yaml',
    'apps/api.yaml',
    'node_modules/pkg/chart.yaml',
    '.git/config.yaml',
    'deep/node_modules/x.yaml',
    '.github/workflows/ci.yml',
  ]);

  it('walks directories recursively in sorted order, .yaml/.yml only, skipping node_modules and .git', () => {
    assert.deepEqual(pathsOf([], root), ['.github/workflows/ci.yml', 'A.YAML', 'a.yml', 'apps/api.yaml', 'apps/web/deploy.yaml', 'b.yaml']);
  });

  it('checks an explicit file whatever its extension, each file once, in argument order', () => {
    assert.deepEqual(pathsOf(['readme.md', 'apps', 'apps/api.yaml', 'b.yaml'], root), ['readme.md', 'apps/api.yaml', 'apps/web/deploy.yaml', 'b.yaml']);
  });

  it('walks a node_modules directory named on the command line', () => {
    assert.deepEqual(pathsOf(['node_modules'], root), ['node_modules/pkg/chart.yaml']);
  });

  it('reports an unreadable path among good ones and prints nothing else', () => {
    const result = runCli(['check', '--config', config, 'b.yaml', 'gone'], { cwd: root });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'kube-prod: cannot read gone: no such file or directory\n');
  });
});
