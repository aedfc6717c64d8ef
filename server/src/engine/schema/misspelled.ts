import { isMap, isSeq, type YAMLMap } from 'yaml';
import type { K8sObject } from '../model';
import { nodeSpan } from '../nodes';
import type { Span } from '../types';
import { sharedSchemaValidator } from './validate';

export const SCHEMA_RULE_ID = 'schema-violation';
export const NO_MISSPELLINGS: readonly Misspelling[] = [];

/** A key the schema check takes for a misspelling of `field`, and the part of the object it is about. */
export interface Misspelling {
  field: string;
  /** The misspelled key. */
  at: Span;
  /** The list item (a container, a port...) the key is in, else the whole object. */
  scope: Span;
}

/**
 * What the object's misspelled keys meant to set. A rule that reports the field missing (`no
 * livenessProbe` beside `livenessprobe:`) would tell the author to add what is already there: the
 * schema finding, with its rename, is the one to show.
 */
export function misspellingsOf(object: K8sObject): readonly Misspelling[] {
  const validator = sharedSchemaValidator();
  if (!validator.knows(object.apiVersion, object.kind)) return [];
  const out: Misspelling[] = [];
  for (const issue of validator.issuesOf(object)) {
    const misspelled = issue.misspelled;
    if (!misspelled?.suggestion) continue;
    const scope = nodeSpan(listItemAround(object.root, misspelled.parent) ?? object.root);
    const at = nodeSpan(misspelled.key);
    if (scope && at) out.push({ field: misspelled.suggestion, at, scope });
  }
  return out;
}

/** The innermost mapping that is a list item and holds `target` (or is it), searching from `root`. */
function listItemAround(root: YAMLMap, target: YAMLMap): YAMLMap | undefined {
  let found: YAMLMap | undefined;
  const visit = (node: unknown, item: YAMLMap | undefined, depth: number): boolean => {
    if (depth > 100) return false;
    if (node === target) {
      found = item;
      return true;
    }
    if (isMap(node)) return node.items.some((pair) => visit(pair.value, item, depth + 1));
    if (isSeq(node)) return node.items.some((child) => visit(child, isMap(child) ? child : item, depth + 1));
    return false;
  };
  visit(root, undefined, 0);
  return found;
}

const MISSING = /\bno ([A-Za-z][\w.-]*)/g;

/** Whether a finding at `span` saying `message` reports a field missing that a misspelling sets. */
export function explainedByMisspelling(misspellings: readonly Misspelling[], span: Span, message: string): boolean {
  for (const match of message.matchAll(MISSING)) {
    const fields = match[1].split('.');
    for (const { field, scope } of misspellings) {
      if (fields.includes(field) && span[0] >= scope[0] && span[0] <= scope[1]) return true;
    }
  }
  return false;
}
