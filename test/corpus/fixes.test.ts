// The invariant harness for quick-fixes over real manifests (test/corpus/manifests): every fix of every
// finding, applied alone, must leave a file that parses, without that finding, without a new
// error-level finding, with every comment kept and nothing changed outside its edits — and
// fixing again must change nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { resolveConfig } from '../../server/src/engine/config';
import { applyOffsetEdits, toOffsets } from '../../server/src/engine/fix/apply';
import { LineIndex } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import { RULES } from '../../server/src/rules';
import { corpusDir, yamlFiles } from '../helpers/paths';

const corpus = corpusDir();

/** Each application of the corpus is one workspace: cross-resource fixes see their relatives. */
const APPLICATIONS = ['microservices-demo', 'kube-prometheus', 'argo-cd', 'kubernetes-examples'];

const key = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;
const count = (list: readonly string[], item: string): number => list.filter((x) => x === item).length;
const comments = (text: string): string[] => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('#'));
const errorsOf = (text: string): string[] => parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message));

interface Tally {
  documents: number;
  fixes: number;
  failures: string[];
}

function checkApplication(app: string, tally: Tally): void {
  // Every rule on, so that "no new error-level finding" is judged by all of them.
  const config = resolveConfig(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])) });
  const workspace = new Workspace({ rules: RULES, config });
  const files = [...yamlFiles(join(corpus, app))].map((path) => ({ path, uri: `file://${path}`, text: readFileSync(path, 'utf8') }));
  for (const file of files) workspace.update(file.uri, file.text, true);
  for (const file of files) {
    const indexed = workspace.index.file(file.uri);
    if (!indexed || indexed.template) continue;
    tally.documents += indexed.resources.length;
    const before = workspace.findings(file.uri);
    const beforeKeys = before.map(key);
    const beforeErrors = before.filter((f) => f.severity === 'error').map(key);
    for (const finding of before) {
      if (!finding.fix) continue;
      tally.fixes++;
      const where = `${relative(corpus, file.path)}:${finding.range.start.line + 1} ${finding.ruleId} (${finding.fix.title})`;
      const lines = new LineIndex(file.text);
      const edits = finding.fix.edits().map((e) => toOffsets(lines, e));
      const fixed = applyOffsetEdits(file.text, edits);
      const problems: string[] = [];
      if (fixed === file.text) problems.push('the fix changed nothing');
      const syntax = errorsOf(fixed);
      if (syntax.length) problems.push(`does not parse: ${syntax[0]}`);
      // Outside its edits the text is byte-identical: the prefix before the first edit and the suffix after the last.
      const first = Math.min(...edits.map((e) => e.start));
      const last = Math.max(...edits.map((e) => e.end));
      if (!fixed.startsWith(file.text.slice(0, first)) || !fixed.endsWith(file.text.slice(last))) problems.push('changed text outside its edits');
      const lostComment = comments(file.text).find((c) => count(comments(fixed), c) < count(comments(file.text), c));
      if (lostComment) problems.push(`lost the comment ${lostComment}`);
      workspace.update(file.uri, fixed, true);
      const after = workspace.findings(file.uri);
      const afterKeys = after.map(key);
      if (count(afterKeys, key(finding)) >= count(beforeKeys, key(finding))) problems.push('the finding is still there');
      const newError = after.find((f) => f.severity === 'error' && count(beforeErrors, key(f)) < count(after.filter((a) => a.severity === 'error').map(key), key(f)));
      if (newError) problems.push(`new error ${newError.ruleId}: ${newError.message}`);
      const again = after.find((f) => f.fix && key(f) === key(finding) && count(afterKeys, key(f)) >= count(beforeKeys, key(f)));
      if (again) problems.push('fixing again would change the text');
      workspace.update(file.uri, file.text, true);
      if (problems.length) tally.failures.push(`${where}: ${problems.join('; ')}`);
    }
  }
}

describe('quick-fix invariants over the corpus', () => {
  const tally: Tally = { documents: 0, fixes: 0, failures: [] };
  for (const app of APPLICATIONS) {
    it(`every fix in ${app}/ parses, removes its finding, adds no error, keeps comments, is idempotent`, () => {
      const failuresBefore = tally.failures.length;
      checkApplication(app, tally);
      assert.deepEqual(tally.failures.slice(failuresBefore), []);
    });
  }
  it('applied fixes to the corpus (the counts are reported here)', (t) => {
    t.diagnostic(`${tally.documents} documents, ${tally.fixes} fixes applied, ${tally.failures.length} failures`);
    assert.ok(tally.fixes > 0, 'some corpus findings have fixes');
  });
});
