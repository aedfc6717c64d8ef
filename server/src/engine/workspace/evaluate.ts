import type { ResolvedConfig, RuleSetting } from '../config';
import { isWorkspaceRule, type AnyRule, type WorkspaceRule } from '../rule';
import { isIgnored } from '../suppress';
import type { Finding, Position, Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from './index';

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);
const within = (position: Position, range: Range): boolean => !before(position, range.start) && !before(range.end, position);

function toFile(range: Range, startLine: number): Range {
  return {
    start: { line: range.start.line + startLine, character: range.start.character },
    end: { line: range.end.line + startLine, character: range.end.character },
  };
}

/** Runs the cross-resource rules on objects of the index, with the same suppression as single-object rules. */
export class WorkspaceChecker {
  private readonly rulesByKind = new Map<string, Array<{ rule: WorkspaceRule; setting: RuleSetting }>>();

  constructor(rules: readonly AnyRule[], config: ResolvedConfig, private readonly onRuleError?: (ruleId: string, error: unknown) => void) {
    for (const rule of rules) {
      if (!isWorkspaceRule(rule)) continue;
      const setting = config.rules.get(rule.meta.id);
      if (!setting?.enabled) continue;
      for (const kind of rule.meta.kinds) {
        let list = this.rulesByKind.get(kind);
        if (!list) this.rulesByKind.set(kind, (list = []));
        list.push({ rule, setting });
      }
    }
  }

  /** Findings of the workspace rules (or of those in `only`) on one object, in file coordinates. */
  check(resource: IndexedResource, index: WorkspaceIndex, only?: ReadonlySet<string>): Finding[] {
    const { facts } = resource;
    const rules = facts.builtin ? this.rulesByKind.get(facts.kind) : undefined;
    if (!rules) return [];
    const findings: Finding[] = [];
    for (const { rule, setting } of rules) {
      const id = rule.meta.id;
      if (only && !only.has(id)) continue;
      if (isIgnored(facts.ignored, id)) continue;
      try {
        rule.checkWorkspace({
          resource,
          facts,
          index,
          options: setting.options,
          report: (at, message) => {
            const range = at ?? facts.kindAt;
            if (facts.suppressions.some((s) => isIgnored(s.rules, id) && within(range.start, s.range))) return;
            findings.push({ ruleId: id, severity: setting.severity, message, range: toFile(range, resource.startLine), remediation: rule.meta.remediation });
          },
        });
      } catch (error) {
        this.onRuleError?.(id, error);
      }
    }
    return findings;
  }
}
