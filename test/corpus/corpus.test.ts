// The engine over real manifests written by other people (test/corpus/manifests):
// it must finish every file without a rule throwing, stay silent on non-Kubernetes YAML and
// Helm templates, and on a few files reviewed by hand report exactly the reviewed findings.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { Analyzer } from '../../server/src/engine/analyzer';
import { resolveConfig } from '../../server/src/engine/config';
import { RULES } from '../../server/src/rules';
import { corpusDir, projectRoot, yamlFiles } from '../helpers/paths';

const corpus = corpusDir();

function analyzerWithErrors(): { analyzer: Analyzer; errors: string[] } {
  const errors: string[] = [];
  const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES), onRuleError: (id, e) => errors.push(`${id}: ${String(e)}`) });
  return { analyzer, errors };
}

describe('corpus', () => {
  it('analyses every corpus file without a rule throwing', () => {
    const { analyzer, errors } = analyzerWithErrors();
    let files = 0;
    for (const file of yamlFiles(corpus)) {
      files++;
      analyzer.analyze(readFileSync(file, 'utf8'));
      assert.deepEqual(errors, [], relative(corpus, file));
    }
    assert.ok(files >= 390, `found ${files} corpus files`);
  });

  for (const quiet of ['non-kubernetes', 'microservices-demo/helm-chart-templates', 'microservices-demo/istio-manifests']) {
    it(`reports nothing on ${quiet}/`, () => {
      const { analyzer } = analyzerWithErrors();
      const noisy = [...yamlFiles(join(corpus, quiet))].flatMap((file) =>
        analyzer.analyze(readFileSync(file, 'utf8')).findings.map((f) => `${relative(corpus, file)}:${f.range.start.line + 1} ${f.ruleId}`),
      );
      assert.deepEqual(noisy, []);
    });
  }
});

/** A reviewed finding: where, what, and why a person agreed it is right. */
interface ReviewedFinding {
  line: number;
  column: number;
  ruleId: string;
  message: string;
  reason: string;
}

describe('reviewed findings on real files', () => {
  const expectedDir = join(projectRoot(), 'test', 'corpus', 'expected');
  for (const snapshot of readdirSync(expectedDir).filter((f) => f.endsWith('.json')).sort()) {
    const { file, findings } = JSON.parse(readFileSync(join(expectedDir, snapshot), 'utf8')) as { file: string; findings: ReviewedFinding[] };
    it(`${file} gives exactly the ${findings.length} reviewed findings`, () => {
      assert.ok(findings.every((f) => f.reason.trim().length > 0), 'every reviewed finding states why it is right');
      const { analyzer } = analyzerWithErrors();
      const actual = analyzer.analyze(readFileSync(join(corpus, file), 'utf8')).findings.map((f) => ({
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        ruleId: f.ruleId,
        message: f.message,
      }));
      assert.deepEqual(actual, findings.map(({ reason: _reason, ...rest }) => rest));
    });
  }
});
