// .kube-prod-checklist.yaml: the manual checklist items as the team recorded them, committed to
// the repository. Reading validates against schemas/kube-prod-checklist.schema.json; writing
// edits one item through the yaml Document API, so comments and the other items survive.
import Ajv, { type ErrorObject } from 'ajv';
import { isMap, parseDocument, YAMLMap, type Document } from 'yaml';
import checklistSchema from '../../../../schemas/kube-prod-checklist.schema.json';
import { ConfigValidationError, explainSchemaErrors } from '../config';
import { LineIndex } from '../text';
import type { ManualItemState, ManualState } from './checklist';
import { CHECKLIST_FILE_NAME, MANUAL_ITEM_IDS } from './checklistItems';

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(checklistSchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

const unknownKey = (parent: readonly string[], key: string): string =>
  parent[0] === 'items' && parent.length === 1 ? `unknown checklist item "${key}" (manual items: ${MANUAL_ITEM_IDS.join(', ')})` : `unknown key "${key}"`;

function parse(text: string, file: string): Document.Parsed {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const lines = new LineIndex(text);
    throw new ConfigValidationError(
      file,
      doc.errors.map((e) => ({ path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}`, ...lines.positionAt(e.pos[0]) })),
    );
  }
  return doc;
}

/**
 * Reads a checklist file's text. Throws ConfigValidationError naming each offending key with
 * its line and column (never anything else); an empty file records nothing.
 */
export function parseChecklistFile(text: string, file = CHECKLIST_FILE_NAME): ManualState {
  const doc = parse(text, file);
  const value: unknown = doc.toJS() ?? {};
  const errors = validate(value);
  if (errors.length > 0) {
    const explained = explainSchemaErrors(errors, doc, new LineIndex(text), unknownKey).map((e) =>
      e.path.endsWith('.date') && e.message.startsWith('must match pattern') ? { ...e, message: 'must be a date written YYYY-MM-DD' } : e,
    );
    // In file order, as people read the file (ajv reports unknown keys first).
    explained.sort((a, b) => (a.line ?? -1) - (b.line ?? -1) || (a.character ?? -1) - (b.character ?? -1));
    throw new ConfigValidationError(file, explained);
  }
  const items: Record<string, ManualItemState> = {};
  const written = (value as { items?: Record<string, Partial<ManualItemState>> | null }).items ?? {};
  for (const [id, entry] of Object.entries(written)) {
    const state: ManualItemState = { done: entry.done === true };
    if (entry.notApplicable === true) state.notApplicable = true;
    if (entry.by !== undefined) state.by = entry.by;
    if (entry.date !== undefined) state.date = entry.date;
    if (entry.note !== undefined) state.note = entry.note;
    items[id] = state;
  }
  return { items };
}

const HEADER = [
  '# kube-prod production checklist: what no manifest can prove (runbooks, DR restore tested,',
  '# on-call, alert routing, multi-AZ). Commit this file so the team and CI share it.',
  '# Schema: schemas/kube-prod-checklist.schema.json of kube-prod.',
].join('\n');

/**
 * The file's new text after recording one manual item: `done`, and who and when (a `by` or
 * `date` not given is removed, so the record never names the wrong person). Everything else
 * (comments, the other items, the item's note) is kept. `text` undefined creates the file.
 * Throws ConfigValidationError when the text does not parse, Error for an unknown item id.
 */
export function updateChecklistFile(text: string | undefined, itemId: string, done: boolean, by?: string, date?: string, file = CHECKLIST_FILE_NAME): string {
  if (!MANUAL_ITEM_IDS.includes(itemId)) throw new Error(`"${itemId}" is not a manual checklist item (manual items: ${MANUAL_ITEM_IDS.join(', ')})`);
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`date "${date}" is not YYYY-MM-DD`);
  const blank = text === undefined || text.trim() === '';
  // An invalid file is not edited: the user fixes the key the error names first.
  if (!blank) parseChecklistFile(text, file);
  const doc: Document = parse(blank ? `${HEADER}\nitems: {}\n` : text, file);
  // A file of comments only has no contents yet.
  const root = isMap(doc.contents) ? doc.contents : (doc.contents = new YAMLMap());
  let items: unknown = root.get('items', true);
  if (!isMap(items)) root.set('items', (items = new YAMLMap()));
  const map = items as YAMLMap;
  if (map.items.length === 0) map.flow = false;
  let entry: unknown = map.get(itemId, true);
  if (!isMap(entry)) map.set(itemId, (entry = doc.createNode({}, { flow: true })));
  const record = entry as YAMLMap;
  record.set('done', done);
  record.delete('notApplicable');
  for (const [key, value] of [['by', by], ['date', date]] as const) {
    if (value === undefined) record.delete(key);
    else record.set(key, value);
  }
  return doc.toString({ flowCollectionPadding: false, lineWidth: 0 });
}
