// Table-driven rule tests in the shape of ESLint's RuleTester: YAML that must pass,
// YAML that must fail with exact findings (message and 1-based range).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../server/src/engine/analyzer';
import { applyFixesOnce } from '../../server/src/engine/fix/apply';
import { resolveConfig, type UserConfig } from '../../server/src/engine/config';
import type { Rule } from '../../server/src/engine/rule';
import type { Finding, Severity } from '../../server/src/engine/types';

export interface ExpectedFinding {
  message: string;
  /** 1-based, as editors show them. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: Severity;
}

export interface ValidCase {
  name?: string;
  code: string;
  options?: Record<string, unknown>;
  /** The config's `kubernetesVersion` (default: the bundled API's release). */
  kubernetesVersion?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** For fixable rules: the exact text after applying every finding's fix (one pass). */
  output?: string;
}

export interface RuleTests {
  valid: Array<string | ValidCase>;
  invalid: InvalidCase[];
}

/** Runs one rule alone (enabled even when off by default) over a YAML text. */
export function runRule(rule: Rule, code: string, options?: Record<string, unknown>, kubernetesVersion?: string): Finding[] {
  const user: UserConfig = { rules: { [rule.meta.id]: { severity: rule.meta.severity, ...(options ? { options } : {}) } }, ...(kubernetesVersion ? { kubernetesVersion } : {}) };
  const analyzer = new Analyzer({
    rules: [rule],
    config: resolveConfig([rule], user),
    onRuleError: (id, error) => {
      throw new Error(`rule ${id} threw: ${String(error)}`);
    },
  });
  return analyzer.analyze(code).findings;
}

function toExpected(finding: Finding): ExpectedFinding {
  return {
    message: finding.message,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  };
}

export function ruleTester(rule: Rule, tests: RuleTests): void {
  assert.ok(tests.valid.length > 0, `${rule.meta.id}: at least one valid case`);
  assert.ok(tests.invalid.length > 0, `${rule.meta.id}: at least one invalid case`);
  describe(`rule ${rule.meta.id}`, () => {
    tests.valid.forEach((test, index) => {
      const { code, options, name, kubernetesVersion } = typeof test === 'string' ? { code: test, options: undefined, name: undefined, kubernetesVersion: undefined } : test;
      it(`valid #${index + 1}${name ? `: ${name}` : ''}`, () => {
        assert.deepEqual(runRule(rule, code, options, kubernetesVersion).map(toExpected), []);
      });
    });
    tests.invalid.forEach((test, index) => {
      it(`invalid #${index + 1}${test.name ? `: ${test.name}` : ''}`, () => {
        assert.ok(test.errors.length > 0, 'an invalid case names the findings it expects');
        const findings = runRule(rule, test.code, test.options, test.kubernetesVersion);
        assert.deepEqual(findings.map(toExpected), test.errors.map(({ severity: _ignored, ...rest }) => rest));
        for (const finding of findings) assert.equal(finding.ruleId, rule.meta.id);
        test.errors.forEach((expected, i) => {
          if (expected.severity) assert.equal(findings[i].severity, expected.severity);
        });
        if (test.output !== undefined) {
          const fixed = applyFixesOnce(test.code, findings).text;
          assert.equal(fixed, test.output);
          assert.deepEqual(parseAllDocuments(fixed).flatMap((d) => d.errors.map((e) => e.message)), [], 'the fixed text parses');
          // Fixed findings are gone, so fixing again changes nothing.
          assert.equal(applyFixesOnce(fixed, runRule(rule, fixed, test.options, test.kubernetesVersion)).text, fixed, 'fixing again changes nothing');
        } else if (rule.meta.fixable) {
          assert.ok(findings.every((f) => f.fix === undefined), 'a case whose findings have fixes states the output');
        }
      });
    });
  });
}

/** Joins lines into a YAML text, so that cases read as YAML with no template-literal indentation games. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
