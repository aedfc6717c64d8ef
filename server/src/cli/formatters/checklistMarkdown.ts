import type { Checklist, ChecklistItem, ChecklistStatus } from '../../engine/workspace/checklist';
import { failureParts, itemState } from './checklistText';

const EMOJI: Record<ChecklistStatus, string> = { pass: '✅', fail: '❌', 'not-applicable': '➖' };

/** Text in a table cell or a list item: no pipes, no line breaks, no stray HTML. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, ' ');

/**
 * The checklist as a pull-request comment: a headline, one compact table per section
 * (status, item, count), and under each table the failing objects of its failing items,
 * folded in <details>.
 */
export function formatChecklistMarkdown(checklist: Checklist, { limit }: { limit: number }): string {
  const { pass, fail, notApplicable, requiredFailing } = checklist.summary;
  const out: string[] = ['## kube-prod production checklist', ''];
  out.push(
    requiredFailing.length === 0
      ? `✅ **All required items pass** · ${pass} passed, ${fail} failed, ${notApplicable} not applicable`
      : `❌ **${requiredFailing.length} required ${requiredFailing.length === 1 ? 'item fails' : 'items fail'}** · ${pass} passed, ${fail} failed, ${notApplicable} not applicable`,
  );
  for (const section of checklist.sections) {
    out.push('', `### ${section.title}`, '', '| | Item | Count |', '|---|---|---|');
    for (const item of section.items) out.push(`| ${EMOJI[item.status]} | ${itemLabel(item)} | ${countCell(item)} |`);
    for (const item of section.items) {
      if (item.status !== 'fail' || item.failures.length === 0) continue;
      const shown = item.failures.slice(0, limit);
      out.push('', `<details><summary>${cell(item.title)}: ${item.failures.length} failing</summary>`, '');
      for (const failure of shown) {
        const { location, text } = failureParts(failure);
        out.push(`- \`${location.replace(/`/g, "'")}\` ${cell(text)}`);
      }
      const hidden = item.failures.length - shown.length;
      if (hidden > 0) out.push(`- … and ${hidden} more`);
      out.push('', '</details>');
    }
  }
  return `${out.join('\n')}\n`;
}

function itemLabel(item: ChecklistItem): string {
  const tags = [item.required ? 'required' : '', item.kind === 'manual' ? 'manual' : ''].filter(Boolean);
  const title = item.required ? `**${cell(item.title)}**` : cell(item.title);
  return `${title}${tags.length ? ` (${tags.join(', ')})` : ''}`;
}

function countCell(item: ChecklistItem): string {
  return cell(itemState(item));
}
