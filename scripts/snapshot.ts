// Developer aid for test/corpus/expected/: prints the findings (default config) of one corpus file
// as a reviewed-findings skeleton. A person then reads the file and writes each finding's reason.
//   node out/scripts/snapshot.js <path relative to test/corpus/manifests>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../server/src/engine/analyzer';
import { resolveConfig } from '../server/src/engine/config';
import { RULES } from '../server/src/rules';
import { corpusDir } from '../test/helpers/paths';

const file = process.argv[2];
const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES) });
const findings = analyzer.analyze(readFileSync(join(corpusDir(), file), 'utf8')).findings.map((f) => ({
  line: f.range.start.line + 1,
  column: f.range.start.character + 1,
  ruleId: f.ruleId,
  message: f.message,
  reason: '',
}));
console.log(JSON.stringify({ file, findings }, null, 2));
