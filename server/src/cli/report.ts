import { isAbsolute, relative, sep } from 'node:path';
import type { RuleMeta } from '../engine/rule';
import type { Finding, Severity } from '../engine/types';

/** One checked input, as every formatter sees it. */
export interface FileReport {
  /** As shown to the user: relative to the working directory, with forward slashes; `<stdin>` for standard input. */
  path: string;
  /** Absolute path on disk; undefined for standard input. */
  absolute: string | undefined;
  /** In file order, already filtered by --quiet. */
  findings: Finding[];
  /** A Helm (Go) template: not checked, no findings. */
  skipped: boolean;
}

/** A rule that ran, with the severity the config gave it. */
export interface EnabledRule {
  meta: RuleMeta;
  severity: Severity;
}

export interface CheckReport {
  tool: { version: string; informationUri: string };
  /** The working directory: the base of every relative path. */
  cwd: string;
  files: FileReport[];
  /** Enabled rules, in documentation order. */
  rules: EnabledRule[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  /** Files checked (Helm templates excluded). */
  files: number;
  filesWithFindings: number;
  /** Helm templates: read but not checked. */
  skipped: number;
}

export function summarize(files: readonly FileReport[]): Summary {
  const summary: Summary = { errors: 0, warnings: 0, infos: 0, files: 0, filesWithFindings: 0, skipped: 0 };
  for (const file of files) {
    if (file.skipped) {
      summary.skipped++;
      continue;
    }
    summary.files++;
    if (file.findings.length > 0) summary.filesWithFindings++;
    for (const finding of file.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return summary;
}

/** A related location's file as reports show paths: relative to the working directory when inside it. */
export function relatedPath(absolute: string, cwd: string): string {
  const path = relative(cwd, absolute);
  return (path === '' || isAbsolute(path) ? absolute : path).split(sep).join('/');
}
