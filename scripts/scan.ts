// Developer aid: runs some rules (or all) over a folder, by default test/corpus/manifests, and prints
// every finding, so that a rule's author can read its false positives before shipping it.
//   node out/scripts/scan.js [--dir DIR] [rule-id ...]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { Analyzer } from '../server/src/engine/analyzer';
import { resolveConfig } from '../server/src/engine/config';
import { RULES } from '../server/src/rules';
import { corpusDir, yamlFiles } from '../test/helpers/paths';

const args = process.argv.slice(2);
const dirFlag = args.indexOf('--dir');
const dir = dirFlag >= 0 ? args.splice(dirFlag, 2)[1] : corpusDir();
const wanted = new Set(args);
const rules = wanted.size ? RULES.filter((r) => wanted.has(r.meta.id)) : RULES;
const config = resolveConfig(rules, { rules: Object.fromEntries(rules.map((r) => [r.meta.id, r.meta.severity])) });
const analyzer = new Analyzer({ rules, config, onRuleError: (id, e) => console.error(`RULE ERROR ${id}:`, e) });
const counts = new Map<string, number>();
for (const file of yamlFiles(dir)) {
  for (const f of analyzer.analyze(readFileSync(file, 'utf8')).findings) {
    counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    console.log(`${relative(dir, file)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message}`);
  }
}
console.log('\ncounts:', Object.fromEntries([...counts].sort()));
