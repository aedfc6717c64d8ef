// textDocument/hover: over a kube-prod finding, what the rule is about (its rationale), what to do
// (its remediation) and where to read more, for every finding under the cursor; over the key of a
// kube-linter, kube-score or Polaris suppression annotation, which kube-prod rules it silences; over
// a field's key in an object of a built-in kind, the field's API documentation (offline, from the
// bundled schema), unless another extension already serves Kubernetes schemas.
import { MarkupKind, type Hover, type HoverParams, type Position } from 'vscode-languageserver/node';
import type { AnyRule } from '../engine/rule';
import type { KubernetesSchema } from '../engine/schema/bundled';
import { fieldAt, type FieldDocumentation } from '../engine/schema/fieldAt';
import type { FileAnalysis } from '../engine/analyzer';
import { isBefore, isWithin, type Finding, type Range } from '../engine/types';
import type { PeerSuppression } from '../engine/workspace/workspace';
import { PEER_CATALOGUE } from '../rules/peers/catalogue';
import type { DiagnosticsService } from './diagnostics';

export interface HoverDependencies {
  diagnostics: Pick<DiagnosticsService, 'currentFindings'>;
  ruleById(id: string): AnyRule | undefined;
  /** The peer linters' suppression annotations whose key is under the position, in the document as last indexed. */
  peerSuppressionsAt?(uri: string, position: Position): readonly PeerSuppression[];
  /** The analysed document of the open file holding the position's line (after currentFindings brought it up to date). */
  documentAt?(uri: string, line: number): FileAnalysis['documents'][number] | undefined;
  /** False while another extension serves Kubernetes schemas (Red Hat's YAML): its hover documents the fields. */
  fieldDocumentation?(): boolean;
  /** The schema of a kind for this document: built-in or from the workspace's CRDs. */
  schemaFor?(uri: string, apiVersion: string, kind: string): KubernetesSchema | undefined;
}

/** Markdown for a field: its path and type, whether it is required, its allowed values and its API documentation. */
export function fieldMarkdown(field: FieldDocumentation, source = '*Kubernetes 1.36 API, bundled with kube-prod*'): string {
  const lines = [`\`${field.path}\` *${field.type}*${field.required ? ' (required)' : ''}`];
  if (field.enum) lines.push('', `One of: ${field.enum.map((value) => `\`${value}\``).join(', ')}`);
  if (field.description) lines.push('', field.description);
  lines.push('', source);
  return lines.join('\n');
}



/** The findings' ranges together: the span the hover stays up for. */
function union(ranges: readonly Range[]): Range {
  return ranges.reduce((all, r) => ({
    start: isBefore(r.start, all.start) ? r.start : all.start,
    end: isBefore(all.end, r.end) ? r.end : all.end,
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

const code = (text: string): string => `\`${text}\``;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** Markdown for one peer annotation: the peer checks it names and the kube-prod rules (and findings) it silences. */
export function peerSuppressionMarkdown(suppression: PeerSuppression): string {
  const { annotation, rules, unmapped, silenced } = suppression;
  const tool = PEER_CATALOGUE[annotation.tool].name;
  const checks = annotation.checks === 'all' ? `every ${tool} check` : `${tool} ${annotation.checks.length === 1 ? 'check' : 'checks'} ${annotation.checks.map(code).join(', ')}`;
  const lines = [`**kube-prod** ${code(annotation.key)} (${checks})`];
  if (rules.length > 0) {
    lines.push('', `Suppresses the kube-prod ${rules.length === 1 ? 'rule' : 'rules'} ${rules.map(code).join(', ')} for this object (${plural(silenced, 'finding')} suppressed in this object).`);
  }
  for (const check of unmapped) lines.push('', `No kube-prod rule maps to ${tool} check ${code(check)}: it suppresses nothing here.`);
  if (annotation.checks === 'all' && rules.length === 0) lines.push('', `No kube-prod rule maps to a ${tool} check: it suppresses nothing here.`);
  return lines.join('\n');
}

export class HoverService {
  constructor(private readonly deps: HoverDependencies) {}

  /** The findings of the document's current version under the position; null over none. */
  async hover(params: HoverParams): Promise<Hover | null> {
    const current = await this.deps.diagnostics.currentFindings(params.textDocument.uri);
    if (!current) return null;
    const under = current.findings.filter((f) => isWithin(params.position, f.range));
    const peers = this.deps.peerSuppressionsAt?.(params.textDocument.uri, params.position) ?? [];
    const field = this.fieldUnder(params.textDocument.uri, params.position);
    if (under.length === 0 && peers.length === 0 && !field) return null;
    const sections = [...under.map((f) => findingMarkdown(f, this.deps.ruleById(f.ruleId))), ...peers.map(peerSuppressionMarkdown), ...(field ? [fieldMarkdown(field, field.source)] : [])];
    return {
      contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') },
      range: union([...under.map((f) => f.range), ...peers.map((p) => p.range), ...(field ? [field.range] : [])]),
    };
  }

  private fieldUnder(uri: string, position: Position): (FieldDocumentation & { range: Range; source: string | undefined }) | undefined {
    if (this.deps.fieldDocumentation?.() === false) return undefined;
    const document = this.deps.documentAt?.(uri, position.line);
    if (!document?.object) return undefined;
    const { lines, startLine } = document;
    const schema = this.deps.schemaFor?.(uri, document.object.apiVersion, document.object.kind);
    if (!schema) return undefined;
    const field = fieldAt(document.object, lines.offsetAt({ line: position.line - startLine, character: position.character }), schema);
    if (!field) return undefined;
    const shift = (offset: number): Position => {
      const at = lines.positionAt(offset);
      return { line: at.line + startLine, character: at.character };
    };
    const source = schema.$id.startsWith('crd:') ? `*From the CustomResourceDefinition of ${document.object.kind} (${document.object.apiVersion}) in the workspace*` : undefined;
    return { ...field, source, range: { start: shift(field.at[0]), end: shift(field.at[1]) } };
  }
}
