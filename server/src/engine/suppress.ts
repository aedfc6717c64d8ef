import { isMap, isPair, visit, type Document } from 'yaml';
import { nodeSpan } from './nodes';
import type { LineIndex } from './text';
import type { Span } from './types';

/** `metadata.annotations["kube-prod.dev/ignore"]: "rule-a, rule-b"` (or `"*"`) silences rules for one object. */
export const IGNORE_ANNOTATION = 'kube-prod.dev/ignore';

/** `# kube-prod-ignore rule-a rule-b` (or no ids, for all) silences rules for the node on the next line. */
const IGNORE_COMMENT = /^[ \t]*#\s*kube-prod-ignore\b([^\r\n]*)/gm;

export function parseRuleList(text: string): Set<string> {
  return new Set(text.split(/[\s,]+/).filter(Boolean));
}

export function isIgnored(ids: ReadonlySet<string> | undefined, ruleId: string): boolean {
  return ids !== undefined && (ids.size === 0 || ids.has('*') || ids.has(ruleId));
}

export interface CommentSuppression {
  /** The node the comment stands above: findings starting inside it are silenced. */
  span: Span;
  rules: Set<string>;
}

/**
 * Finds ignore comments and the node each one governs: the outermost node that
 * starts on the next non-blank line. Above `- name: web` that is the whole
 * container; above `image: x` only that entry.
 */
export function commentSuppressions(text: string, doc: Document.Parsed, lines: LineIndex): CommentSuppression[] {
  if (!text.includes('kube-prod-ignore')) return [];
  const wanted = new Map<number, Set<string>>();
  for (const match of text.matchAll(IGNORE_COMMENT)) {
    const line = lines.positionAt(match.index ?? 0).line;
    const target = nextContentLine(text, lines, line);
    if (target !== undefined) wanted.set(target, parseRuleList(match[1].replace(/--.*$/, '')));
  }
  const found: CommentSuppression[] = [];
  const claimed = new Set<number>();
  visit(doc, (_key, node) => {
    // Sequences are skipped so that a comment above the first `- name:` governs that item, not the whole list.
    if (!isPair(node) && !isMap(node)) return;
    const span = nodeSpan(node);
    if (!span) return;
    const line = lines.positionAt(span[0]).line;
    const rules = wanted.get(line);
    if (rules && !claimed.has(line)) {
      claimed.add(line);
      found.push({ span, rules });
    }
  });
  return found;
}

function nextContentLine(text: string, lines: LineIndex, commentLine: number): number | undefined {
  for (let line = commentLine + 1; line < lines.lineCount; line++) {
    const start = lines.offsetAt({ line, character: 0 });
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end === -1 ? text.length : end).trim();
    if (content !== '' && !content.startsWith('#')) return line;
  }
  return undefined;
}
