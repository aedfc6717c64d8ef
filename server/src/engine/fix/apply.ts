import { LineIndex } from '../text';
import type { FileEdit, Finding } from '../types';

interface OffsetEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * Applies the fixes of `findings` to `text` in one pass, as ESLint does: a fix whose edits
 * overlap an already accepted fix waits for the next pass. Returns the new text and how many
 * fixes went in.
 */
export function applyFixesOnce(text: string, findings: readonly Finding[]): { text: string; applied: number; fixed: Finding[] } {
  const lines = new LineIndex(text);
  const accepted: OffsetEdit[] = [];
  const fixed: Finding[] = [];
  let applied = 0;
  for (const finding of findings) {
    if (!finding.fix) continue;
    const all = finding.fix.edits();
    // A fix of another file (a chart's values.yaml) is offered on its own, never in this file's fix-all.
    if (all.some((e) => e.file !== undefined)) continue;
    const edits = all.map((e) => toOffsets(lines, e));
    if (edits.length === 0) continue;
    if (edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...edits);
    fixed.push(finding);
    applied++;
  }
  return { text: applyOffsetEdits(text, accepted), applied, fixed };
}

/**
 * Fix, re-analyse, fix again, until nothing is left to fix (at most `passes` rounds). A fix whose
 * finding survives it is not applied again: re-applying it would only stack copies of its edit.
 */
export function applyAllFixes(text: string, analyse: (text: string) => readonly Finding[], passes = 10): { text: string; applied: number } {
  let current = text;
  let total = 0;
  const tried = new Set<string>();
  const keyOf = (f: Finding): string => `${f.ruleId}\u0000${f.message}`;
  for (let pass = 0; pass < passes; pass++) {
    const candidates = analyse(current).filter((f) => f.fix && !tried.has(keyOf(f)));
    const { text: next, applied, fixed } = applyFixesOnce(current, candidates);
    if (applied === 0 || next === current) break;
    for (const finding of fixed) tried.add(keyOf(finding));
    current = next;
    total += applied;
  }
  return { text: current, applied: total };
}

export function toOffsets(lines: LineIndex, edit: FileEdit): OffsetEdit {
  return { start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText };
}

/** Touching counts as overlapping: two insertions at one point would be applied in a guessed order. */
const overlaps = (a: OffsetEdit, b: OffsetEdit): boolean => a.start <= b.end && b.start <= a.end;

export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start || b.end - a.end)) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): FileEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const lines = new LineIndex(before);
  return { range: { start: lines.positionAt(start), end: lines.positionAt(endBefore) }, newText: after.slice(start, endAfter) };
}
