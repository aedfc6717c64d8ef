// scripts/e2e/setup.sh on machines that cannot install its system packages: `npm test` must stop
// with one message saying what is missing and how to run the other tests, not a failure from
// inside apt. The machine is simulated with a PATH of stubs, so the test means the same as root in
// CI and as a developer without sudo.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { projectRoot } from '../helpers/paths';

const SETUP = join(projectRoot(), 'scripts', 'e2e', 'setup.sh');
const stubDirs: string[] = [];
after(() => stubDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A PATH holding only the tools the set-up needs before it installs anything, plus `stubs`
 * (name -> shell body). `dpkg` reports every package missing and there is no chromium, so the
 * set-up always wants `chromium libkrb5-dev`.
 */
function machine(stubs: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-setup-'));
  stubDirs.push(dir);
  for (const tool of ['dirname', 'mkdir', 'env', 'sed']) {
    const real = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
    symlinkSync(real, join(dir, tool));
  }
  for (const [name, body] of Object.entries({ dpkg: 'exit 1', ...stubs })) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return dir;
}

function runSetup(path: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('/bin/bash', [SETUP], { encoding: 'utf8', env: { PATH: path, HOME: tmpdir() }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertClearStop(result: ReturnType<typeof runSetup>, reason: string): void {
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.match(result.stderr, /kube-prod: the real-editor suites need the system packages: chromium libkrb5-dev\n/);
  assert.ok(result.stderr.includes(`They cannot be installed here: ${reason}.`), result.stderr);
  assert.match(result.stderr, /apt-get install chromium libkrb5-dev/);
  assert.match(result.stderr, /run the unit and integration tests alone: npm run test:unit\n/);
  // Nothing but that message: no trace from a tool that was half-run.
  assert.equal(result.stderr.trim().split('\n').length, 4, result.stderr);
  assert.equal(result.stdout, '');
}

describe('scripts/e2e/setup.sh without the means to install system packages', () => {
  it('stops with one clear message when apt-get is missing', () => {
    assertClearStop(runSetup(machine({ id: 'echo 0' })), 'apt-get was not found (not a Debian-based system)');
  });

  it('stops with one clear message when not root and sudo is missing', () => {
    assertClearStop(runSetup(machine({ id: 'echo 1000', 'apt-get': 'exit 0' })), 'not running as root, and sudo was not found');
  });

  it('stops with one clear message when not root and sudo wants a password', () => {
    const path = machine({ id: 'echo 1000', 'apt-get': 'exit 0', sudo: 'echo "sudo: a password is required" >&2; exit 1' });
    assertClearStop(runSetup(path), 'not running as root, and sudo asks for a password (or is not allowed)');
  });

  it('names apt-get\'s own failure when the install itself fails', () => {
    const result = runSetup(machine({ id: 'echo 0', 'apt-get': 'exit 100' }));
    assert.equal(result.status, 1);
    assert.ok(result.stderr.includes('They cannot be installed here: apt-get update failed (see its output above).'), result.stderr);
    assert.match(result.stderr, /npm run test:unit/);
  });
});
