import { stringify, type Scalar } from 'yaml';
import type { TextEdit } from './yamlEdit';

/**
 * Replaces a string scalar's value in place, in the quoting the author chose: `"apps/v1beta2"`
 * stays double-quoted, `'unconfined'` single-quoted, a plain value plain (quoted only when the new
 * value could not be written plain). Anchors, tags and comments around the scalar are untouched.
 */
export function replaceScalar(node: Scalar, value: string): TextEdit {
  let newText: string;
  if (node.type === 'QUOTE_DOUBLE') newText = JSON.stringify(value);
  else if (node.type === 'QUOTE_SINGLE') newText = `'${value.replace(/'/g, "''")}'`;
  else newText = stringify(value, { lineWidth: 0 }).trimEnd();
  return { start: node.range![0], end: node.range![1], newText };
}
