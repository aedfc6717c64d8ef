// Engine mode: each input goes through a fresh Workspace (the Analyzer and the cross-resource
// rules, every rule on) as an open file, and its quick-fixes are applied and judged.
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { normaliseLoneCarriageReturns } from '../../server/src/engine/lineBreaks';
import { resolveConfig } from '../../server/src/engine/config';
import { applyAllFixes, applyFixesOnce } from '../../server/src/engine/fix/apply';
import { splitDocuments } from '../../server/src/engine/text';
import type { Finding } from '../../server/src/engine/types';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import { RULES } from '../../server/src/rules';
import type { Rng } from './prng';

export const ENGINE_LIMIT_MS = 1000;
export const LIMITED_SIZE = 1024 * 1024;
const FIX_ALL_SIZE = 256 * 1024;
const URI = 'file:///fuzz/input.yaml';

export interface Failure {
  /** exception, rule-error, slow, fix-exception, fix-noop, fix-parse, fix-removes, fix-idempotent, fix-all */
  invariant: string;
  /** The rule whose fix failed, when one did. */
  ruleId?: string;
  error: string;
}

export interface EngineResult {
  /** Analysis time of the input (the median of three runs when the first was over the limit). */
  ms: number;
  failures: Failure[];
  /** Quick-fixes applied and judged. */
  fixes: number;
}

export interface EngineOptions {
  /** How many of the input's fixes to judge, picked at random (default 3). */
  maxFixes?: number;
  /** Judge only the fixes of this rule (the minimiser narrows a failure down to its rule). */
  onlyRule?: string;
  /** Skip the time measurement's re-runs (the minimiser of another invariant). */
  untimed?: boolean;
  /** Whether to run fix-all on the input too (default: one input in four, it re-analyses up to 10 times). */
  fixAll?: boolean;
}

// Every rule on, so that every rule and every fix is exercised.
const CONFIG = resolveConfig(RULES, { rules: Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity])) });

const key = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;
const countOf = (findings: readonly Finding[], k: string): number => findings.reduce((n, f) => n + (key(f) === k ? 1 : 0), 0);
/**
 * How many more YAML errors `after` has than `before`, counted in the documents that changed,
 * split on `---` lines as the engine and kubectl split a stream. Documents left alone are not
 * parsed again: the error count of deep junk (an unclosed `[[[[…`) depends on how much stack the
 * parser has at that moment, which would make an untouched document look worse.
 */
function newErrors(before: string, after: string): { before: number; after: number } {
  // With a lone CR as the line break it is (the yaml package alone takes it for a space).
  const chunks = (text: string): string[] => splitDocuments(normaliseLoneCarriageReturns(text)).map((chunk) => chunk.text);
  const left = chunks(before);
  const right = chunks(after);
  const errors = (texts: readonly string[], other: ReadonlySet<string>): number =>
    texts.filter((text) => !other.has(text)).reduce((n, text) => n + parseAllDocuments(text).reduce((m, d) => m + ((d as { errors?: unknown[] }).errors?.length ?? 0), 0), 0);
  return { before: errors(left, new Set(right)), after: errors(right, new Set(left)) };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(error);
}

/** Analyses `text` in a fresh workspace; rule errors (contained by the engine) are collected. */
function analyse(text: string, ruleErrors?: Failure[]): Finding[] {
  const workspace = new Workspace({
    rules: RULES,
    config: CONFIG,
    onRuleError: (ruleId, error) => ruleErrors?.push({ invariant: 'rule-error', ruleId, error: describeError(error) }),
  });
  workspace.update(URI, text, true);
  return workspace.findings(URI);
}

/**
 * A fix offered on this file: one with edits, none of another file. A fix whose edits are empty is
 * not offered (the editor shows no quick-fix, fix-all and --fix skip it): the engine withholds a
 * single-object fix that would break the YAML or leave its finding.
 */
const localFix = (f: Finding): boolean => {
  if (!f.fix) return false;
  const edits = f.fix.edits();
  return edits.length > 0 && edits.every((e) => e.file === undefined);
};

export function checkEngine(text: string, rng: Rng, options: EngineOptions = {}): EngineResult {
  const failures: Failure[] = [];
  let findings: Finding[];
  let ms: number;
  const start = performance.now();
  try {
    findings = analyse(text, failures);
  } catch (error) {
    failures.push({ invariant: 'exception', error: describeError(error) });
    return { ms: performance.now() - start, failures, fixes: 0 };
  }
  ms = performance.now() - start;
  if (ms > ENGINE_LIMIT_MS && text.length <= LIMITED_SIZE && !options.untimed) {
    // A cold JIT or a major GC can cost a first run dearly: the median of three decides.
    const runs = [ms];
    for (let i = 0; i < 2; i++) {
      const again = performance.now();
      analyse(text);
      runs.push(performance.now() - again);
    }
    ms = runs.sort((a, b) => a - b)[1];
    if (ms > ENGINE_LIMIT_MS) failures.push({ invariant: 'slow', error: `analysis took ${ms.toFixed(0)} ms (median of 3; runs ${runs.map((r) => r.toFixed(0)).join(', ')} ms) on ${text.length} characters` });
  }

  // Picked at random among the findings with a fix, then asked for their edits: asking every fix
  // for its edits costs a parse of its document each, seconds on a megabyte input.
  const candidates = findings.filter((f) => f.fix && (options.onlyRule === undefined || f.ruleId === options.onlyRule));
  const chosen: Finding[] = [];
  const maxFixes = options.maxFixes ?? 3;
  try {
    while (chosen.length < maxFixes && candidates.length > 0) {
      const candidate = candidates.splice(rng.int(candidates.length), 1)[0];
      if (localFix(candidate)) chosen.push(candidate);
    }
  } catch (error) {
    failures.push({ invariant: 'fix-exception', error: describeError(error) });
    return { ms, failures, fixes: 0 };
  }
  if (chosen.length === 0) return { ms, failures, fixes: 0 };

  for (const finding of chosen) {
    const fail = (invariant: string, error: string): void => void failures.push({ invariant, ruleId: finding.ruleId, error: `${finding.fix!.title} (line ${finding.range.start.line + 1}, "${finding.message}"): ${error}` });
    try {
      const k = key(finding);
      const fixed = applyFixesOnce(text, [finding]).text;
      if (fixed === text) {
        fail('fix-noop', 'the fix changed nothing');
        continue;
      }
      const errors = newErrors(text, fixed);
      if (errors.after > errors.before) fail('fix-parse', `${errors.before} YAML errors before in the documents it changed, ${errors.after} after`);
      const after = analyse(fixed);
      const before = countOf(findings, k);
      const remaining = countOf(after, k);
      if (remaining >= before) {
        fail('fix-removes', `the finding is still there (${before} before, ${remaining} after)`);
        continue;
      }
      // Idempotent: if the fixed text still offers this fix (another finding with the same rule and
      // message), applying it must remove one more, not re-add the same edit.
      const again = after.find((f) => key(f) === k && localFix(f));
      if (again) {
        const twice = applyFixesOnce(fixed, [again]).text;
        const left = countOf(analyse(twice), k);
        if (twice === fixed || left >= remaining) fail('fix-idempotent', `fixing the fixed text again ${twice === fixed ? 'changes nothing' : `leaves the finding (${remaining} → ${left})`}`);
      }
    } catch (error) {
      fail('fix-exception', describeError(error));
    }
  }
  // The CLI's --fix path: every fix, pass after pass; it ends and leaves YAML no worse than before.
  // Not on inputs over FIX_ALL_SIZE: up to ten passes, each asking every fix of the file for its
  // edits, each edit checked by a parse of its document, take minutes on a megabyte document.
  if (options.fixAll ?? (options.onlyRule === undefined && text.length <= FIX_ALL_SIZE && rng.chance(0.25))) {
    try {
      const { text: all } = applyAllFixes(text, (t) => analyse(t).filter((f) => localFix(f)));
      const errors = newErrors(text, all);
      if (errors.after > errors.before) failures.push({ invariant: 'fix-all', error: `fix-all: ${errors.before} YAML errors before in the documents it changed, ${errors.after} after` });
    } catch (error) {
      failures.push({ invariant: 'fix-all', error: `fix-all threw ${describeError(error)}` });
    }
  }
  return { ms, failures, fixes: chosen.length };
}
