// RuleTester for cross-resource rules: each case is a small workspace (file name -> YAML);
// invalid cases list every finding with its file and exact 1-based range.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { resolveConfig, type UserConfig } from '../../server/src/engine/config';
import { applyFixesOnce } from '../../server/src/engine/fix/apply';
import type { WorkspaceRule } from '../../server/src/engine/rule';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import type { ExpectedFinding } from './ruleTester';

export interface WorkspaceCase {
  name?: string;
  files: Record<string, string>;
  options?: Record<string, unknown>;
  defaultNamespace?: string;
}

export interface InvalidWorkspaceCase extends WorkspaceCase {
  errors: Array<ExpectedFinding & { file: string }>;
  /** For fixable rules: each changed file's exact text after applying the fixes (files open, one pass). */
  output?: Record<string, string>;
}

export const uriOf = (file: string): string => `file:///workspace/${file}`;

function workspaceFor(rule: WorkspaceRule, test: WorkspaceCase): Workspace {
  const user: UserConfig = {
    rules: { [rule.meta.id]: { severity: rule.meta.severity, ...(test.options ? { options: test.options } : {}) } },
    ...(test.defaultNamespace ? { defaultNamespace: test.defaultNamespace } : {}),
  };
  const workspace = new Workspace({
    rules: [rule],
    config: resolveConfig([rule], user),
    onRuleError: (id, error) => {
      throw new Error(`rule ${id} threw: ${error instanceof Error ? error.stack : String(error)}`);
    },
  });
  // Open, as in the editor: syntax trees are kept, so fixes are available.
  for (const [file, text] of Object.entries(test.files)) workspace.update(uriOf(file), text, true);
  return workspace;
}

/** The text of every file after applying the rule's fixes once. */
export function fixWorkspace(rule: WorkspaceRule, test: WorkspaceCase): Record<string, string> {
  const workspace = workspaceFor(rule, test);
  return Object.fromEntries(Object.entries(test.files).map(([file, text]) => [file, applyFixesOnce(text, workspace.findings(uriOf(file))).text]));
}

/** Runs one workspace rule alone over the case's files and returns its findings, file by file. */
export function runWorkspaceRule(rule: WorkspaceRule, test: WorkspaceCase): Array<ExpectedFinding & { file: string }> {
  const workspace = workspaceFor(rule, test);
  const out: Array<ExpectedFinding & { file: string }> = [];
  for (const file of Object.keys(test.files).sort()) {
    for (const finding of workspace.findings(uriOf(file))) {
      assert.equal(finding.ruleId, rule.meta.id);
      out.push({
        file,
        message: finding.message,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
      });
    }
  }
  return out;
}

export function workspaceRuleTester(rule: WorkspaceRule, tests: { valid: WorkspaceCase[]; invalid: InvalidWorkspaceCase[] }): void {
  assert.ok(tests.valid.length > 0 && tests.invalid.length > 0, `${rule.meta.id}: valid and invalid cases`);
  describe(`workspace rule ${rule.meta.id}`, () => {
    tests.valid.forEach((test, index) => {
      it(`valid #${index + 1}${test.name ? `: ${test.name}` : ''}`, () => {
        assert.deepEqual(runWorkspaceRule(rule, test), []);
      });
    });
    tests.invalid.forEach((test, index) => {
      it(`invalid #${index + 1}${test.name ? `: ${test.name}` : ''}`, () => {
        assert.ok(test.errors.length > 0, 'an invalid case names the findings it expects');
        const expected = [...test.errors]
          .map(({ severity: _severity, ...rest }) => rest)
          .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
        assert.deepEqual(runWorkspaceRule(rule, test), expected);
        if (test.output !== undefined) {
          const fixed = fixWorkspace(rule, test);
          const changed = Object.fromEntries(Object.entries(fixed).filter(([file, text]) => text !== test.files[file]));
          assert.deepEqual(changed, test.output);
          for (const text of Object.values(fixed)) assert.deepEqual(parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message)), []);
          assert.deepEqual(fixWorkspace(rule, { ...test, files: fixed }), fixed, 'fixing again changes nothing');
        }
      });
    });
  });
}
