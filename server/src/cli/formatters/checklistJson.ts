import { formatCount, type Checklist, type ChecklistStatus, type ManualItemState } from '../../engine/workspace/checklist';

/**
 * `kube-prod checklist --format json`, version 1 of the shape (docs/cli.md). Fields are only
 * ever added; lines and columns are 1-based, end positions exclusive.
 */
export interface ChecklistJsonOutput {
  version: string;
  /** The manual items' file that was read, relative to the working directory; null when none. */
  checklistFile: string | null;
  summary: Checklist['summary'];
  sections: Array<{ id: string; title: string; items: ChecklistJsonItem[] }>;
}

export interface ChecklistJsonItem {
  id: string;
  title: string;
  description: string;
  required: boolean;
  kind: 'automatic' | 'manual';
  status: ChecklistStatus;
  count: { passing: number; total: number; noun: string };
  /** The count as the text format shows it. */
  countText: string;
  note: string | null;
  /** Rule ids whose findings fail the item (automatic items counting objects). */
  rules: string[] | null;
  manual: ManualItemState | null;
  failures: Array<{
    path: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    kind: string;
    name: string | null;
    namespace: string | null;
    messages: string[];
  }>;
}

export function formatChecklistJson(checklist: Checklist, meta: { version: string; checklistFile: string | undefined }): string {
  const output: ChecklistJsonOutput = {
    version: meta.version,
    checklistFile: meta.checklistFile ?? null,
    summary: checklist.summary,
    sections: checklist.sections.map((section) => ({
      id: section.id,
      title: section.title,
      items: section.items.map((item) => ({
        id: item.id,
        title: item.title,
        description: item.description,
        required: item.required,
        kind: item.kind,
        status: item.status,
        count: item.count,
        countText: formatCount(item),
        note: item.note ?? null,
        rules: item.rules ? [...item.rules] : null,
        manual: item.manual ?? null,
        failures: item.failures.map((failure) => ({
          path: failure.uri,
          line: failure.range.start.line + 1,
          column: failure.range.start.character + 1,
          endLine: failure.range.end.line + 1,
          endColumn: failure.range.end.character + 1,
          kind: failure.kind,
          name: failure.name ?? null,
          namespace: failure.namespace ?? null,
          messages: failure.messages,
        })),
      })),
    })),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
