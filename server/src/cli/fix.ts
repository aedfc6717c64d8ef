// `kube-prod check --fix`: applies the findings' quick-fixes to the inputs, file by file, in the
// workspace that holds them all, so that a fix in one file (a PodDisruptionBudget added after a
// Deployment) counts for the findings of the files after it and for the final report.
import { accessSync, constants, realpathSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { normaliseLoneCarriageReturns } from '../engine/lineBreaks';
import { applyOffsetEdits, toOffsets } from '../engine/fix/apply';
import { LineIndex } from '../engine/text';
import type { FileEdit, Finding } from '../engine/types';
import type { LoadedInput, LoadedWorkspace } from './check';
import { cannotWrite } from './errors';

/** As ESLint: enough for fixes that make room for other fixes, bounded if a fix never settles. */
export const MAX_FIX_PASSES = 10;

export interface FixedInput {
  input: LoadedInput;
  /** The text after every pass. Differs from `input.text`. */
  text: string;
  /** Fixes applied over all passes: each one fixed one finding. */
  fixed: number;
}

export interface FixOptions {
  /** Which findings to fix: those reported (--quiet: errors). */
  keep?: (finding: Finding) => boolean;
  /** A fix threw (it is left out, the other fixes go in), or left its finding in place (a string says so; it is left out too). */
  onFixError?: (ruleId: string, path: string, error: unknown) => void;
  /** A file is left as it was, and why. */
  onSkipped?: (path: string, reason: string) => void;
}

/**
 * Fixes every input and returns those whose text changed. Each input is fixed in up to
 * MAX_FIX_PASSES passes: index it as open (the engine only builds fixes for open files, whose
 * syntax trees it keeps), apply the fixes of its findings that do not overlap, and again on the
 * new text until nothing applies (fixPasses). A fix in one file can give another file new
 * findings (an HPA's minReplicas raised to 2: its Deployment now needs a PodDisruptionBudget),
 * and that file may come first: the inputs are fixed in rounds, as ESLint repeats its passes,
 * until a round changes nothing (at most MAX_FIX_PASSES rounds), so that a second `--fix` finds
 * nothing to do. The workspace ends up holding the fixed texts, as closed files.
 */
export function fixWorkspace(loaded: LoadedWorkspace, options: FixOptions = {}): FixedInput[] {
  const { workspace, inputs, current } = loaded;
  const { keep, onFixError, onSkipped } = options;
  const kept = (findings: Finding[]): Finding[] => (keep ? findings.filter(keep) : findings);
  const states = new Map<LoadedInput, FixState>(inputs.map((input) => [input, { text: input.text, applied: 0, failed: new Set(), seen: undefined, alias: false }]));
  for (let round = 0; round < MAX_FIX_PASSES; round++) {
    let changedThisRound = false;
    // A file named twice (through a symbolic link) is fixed once: fixing the second copy from the
    // text read at the start would write over the first one's fixes.
    const fixedAt = new Map<string, string>();
    for (const input of inputs) {
      const state = states.get(input)!;
      current.path = input.path;
      const real = input.absolute === undefined ? undefined : realPath(input.absolute);
      const first = real === undefined ? undefined : fixedAt.get(real);
      if (first !== undefined) {
        state.text = first;
        state.alias = true;
        workspace.update(input.path, first, false);
        continue;
      }
      const findings = kept(workspace.findings(input.path));
      // Nothing to report, nothing to fix (most files, once clean); and after the first round, a
      // file whose findings are the ones its last fixing left has nothing new to fix either.
      const seen = findings.map(keyOf).join('\n');
      if (findings.length > 0 && seen !== state.seen) {
        const before = state.text;
        // Each pass would call a broken fix again: say so once per rule and file, over all rounds.
        const onError = (ruleId: string, path: string, error: unknown): void => {
          if (!state.failed.has(ruleId)) onFixError?.(ruleId, path, error);
          state.failed.add(ruleId);
        };
        let { text, applied } = fixPasses(
          before,
          (next) => {
            workspace.update(input.path, next, true);
            return kept(workspace.findings(input.path)).map((finding) => guarded(finding, input.path, onError));
          },
          (finding) => onError(finding.ruleId, input.path, `its finding is still there after it, not applying it: ${finding.message}`),
        );
        // The fixes are meant never to break the YAML; if one did, the user's file is worth more than the fix.
        if (text !== before && syntaxErrors(text) > syntaxErrors(before)) {
          onSkipped?.(input.path, 'the fixes would leave YAML that does not parse (a kube-prod bug, please report it)');
          text = before;
          applied = 0;
        }
        // Closed again: the syntax trees go (a large tree of files would keep them all), the findings stay.
        workspace.update(input.path, text, false);
        state.seen = kept(workspace.findings(input.path)).map(keyOf).join('\n');
        if (text !== before) {
          changedThisRound = true;
          state.text = text;
          state.applied += applied;
        }
      }
      if (real !== undefined) fixedAt.set(real, state.text);
    }
    if (!changedThisRound) break;
  }
  return inputs.flatMap((input) => {
    const { text, applied, alias } = states.get(input)!;
    return text !== input.text && !alias ? [{ input, text, fixed: applied }] : [];
  });
}

interface FixState {
  text: string;
  applied: number;
  /** Rules whose fix failed in this file: reported once. */
  failed: Set<string>;
  /** The findings the file had after it was last fixed: the same ones again need no new attempt. */
  seen: string | undefined;
  /** Another name of a file fixed under its first name: written (and reported) once, under that one. */
  alias: boolean;
}

/**
 * Fix, analyse again, fix again, until no fix applies, as applyAllFixes does, with a guard: a
 * fix whose finding is still there after it (a buggy fix: a PodDisruptionBudget that selects
 * nothing) would otherwise go in again on every pass, MAX_FIX_PASSES copies of it, and once
 * more on every run. Such a fix is reported, and the file fixed again from the start without
 * it. Findings are told apart by rule and message.
 */
function fixPasses(text: string, analyse: (text: string) => Finding[], onIneffective: (finding: Finding) => void): { text: string; applied: number } {
  const blocked = new Set<string>();
  // Each restart blocks one more fix; the bound only matters if fixes keep making new findings.
  for (let restart = 0; restart < MAX_FIX_PASSES; restart++) {
    const result = passes(text, analyse, blocked);
    if (result.ineffective === undefined) return result;
    blocked.add(keyOf(result.ineffective));
    onIneffective(result.ineffective);
  }
  return { text, applied: 0 };
}

function passes(text: string, analyse: (text: string) => Finding[], blocked: ReadonlySet<string>): { text: string; applied: number; ineffective?: Finding } {
  let current = text;
  let total = 0;
  let before = new Map<string, number>();
  let appliedLast = new Map<string, number>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = analyse(current).filter((finding) => finding.fix !== undefined && !blocked.has(keyOf(finding)));
    const present = countBy(findings);
    for (const [key, applied] of appliedLast) {
      // Each applied fix should have taken one finding with it (a fix that waited keeps its own).
      if ((present.get(key) ?? 0) > (before.get(key) ?? 0) - applied) return { text, applied: 0, ineffective: findings.find((finding) => keyOf(finding) === key) };
    }
    const { text: next, applied } = onePass(current, findings);
    if (applied.length === 0 || next === current) break;
    before = present;
    appliedLast = countBy(applied);
    current = next;
    total += applied.length;
  }
  return { text: current, applied: total };
}

/** applyFixesOnce, telling which findings' fixes went in: a fix overlapping (or touching) one already taken waits for the next pass. */
function onePass(text: string, findings: readonly Finding[]): { text: string; applied: Finding[] } {
  const lines = new LineIndex(text);
  const accepted: Array<ReturnType<typeof toOffsets>> = [];
  const applied: Finding[] = [];
  for (const finding of findings) {
    if (!finding.fix) continue;
    const all = finding.fix.edits();
    // A fix of another file (a chart's values.yaml) is not applied by --fix.
    if (all.some((e) => e.file !== undefined)) continue;
    const edits = all.map((edit) => toOffsets(lines, edit));
    if (edits.length === 0) continue;
    if (edits.some((e) => accepted.some((a) => a.start <= e.end && e.start <= a.end))) continue;
    accepted.push(...edits);
    applied.push(finding);
  }
  return { text: applyOffsetEdits(text, accepted), applied };
}

const keyOf = (finding: Finding): string => `${finding.ruleId}\u0000${finding.message}`;

function countBy(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const finding of findings) counts.set(keyOf(finding), (counts.get(keyOf(finding)) ?? 0) + 1);
  return counts;
}

/** The finding with a fix that reports an exception and edits nothing, instead of stopping the run. */
function guarded(finding: Finding, path: string, onFixError: FixOptions['onFixError']): Finding {
  const { fix } = finding;
  if (!fix) return finding;
  const edits = (): FileEdit[] => {
    try {
      return fix.edits();
    } catch (error) {
      onFixError?.(finding.ruleId, path, error);
      return [];
    }
  };
  return { ...finding, fix: { title: fix.title, edits } };
}

function syntaxErrors(text: string): number {
  // As the engine parses it: a lone CR is a line break.
  return parseAllDocuments(normaliseLoneCarriageReturns(text)).reduce((sum, document) => sum + document.errors.length, 0);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Why changed inputs could not be written, found before writing any, so that a read-only file
 * or one that is not UTF-8 leaves every file as it was. `access`: check write permission too
 * (not for --dry-run, which writes nothing).
 */
export function writeProblems(changed: readonly FixedInput[], { access }: { access: boolean }): string[] {
  const problems: string[] = [];
  for (const { input } of changed) {
    // Decoding replaced the invalid bytes with U+FFFD: writing the text back would lose them.
    if (!input.lossless) problems.push(`cannot fix ${input.path}: it is not valid UTF-8, and rewriting it would replace the invalid bytes`);
    else if (access && input.absolute !== undefined) {
      try {
        accessSync(input.absolute, constants.W_OK);
      } catch (error) {
        problems.push(cannotWrite(input.path, error).message);
      }
    }
  }
  return problems;
}

/**
 * Writes each changed file over the original (the same inode: mode, owner and links stay), and
 * calls `written` after each; standard input has nothing to write. Throws InputError.
 */
export function writeFixed(changed: readonly FixedInput[], written: (fixed: FixedInput) => void): void {
  for (const fixed of changed) {
    if (fixed.input.absolute !== undefined) {
      try {
        writeFileSync(fixed.input.absolute, fixed.text, 'utf8');
      } catch (error) {
        throw cannotWrite(fixed.input.path, error);
      }
    }
    written(fixed);
  }
}

export function problemCount(n: number): string {
  return `${n} problem${n === 1 ? '' : 's'}`;
}
