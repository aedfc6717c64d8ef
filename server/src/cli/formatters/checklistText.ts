import { formatCount, type Checklist, type ChecklistFailure, type ChecklistItem, type ChecklistStatus } from '../../engine/workspace/checklist';

export interface ChecklistTextOptions {
  color: boolean;
  /** Failing objects shown per item; Infinity shows all (--all). */
  limit: number;
}

/** Failing objects listed per item unless --all: enough to start fixing, short enough to read. */
export const DEFAULT_FAILURE_LIMIT = 5;

const CODES = { green: 32, red: 31, dim: 2, bold: 1 } as const;
type Style = keyof typeof CODES;

const MARKS: Record<ChecklistStatus, { mark: string; style: Style }> = {
  pass: { mark: '✓', style: 'green' },
  fail: { mark: '✗', style: 'red' },
  'not-applicable': { mark: '–', style: 'dim' },
};

/**
 * A failing object with its first finding: `path:line:col` and `<message>` when the message
 * names the object already (most do: `Deployment "web", container "app": no livenessProbe`),
 * else `Kind "name": <message>`; `(+N more)` counts the other findings.
 */
export function failureParts(failure: ChecklistFailure): { location: string; text: string } {
  const { line, character } = failure.range.start;
  const location = `${failure.uri}:${line + 1}:${character + 1}`;
  const object = `${failure.kind} "${failure.name ?? '(unnamed)'}"`;
  const [first, ...more] = failure.messages;
  if (first === undefined) return { location, text: object };
  const extra = more.length ? ` (+${more.length} more)` : '';
  return { location, text: first.startsWith(object) ? `${first}${extra}` : `${object}: ${first}${extra}` };
}

export function failureLine(failure: ChecklistFailure): string {
  const { location, text } = failureParts(failure);
  return `${location} ${text}`;
}

/** The item's state after its title: its count, and why it does not apply or what was not checked. */
export function itemState(item: ChecklistItem): string {
  if (item.status === 'not-applicable' && item.kind === 'automatic') return `not applicable${item.note ? `: ${item.note}` : ''}`;
  return `${formatCount(item)}${item.note ? ` (${item.note})` : ''}`;
}

/**
 * The checklist by section: one line per item with its mark (✓ pass, ✗ fail, – not applicable),
 * title and count; under a failing item its failing objects as `path:line:col Kind "name"`
 * with the first finding; a summary line last.
 */
export function formatChecklistText(checklist: Checklist, { color, limit }: ChecklistTextOptions): string {
  const paint = (style: Style, text: string): string => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const label = (item: ChecklistItem): string => `${item.title}${item.required ? ' (required)' : ''}${item.kind === 'manual' ? ' (manual)' : ''}`;
  const width = Math.max(...checklist.sections.flatMap((s) => s.items.map((i) => label(i).length)));
  const lines: string[] = [];
  for (const section of checklist.sections) {
    if (lines.length > 0) lines.push('');
    lines.push(paint('bold', section.title));
    for (const item of section.items) {
      const { mark, style } = MARKS[item.status];
      lines.push(`  ${paint(style, mark)} ${label(item).padEnd(width)}  ${itemState(item)}`);
      if (item.status !== 'fail') continue;
      const shown = item.failures.slice(0, limit);
      for (const failure of shown) lines.push(`      ${failureLine(failure)}`);
      const hidden = item.failures.length - shown.length;
      if (hidden > 0) lines.push(paint('dim', `      ... and ${hidden} more (--all lists them)`));
    }
  }
  lines.push('', summaryLine(checklist, paint));
  return `${lines.join('\n')}\n`;
}

function summaryLine(checklist: Checklist, paint: (style: Style, text: string) => string): string {
  const { pass, fail, notApplicable, requiredFailing } = checklist.summary;
  const counts = `${pass} passed, ${fail} failed, ${notApplicable} not applicable`;
  if (requiredFailing.length === 0) return paint('bold', paint('green', `All required items pass (${counts})`));
  const n = requiredFailing.length;
  return paint('bold', paint('red', `${n} required ${n === 1 ? 'item fails' : 'items fail'}: ${requiredFailing.join(', ')} (${counts})`));
}
