// What reaches users: the .vsix (vsce, through .vscodeignore) and an npm package (npm, through
// .npmignore) carry the product, never the test corpus, sources or tooling. Both tools are asked
// for their file lists, so the test fails the day either one would pack something else.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { projectRoot } from '../helpers/paths';

const ROOT = projectRoot();

describe('packaging', () => {
  it('the .vsix holds the two bundles, snippets, schemas, README, LICENSE, icons and package.json only', () => {
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .sort();
    assert.deepEqual(files, [
      'LICENSE',
      'README.md',
      'dist/client.js',
      'dist/server.js',
      'images/icon.png',
      'images/kube-prod.svg',
      'package.json',
      'schemas/kube-prod-checklist.schema.json',
      'schemas/kube-prod.schema.json',
      'schemas/kubernetes-1.36.json',
      'snippets/kubernetes.json',
    ]);
    // The Kubernetes schema ships offline in the .vsix, which stays under 3 MB: each file deflated as a
    // .vsix (a zip) holds it. The development bundles are measured, an upper bound of the minified ones.
    const deflated = files.reduce((total, file) => total + deflateRawSync(readFileSync(join(ROOT, file)), { level: 9 }).length, 0);
    assert.ok(deflated <= 3 * 1024 * 1024, `the .vsix would be ${(deflated / 1024 / 1024).toFixed(2)} MB`);
  });

  it('an npm package holds dist/, schemas/, snippets/, README, LICENSE and package.json only', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const output = execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(output) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
    assert.ok(files.length > 0);
    const unexpected = files.filter((path) => !/^(?:dist|schemas|snippets)\//.test(path) && !['README.md', 'LICENSE', 'package.json'].includes(path));
    assert.deepEqual(unexpected, []);
    assert.ok(files.includes('dist/cli.js'), 'the command-line checker is what an npm package is for');
    assert.deepEqual(files.filter((path) => path.endsWith('.map')), []);
  });
});
