import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generatedFiles } from '../../scripts/generate';
import { RULES } from '../../server/src/rules';
import { CATEGORIES } from '../../server/src/engine/rule';
import { projectRoot } from '../helpers/paths';

const root = projectRoot();

describe('rule registry', () => {
  it('has unique kebab-case ids with complete metadata', () => {
    const ids = new Set<string>();
    for (const { meta } of RULES) {
      assert.match(meta.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!ids.has(meta.id), `duplicate id ${meta.id}`);
      ids.add(meta.id);
      assert.ok(meta.category in CATEGORIES, `${meta.id}: category`);
      assert.match(meta.docsUrl, /^https:\/\/kubernetes\.io\//, `${meta.id}: docsUrl points at the Kubernetes documentation`);
      for (const field of ['description', 'rationale', 'remediation'] as const) assert.ok(meta[field].length > 10, `${meta.id}: ${field}`);
    }
  });

  it('has a RuleTester file for every rule', () => {
    const tests = new Set(readdirSync(join(root, 'test', 'unit', 'rules')).map((f) => f.replace(/\.test\.ts$/, '')));
    const untested = RULES.map((r) => r.meta.id).filter((id) => !tests.has(id));
    assert.deepEqual(untested, []);
  });

  it('keeps every rule file in the folder of its category', () => {
    for (const { meta } of RULES) assert.ok(existsSync(join(root, 'server', 'src', 'rules', meta.category, `${meta.id}.ts`)), `${meta.category}/${meta.id}.ts`);
  });
});

describe('generated files', () => {
  for (const [file, expected] of generatedFiles(root)) {
    it(`${file} is up to date (run \`npm run generate\`)`, () => {
      assert.equal(readFileSync(join(root, file), 'utf8'), expected);
    });
  }
});
