import { isAlias, isMap, type YAMLMap } from 'yaml';
import type { NodeReader } from '../nodes';
import { Placeholder, type Plain, type PlainMap, type TextEdit, type YamlEditor } from './yamlEdit';

/** Edits a fix makes, computed once the editor over the document's text exists. */
export type Edits = (editor: YamlEditor) => TextEdit[];

const isPlainMap = (value: Plain): value is PlainMap => value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Placeholder);

/**
 * Whether merging `patch` into `map` edits this object's own text only. An alias, or a collection
 * inherited through `<<`, is shared with other places: the editor leaves it alone, so the part of
 * the patch under it would silently not be applied and the finding would stay.
 */
export function ownPath(read: NodeReader, map: YAMLMap, patch: PlainMap): boolean {
  for (const [key, wanted] of Object.entries(patch)) {
    const pair = read.pair(map, key);
    if (!pair || !(isPlainMap(wanted) || Array.isArray(wanted))) continue;
    if (!map.items.includes(pair) || isAlias(pair.value)) return false;
    const value = read.resolve(pair.value);
    if (isPlainMap(wanted) && isMap(value) && !ownPath(read, value, wanted)) return false;
  }
  return true;
}

/** `editor.merge(map, patch)`, or undefined when there is nothing to merge or the editor could not apply all of it. */
export function mergeOwn(read: NodeReader, map: YAMLMap, patch: PlainMap): Edits | undefined {
  if (Object.keys(patch).length === 0 || !ownPath(read, map, patch)) return undefined;
  return (editor) => editor.merge(map, patch);
}
