import type { Severity } from '../../engine/types';
import { relatedPath, summarize, type CheckReport, type Summary } from '../report';

/**
 * The JSON output, version 1 of the shape (documented in docs/cli.md). Fields are only ever
 * added; lines and columns are 1-based, end positions exclusive, columns in UTF-16 code units.
 */
export interface JsonOutput {
  /** The kube-prod version that produced the output. */
  version: string;
  files: JsonFile[];
  summary: Summary;
}

export interface JsonFile {
  /** Relative to the working directory, forward slashes; `<stdin>` for standard input. */
  path: string;
  /** A Helm template: not checked (findings is empty). */
  skipped: boolean;
  findings: JsonFinding[];
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  remediation: string | null;
  docsUrl: string | null;
  /** Present for findings on built objects: other source lines that fed the field (a values key). */
  related?: JsonRelated[];
}

export interface JsonRelated {
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function formatJson(report: CheckReport): string {
  const metas = new Map(report.rules.map((rule) => [rule.meta.id, rule.meta]));
  const output: JsonOutput = {
    version: report.tool.version,
    files: report.files.map((file) => ({
      path: file.path,
      skipped: file.skipped,
      findings: file.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        remediation: finding.remediation ?? metas.get(finding.ruleId)?.remediation ?? null,
        docsUrl: metas.get(finding.ruleId)?.docsUrl ?? null,
        ...(finding.related
          ? {
              related: finding.related.map((r) => ({
                path: relatedPath(r.file, report.cwd),
                line: r.range.start.line + 1,
                column: r.range.start.character + 1,
                endLine: r.range.end.line + 1,
                endColumn: r.range.end.character + 1,
                message: r.message,
              })),
            }
          : {}),
      })),
    })),
    summary: summarize(report.files),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
