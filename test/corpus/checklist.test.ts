// The production checklist over whole corpus applications (test/corpus/manifests), each
// compared with a checklist reviewed by hand: every item's status, count and failing objects,
// and why a person agreed with it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../server/src/engine/config';
import { computeChecklist, formatCount } from '../../server/src/engine/workspace/checklist';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import { RULES } from '../../server/src/rules';
import { corpusDir, projectRoot, yamlFiles } from '../helpers/paths';

const corpus = corpusDir();

/** One reviewed item; failures are `path:line:col Kind "name"`, paths relative to the corpus folder. */
interface ReviewedItem {
  id: string;
  status: string;
  count: string;
  failures: string[];
  reason: string;
}

/** The checklist of one corpus folder taken as one application, with every rule at its default. */
function corpusChecklist(folder: string): Array<Omit<ReviewedItem, 'reason'>> {
  const errors: string[] = [];
  const workspace = new Workspace({ rules: RULES, config: resolveConfig(RULES), onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
  for (const file of yamlFiles(join(corpus, folder))) workspace.update(relative(corpus, file).split(sep).join('/'), readFileSync(file, 'utf8'));
  const checklist = computeChecklist(workspace, undefined);
  assert.deepEqual(errors, []);
  return checklist.sections.flatMap((section) =>
    section.items.map((item) => ({
      id: item.id,
      status: item.status,
      count: formatCount(item),
      failures: item.failures.map((f) => `${f.uri}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.kind} "${f.name ?? '(unnamed)'}"`),
    })),
  );
}

describe('reviewed checklists of corpus applications', () => {
  const expectedDir = join(projectRoot(), 'test', 'corpus', 'expected-checklist');
  for (const snapshot of readdirSync(expectedDir).filter((f) => f.endsWith('.json')).sort()) {
    const { folder, items } = JSON.parse(readFileSync(join(expectedDir, snapshot), 'utf8')) as { folder: string; items: ReviewedItem[] };
    it(`${folder} gives the reviewed checklist`, () => {
      assert.deepEqual(items.filter((i) => i.reason.trim().length === 0).map((i) => i.id), [], 'every reviewed item states why it is right');
      assert.deepEqual(corpusChecklist(folder), items.map(({ reason: _reason, ...rest }) => rest));
    });
  }
});
