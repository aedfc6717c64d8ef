import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../engine/types';
import { relatedPath, type CheckReport, type FileReport } from '../report';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, the enabled rules as reportingDescriptors,
 * one result per finding. Paths inside the working directory are relative to %SRCROOT%
 * (the working directory); regions are 1-based with an exclusive end column, in UTF-16 code units.
 */
export function formatSarif(report: CheckReport): string {
  const ruleIndex = new Map(report.rules.map((rule, index) => [rule.meta.id, index]));
  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => {
      const index = ruleIndex.get(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        ...(index !== undefined ? { ruleIndex: index } : {}),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(file),
              region: {
                startLine: finding.range.start.line + 1,
                startColumn: finding.range.start.character + 1,
                endLine: finding.range.end.line + 1,
                endColumn: finding.range.end.character + 1,
              },
            },
          },
        ],
        ...(finding.related
          ? {
              relatedLocations: finding.related.map((r, id) => ({
                id,
                physicalLocation: {
                  artifactLocation: artifactLocation({ path: relatedPath(r.file, report.cwd), absolute: r.file }),
                  region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
                },
                message: { text: r.message },
              })),
            }
          : {}),
      };
    }),
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kube-prod',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: report.tool.informationUri,
            rules: report.rules.map(({ meta, severity }) => ({
              id: meta.id,
              name: pascalCase(meta.id),
              shortDescription: { text: meta.description },
              fullDescription: { text: `${meta.description} ${meta.rationale}` },
              helpUri: meta.docsUrl,
              help: {
                text: `${meta.rationale}\n\nRemediation: ${meta.remediation}\n\nSee ${meta.docsUrl}`,
                markdown: `${meta.rationale}\n\n**Remediation:** ${meta.remediation}\n\n[Kubernetes documentation](${meta.docsUrl})`,
              },
              defaultConfiguration: { level: LEVEL[severity] },
              properties: { tags: [meta.category] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Inside the working directory: a relative URI against %SRCROOT%; outside it: an absolute file URI. */
function artifactLocation(file: Pick<FileReport, 'path' | 'absolute'>): { uri: string; uriBaseId?: string } {
  if (file.absolute === undefined) return { uri: encodeURIComponent(file.path) };
  if (file.path.startsWith('../') || isAbsolute(file.path)) return { uri: pathToFileURL(file.absolute).href };
  return { uri: file.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  const href = pathToFileURL(directory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `liveness-probe-missing` -> `LivenessProbeMissing`: SARIF's name is a readable identifier. */
function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}
