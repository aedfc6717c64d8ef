// Lone carriage returns: a line break of their own for YAML, LSP and VS Code, and nothing the
// engine's line scans look for. VS Code normalises them when it loads a file; the CLI and other
// editors hand them to us as they are.
import type { Finding } from './types';

const LONE_CR = /\r(?!\n)/g;
const LONE_CR_ONCE = /\r(?!\n)/;

/**
 * The text with each lone carriage return turned into a line feed. Same length, same offsets,
 * same lines: the parser and the line index then see the lines the editor shows, and the parser
 * takes 0.1 s rather than 2.6 s on a 780 KB file of mixed line breaks (found by the fuzzer).
 */
export function normaliseLoneCarriageReturns(text: string): string {
  return hasLoneCarriageReturns(text) ? text.replace(LONE_CR, '\n') : text;
}

/** The text's lines as LineIndex counts them (a lone CR ends one too), without their LF. */
export function linesOf(text: string): string[] {
  return normaliseLoneCarriageReturns(text).split('\n');
}

export function hasLoneCarriageReturns(text: string): boolean {
  return text.includes('\r') && LONE_CR_ONCE.test(text);
}

/**
 * The finding with its fix's line breaks written as CRLF. The fixes are made for the normalised
 * text; an inserted LF right after one of the file's lone CRs would make one line break of two.
 * A CRLF joins nothing on either side.
 */
export function withCrlfFix(finding: Finding): Finding {
  const fix = finding.fix;
  if (!fix) return finding;
  return { ...finding, fix: { title: fix.title, edits: () => fix.edits().map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') })) } };
}
