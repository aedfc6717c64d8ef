import type { Severity } from '../../engine/types';
import { relatedPath, summarize, type CheckReport, type Summary } from '../report';

export interface TextOptions {
  color: boolean;
}

const CODES = { red: 31, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;
type Style = keyof typeof CODES;
const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/**
 * One line per finding, `path:line:col severity rule-id message` (1-based), then a summary line:
 * `3 problems (1 error, 2 warnings, 0 infos) in 2 files (5 checked)` or `No problems in 5 files`,
 * with `, N skipped` / ` (N skipped)` when Helm templates were left out.
 */
export function formatText(report: CheckReport, { color }: TextOptions): string {
  const paint = (style: Style, text: string): string => (color ? `\u001b[${CODES[style]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const file of report.files) {
    for (const finding of file.findings) {
      const { line, character } = finding.range.start;
      lines.push(
        `${file.path}:${line + 1}:${character + 1} ${paint(SEVERITY_STYLE[finding.severity], finding.severity)} ${paint('dim', finding.ruleId)} ${finding.message}`,
      );
      // Where a built object's field came from besides the template line: the values file.
      for (const related of finding.related ?? []) {
        lines.push(paint('dim', `  ${relatedPath(related.file, report.cwd)}:${related.range.start.line + 1}:${related.range.start.character + 1} ${related.message}`));
      }
    }
  }
  const summary = summarize(report.files);
  const total = summary.errors + summary.warnings + summary.infos;
  const style: Style | undefined = summary.errors > 0 ? 'red' : summary.warnings > 0 ? 'yellow' : undefined;
  const text = summaryLine(summary, total);
  lines.push(style ? paint('bold', paint(style, text)) : text);
  return `${lines.join('\n')}\n`;
}

function summaryLine(summary: Summary, total: number): string {
  const skipped = summary.skipped > 0 ? `${summary.skipped} skipped` : '';
  if (total === 0) return `No problems in ${count(summary.files, 'file')}${skipped ? ` (${skipped})` : ''}`;
  const counts = [count(summary.errors, 'error'), count(summary.warnings, 'warning'), count(summary.infos, 'info')].join(', ');
  return `${count(total, 'problem')} (${counts}) in ${count(summary.filesWithFindings, 'file')} (${summary.files} checked${skipped ? `, ${skipped}` : ''})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
