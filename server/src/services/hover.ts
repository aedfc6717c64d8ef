// textDocument/hover: over a kube-prod finding, what the rule is about (its rationale), what to do
// (its remediation) and where to read more, for every finding under the cursor.
import { MarkupKind, type Hover, type HoverParams, type Position } from 'vscode-languageserver/node';
import type { AnyRule } from '../engine/rule';
import type { Finding, Range } from '../engine/types';
import type { DiagnosticsService } from './diagnostics';

export interface HoverDependencies {
  diagnostics: Pick<DiagnosticsService, 'currentFindings'>;
  ruleById(id: string): AnyRule | undefined;
}

const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether the position lies in the range, its end included (the cursor just after a word still hovers it). */
function contains(range: Range, position: Position): boolean {
  return !before(position, range.start) && !before(range.end, position);
}

/** The findings' ranges together: the span the hover stays up for. */
function union(ranges: readonly Range[]): Range {
  return ranges.reduce((all, r) => ({
    start: before(r.start, all.start) ? r.start : all.start,
    end: before(all.end, r.end) ? r.end : all.end,
  }));
}

/** Markdown for one finding: the rule and its message, why it matters, what to change, its documentation. */
export function findingMarkdown(finding: Finding, rule: AnyRule | undefined): string {
  const lines = [`**kube-prod** \`${finding.ruleId}\` (${finding.severity}): ${finding.message}`];
  if (rule) lines.push('', rule.meta.rationale);
  const remediation = finding.remediation ?? rule?.meta.remediation;
  if (remediation) lines.push('', `**Fix:** ${remediation}`);
  if (rule?.meta.docsUrl) lines.push('', `[Documentation](${rule.meta.docsUrl})`);
  return lines.join('\n');
}

export class HoverService {
  constructor(private readonly deps: HoverDependencies) {}

  /** The findings of the document's current version under the position; null over none. */
  async hover(params: HoverParams): Promise<Hover | null> {
    const current = await this.deps.diagnostics.currentFindings(params.textDocument.uri);
    const under = current?.findings.filter((f) => contains(f.range, params.position)) ?? [];
    if (under.length === 0) return null;
    return {
      contents: { kind: MarkupKind.Markdown, value: under.map((f) => findingMarkdown(f, this.deps.ruleById(f.ruleId))).join('\n\n---\n\n') },
      range: union(under.map((f) => f.range)),
    };
  }
}
