// The inputs the fuzzer minimised (test/fuzz/minimised.ts), through the CLI: checked together
// beside examples/bad, each file is reported and none makes the run fail; --fix leaves every file
// parsing as well as before, and a second --fix has nothing left to do.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { JsonOutput } from '../../server/src/cli/formatters/json';
import { MINIMISED } from '../fuzz/minimised';
import { ROOT, runCli } from '../helpers/cli';

const fileOf = (i: number): string => `input-${String(i).padStart(2, '0')}.yaml`;
const syntaxErrors = (text: string): number => parseAllDocuments(text).reduce((sum, doc) => sum + doc.errors.length, 0);

describe('CLI: the inputs the fuzzer minimised', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-prod-minimised-'));
    MINIMISED.forEach(({ text }, i) => writeFileSync(join(dir, fileOf(i)), text));
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks them all beside examples/bad: every file reported, no internal error, no analysis failure', () => {
    const result = runCli(['check', '--format', 'json', dir, join(ROOT, 'examples', 'bad')]);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1, 'examples/bad has findings; exit 2 would mean a document was not analysed');
    const output = JSON.parse(result.stdout) as JsonOutput;
    MINIMISED.forEach(({ name }, i) => {
      const file = output.files.find((f) => f.path.endsWith(fileOf(i)));
      assert.ok(file, `${name}: not reported`);
      assert.deepEqual(file.findings.filter((f) => f.ruleId === 'analysis-failed'), [], name);
    });
    assert.ok(output.files.filter((f) => f.path.includes('examples/bad/') && f.findings.length > 0).length >= 8, 'the other files are reported too');
  });

  it('--fix: every file parses as well as before, and a second --fix changes nothing', () => {
    const copy = mkdtempSync(join(tmpdir(), 'kube-prod-minimised-fix-'));
    try {
      cpSync(dir, copy, { recursive: true });
      const first = runCli(['check', '--fix', '--fail-on', 'none', copy]);
      assert.equal(first.status, 0, first.stderr);
      assert.doesNotMatch(first.stderr, /internal error/);
      const fixed = new Map(readdirSync(copy).map((name) => [name, readFileSync(join(copy, name), 'utf8')]));
      assert.ok([...fixed].some(([name, text]) => text !== readFileSync(join(dir, name), 'utf8')), 'some input had a fix to apply');
      MINIMISED.forEach(({ name, text }, i) => {
        assert.ok(syntaxErrors(fixed.get(fileOf(i))!) <= syntaxErrors(text), `${name}: the fix broke the YAML:\n${fixed.get(fileOf(i))}`);
      });
      const second = runCli(['check', '--fix', '--dry-run', copy]);
      assert.equal(second.status, 0, `a second --fix would change:\n${second.stdout}`);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
