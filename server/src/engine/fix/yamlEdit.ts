import { isMap, isPair, isScalar, isSeq, stringify, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { NodeReader } from '../nodes';

/** A replacement of `text.slice(start, end)` in one document's text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** How the file writes YAML, so that inserted text looks like the user's own. */
export interface Style {
  /** Spaces per nesting level. */
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  indentSequences: boolean;
  eol: '\n' | '\r\n';
}

/**
 * A value the tool cannot know (a probe path, a secret name): inserted as a seed default with a
 * trailing comment, so that it is easy to spot and change.
 */
export class Placeholder {
  constructor(readonly value: string | number | boolean, readonly hint: string) {}
}

export type Plain = string | number | boolean | null | Placeholder | Plain[] | { [key: string]: Plain };
export type PlainMap = { [key: string]: Plain };

const COMMENT_PREFIX = 'kube-prod:';

/** Reads the indentation unit, sequence style and line ending off the text itself. */
export function detectStyle(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const steps = new Map<number, number>();
  let indented = 0;
  let flush = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (!/^\s*[^#\s][^#]*:\s*(#.*)?$/.test(line)) continue;
    const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
    if (next === undefined) continue;
    const own = line.search(/\S/) + (line.trimStart().startsWith('- ') ? 2 : 0);
    const child = next.search(/\S/);
    if (next.trimStart().startsWith('- ')) {
      if (child === own) flush++;
      else if (child > own) {
        indented++;
        steps.set(child - own, (steps.get(child - own) ?? 0) + 1);
      }
    } else if (child > own) steps.set(child - own, (steps.get(child - own) ?? 0) + 1);
  }
  let indent = 2;
  let best = 0;
  for (const [step, count] of steps) if (count > best || (count === best && step < indent)) [indent, best] = [step, count];
  return { indent: indent >= 1 && indent <= 8 ? indent : 2, indentSequences: indented > flush, eol };
}

function scalarText(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

function leafText(value: Plain): string {
  if (value instanceof Placeholder) return `${scalarText(value.value)} # ${COMMENT_PREFIX} ${value.hint}`;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[${value.map((v) => flowText(v)).join(', ')}]`;
  if (value !== null && typeof value === 'object') return '{}';
  return scalarText(value);
}

const isBlock = (value: Plain): value is PlainMap | Plain[] =>
  value !== null && typeof value === 'object' && !(value instanceof Placeholder) && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0);

/** Block YAML for a mapping, its first line at `column`. */
export function renderBlock(value: PlainMap, column: number, style: Style): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const keyText = scalarText(key);
    if (!isBlock(item)) {
      lines.push(`${pad}${keyText}: ${leafText(item)}`);
    } else if (Array.isArray(item)) {
      lines.push(`${pad}${keyText}:`);
      lines.push(...renderSequence(item, column + (style.indentSequences ? style.indent : 0), style));
    } else {
      lines.push(`${pad}${keyText}:`);
      lines.push(...renderBlock(item, column + style.indent, style));
    }
  }
  return lines;
}

/** Block YAML for a sequence, its dashes at `column`. */
export function renderSequence(items: Plain[], column: number, style: Style): string[] {
  const pad = ' '.repeat(column);
  const lines: string[] = [];
  for (const item of items) {
    if (isBlock(item) && !Array.isArray(item)) {
      const body = renderBlock(item, column + 2, style);
      lines.push(`${pad}- ${body[0].slice(column + 2)}`, ...body.slice(1));
    } else lines.push(`${pad}- ${isBlock(item) ? flowText(item) : leafText(item)}`);
  }
  return lines;
}

/** Flow YAML (`{a: 1, b: [x]}`), for insertion into flow collections. Placeholders lose their comment. */
export function flowText(value: Plain): string {
  if (value instanceof Placeholder) return scalarText(value.value);
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  if (value !== null && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ')}}`;
  return scalarText(value);
}

/** Where the line holding `offset` ends (before its line break). */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline === -1) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/**
 * The end of the last line a node occupies, its own trailing comment included. A block node's
 * range runs on over the blank lines, comment lines and indentation that follow it, up to the next
 * key: an entry added at its end would land under that key (found by the fuzzer: a spread
 * constraint nested under a `matchLabels:` that followed the pod spec at a lower indentation).
 */
function endOfNodeLine(text: string, node: Node): number {
  const start = node.range![0];
  // Never back into the node's last scalar: a block scalar's lines (a `# ...` line of a script,
  // the trailing blank lines of `|+`) are its content, not what follows it.
  const floor = Math.max(start, lastLeaf(node).range?.[1] ?? start);
  let end = node.range![1];
  for (;;) {
    while (end > floor && /\s/.test(text[end - 1])) end--;
    const line = lineStart(text, end);
    if (line <= floor || !/^[ \t]*#/.test(text.slice(line, end))) break;
    end = line;
  }
  return lineEnd(text, Math.max(start, end - 1));
}

/** The last scalar (or empty collection, or alias) at the end of a node: what its text ends with. */
function lastLeaf(node: Node): Node {
  let current = node;
  while (isMap(current) || isSeq(current)) {
    const last = current.items[current.items.length - 1] as unknown;
    if (last === undefined) break;
    const next = (isPair(last) ? (last.value as Node | null) ?? (last.key as Node | null) : last) as Node | null;
    if (!next?.range) break;
    current = next;
  }
  return current;
}

/**
 * Style-preserving, minimal edits on one YAML document's text. Every method returns edits and
 * leaves the rest of the text byte-identical: comments, blank lines, quoting and key order.
 */
export class YamlEditor {
  readonly style: Style;

  constructor(readonly text: string, readonly read: NodeReader) {
    this.style = detectStyle(text);
  }

  /**
   * Makes `map` contain `value`: missing keys are added, nested mappings merged key by key,
   * sequences get the items they lack, and differing scalars are replaced.
   * `owner` is the `key: map` entry holding the mapping, needed to rewrite an empty `{}` as a block.
   */
  merge(map: YAMLMap, value: PlainMap, owner?: Pair<unknown, unknown>): TextEdit[] {
    const edits: TextEdit[] = [];
    const missing: PlainMap = {};
    for (const [key, wanted] of Object.entries(value)) {
      const pair = this.read.pair(map, key);
      if (!pair) {
        missing[key] = wanted;
        continue;
      }
      if (!map.items.includes(pair)) {
        // Inherited through `<<`: editing the shared source would change every mapping that merges it.
        // A scalar is overridden by an entry of this mapping; a collection would lose its inherited
        // items if overridden, so it is left alone, as an alias is.
        const scalar = wanted === null || typeof wanted !== 'object' || wanted instanceof Placeholder;
        if (scalar && !this.holds(pair, wanted)) missing[key] = wanted;
        continue;
      }
      edits.push(...this.mergeValue(pair, wanted));
    }
    if (Object.keys(missing).length > 0) edits.push(...this.addEntries(map, missing, owner));
    // A nested mapping that ends this one gets its entries at the same offset as this one's.
    return joinInsertions(edits);
  }

  private mergeValue(pair: Pair<unknown, unknown>, wanted: Plain): TextEdit[] {
    const current = this.read.resolve(pair.value);
    if (isBlock(wanted) && !Array.isArray(wanted)) {
      if (isMap(current) && current === pair.value) return this.merge(current, wanted, pair);
      if (isMap(current)) return []; // an alias: changing it would change every place that uses it
      return this.replaceValue(pair, wanted);
    }
    if (Array.isArray(wanted)) {
      if (isSeq(current) && current === pair.value) return this.appendItems(current, wanted.filter((item) => !this.seqHas(current, item)));
      if (isSeq(current)) return [];
      return this.replaceValue(pair, wanted);
    }
    if (this.holds(pair, wanted)) return [];
    if (isScalar(current) && current === pair.value && current.value !== null) {
      return [{ start: current.range![0], end: current.range![1], newText: this.inFlow(current) ? flowText(wanted) : leafText(wanted) }];
    }
    return this.replaceValue(pair, wanted);
  }

  /** Whether a pair's value already is the scalar `wanted`. */
  private holds(pair: Pair<unknown, unknown>, wanted: Plain): boolean {
    const current = this.read.resolve(pair.value);
    const plain = wanted instanceof Placeholder ? wanted.value : wanted;
    return isScalar(current) && current.value === plain;
  }

  /**
   * Whether a node sits inside a flow collection: there, the next thing after it (past blanks
   * and comments) is a `,` or a closing bracket, which never follows a value in block style.
   * Block text or a `#` comment inserted there would break the document.
   */
  private inFlow(node: Node): boolean {
    let at = node.range![1];
    for (;;) {
      while (at < this.text.length && /\s/.test(this.text[at])) at++;
      if (this.text[at] !== '#') break;
      at = lineEnd(this.text, at);
    }
    return at < this.text.length && /[,}\]]/.test(this.text[at]);
  }

  private seqHas(seq: YAMLSeq, item: Plain): boolean {
    const plain = item instanceof Placeholder ? item.value : item;
    return seq.items.some((existing) => {
      const resolved = this.read.resolve(existing);
      return isScalar(resolved) && String(resolved.value).toUpperCase() === String(plain).toUpperCase();
    });
  }

  /** A key written `key:` on its line (after indentation and sequence dashes only), with a value that is not null. */
  private plainKey(item: unknown): boolean {
    if (!isPair(item) || !isScalar(item.key) || item.key.value === null || !item.key.range) return false;
    const start = item.key.range[0];
    return /^[ \t]*(-[ \t]+)*$/.test(this.text.slice(lineStart(this.text, start), start));
  }

  /** Adds entries at the end of a mapping (block or flow, or an empty one). */
  addEntries(map: YAMLMap, entries: PlainMap, owner?: Pair<unknown, unknown>): TextEdit[] {
    if (map.flow) {
      const close = this.text.lastIndexOf('}', map.range![1] - 1);
      const inner = this.text.slice(map.range![0] + 1, close).trim();
      const body = Object.entries(entries).map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ');
      if (inner === '') {
        // `{}` becomes a block under its key, which reads better than a long flow mapping
        // (not inside a flow collection, where block text cannot go).
        if (owner && !this.inFlow(map)) return this.replaceValue(owner, entries);
        return [{ start: map.range![0], end: map.range![1], newText: `{${body}}` }];
      }
      let at = close;
      while (at > 0 && /\s/.test(this.text[at - 1])) at--;
      return [{ start: at, end: at, newText: `, ${body}` }];
    }
    // Explicit (`? key`), anchored or null keys: where a new line lands among them is a guess (it
    // nested under a bare `?`, found by the fuzzer). No edit is better than a wrong one.
    if (!map.items.every((item) => this.plainKey(item))) return [];
    const last = map.items[map.items.length - 1];
    const first = map.items[0];
    const firstKey = first && isScalar(first.key) ? first.key : undefined;
    const column = firstKey?.range ? columnOf(this.text, firstKey.range[0]) : 0;
    const lastNode = (isPair(last) ? (last.value as Node | null) ?? (last.key as Node) : undefined) as Node | undefined;
    const anchor = lastNode?.range ? endOfNodeLine(this.text, lastNode) : map.range![1];
    const lines = renderBlock(entries, column, this.style);
    return [{ start: anchor, end: anchor, newText: this.style.eol + lines.join(this.style.eol) }];
  }

  /** Replaces a pair's value (null, scalar, flow or block) with `value`, rendered as a block under the key. */
  replaceValue(pair: Pair<unknown, unknown>, value: Plain): TextEdit[] {
    const key = pair.key as Node;
    const keyColumn = columnOf(this.text, key.range![0]);
    const valueNode = pair.value as Node | null;
    const colon = this.text.indexOf(':', key.range![1]);
    const start = colon + 1;
    let end = valueNode?.range && valueNode.range[1] > valueNode.range[0] ? valueNode.range[1] : start;
    // A block value's range runs past its last line break: the lines after it (blank ones too) stay.
    while (end > start && /\s/.test(this.text[end - 1])) end--;
    // Inside a flow collection the value stays flow, and a placeholder's comment would swallow the rest of the line.
    if (this.inFlow(valueNode?.range ? valueNode : key)) return [{ start, end, newText: ` ${flowText(value)}` }];
    if (!isBlock(value)) return [{ start, end, newText: ` ${leafText(value)}` }];
    const lines = Array.isArray(value)
      ? renderSequence(value, keyColumn + (this.style.indentSequences ? this.style.indent : 0), this.style)
      : renderBlock(value, keyColumn + this.style.indent, this.style);
    return [{ start, end, newText: this.style.eol + lines.join(this.style.eol) }];
  }

  /** Appends items to a sequence (block or flow). */
  appendItems(seq: YAMLSeq, items: Plain[]): TextEdit[] {
    if (items.length === 0) return [];
    if (seq.flow) {
      const close = this.text.lastIndexOf(']', seq.range![1] - 1);
      let at = close;
      while (at > 0 && /\s/.test(this.text[at - 1])) at--;
      const empty = this.text.slice(seq.range![0] + 1, close).trim() === '';
      return [{ start: at, end: at, newText: `${empty ? '' : ', '}${items.map(flowText).join(', ')}` }];
    }
    const last = seq.items[seq.items.length - 1] as Node;
    const dash = this.text.lastIndexOf('-', last.range![0]);
    const column = columnOf(this.text, dash);
    const anchor = endOfNodeLine(this.text, last);
    return [{ start: anchor, end: anchor, newText: this.style.eol + renderSequence(items, column, this.style).join(this.style.eol) }];
  }

  /** Replaces a whole `key: value` entry by other entries at the same place (e.g. value -> valueFrom). */
  replacePair(pair: Pair<unknown, unknown>, entries: PlainMap): TextEdit[] {
    const key = pair.key as Node;
    const column = columnOf(this.text, key.range![0]);
    const valueNode = pair.value as Node | null;
    const end = valueNode?.range ? valueNode.range[1] : key.range![1];
    if (this.inFlow(valueNode?.range ? valueNode : key)) {
      return [{ start: key.range![0], end, newText: Object.entries(entries).map(([k, v]) => `${scalarText(k)}: ${flowText(v)}`).join(', ') }];
    }
    const lines = renderBlock(entries, column, this.style);
    return [{ start: key.range![0], end, newText: lines.join(this.style.eol).slice(column) }];
  }

  /**
   * Deletes the `key: value` entry of a mapping. In block style the whole line(s) of the entry
   * go, its trailing comment included (comment lines above it stay: they may be about more than
   * this entry); in flow style the entry and one adjacent comma. The last entry leaves `{}`. An
   * entry inherited through `<<` is not this mapping's to delete: no edit.
   */
  removePair(map: YAMLMap, key: string): TextEdit[] {
    const index = map.items.findIndex((item) => isScalar(item.key) && item.key.value === key);
    if (index === -1) return [];
    const pair = map.items[index];
    const keyNode = pair.key as Node;
    const valueNode = pair.value as Node | null;
    // A null value (`key:`) has an empty range at the end of the key's line.
    const valueRange = valueNode?.range;
    const valueEnd = valueRange && valueRange[1] > valueRange[0] ? valueRange[1] : keyNode.range![1];
    const next = map.items[index + 1] as Pair<unknown, unknown> | undefined;
    const nextKey = next?.key as Node | undefined;
    if (map.flow) {
      if (map.items.length === 1) return [{ start: map.range![0], end: map.range![1], newText: '{}' }];
      if (nextKey?.range) return [{ start: keyNode.range![0], end: nextKey.range[0], newText: '' }];
      const previous = map.items[index - 1];
      const previousEnd = ((previous.value as Node | null)?.range ?? (previous.key as Node).range!)[1];
      return [{ start: previousEnd, end: valueEnd, newText: '' }];
    }
    const ownLine = this.text.slice(lineStart(this.text, keyNode.range![0]), keyNode.range![0]).trim() === '';
    const end = lineEnd(this.text, Math.max(keyNode.range![0], valueEnd - 1));
    if (map.items.length === 1) return [{ start: keyNode.range![0], end, newText: '{}' }];
    // After `- ` (the first entry of a sequence item) the line stays: the next entry moves up onto it.
    if (!ownLine) return nextKey?.range ? [{ start: keyNode.range![0], end: nextKey.range[0], newText: '' }] : [];
    const start = lineStart(this.text, keyNode.range![0]);
    const breakLength = this.text.startsWith('\r\n', end) ? 2 : this.text[end] === '\n' ? 1 : 0;
    if (breakLength > 0) return [{ start, end: end + breakLength, newText: '' }];
    // The last line of a text without a final line break: the line break before it goes instead.
    const before = start >= 2 && this.text.startsWith('\r\n', start - 2) ? 2 : start >= 1 ? 1 : 0;
    return [{ start: start - before, end, newText: '' }];
  }

  /** A new document after this one (`---` and the object), e.g. a PodDisruptionBudget for a workload. */
  appendDocument(value: PlainMap): TextEdit[] {
    const eol = this.style.eol;
    // A document closed by `...` goes on after it without `---` (a bare document): the new one goes
    // before the marker, which then closes it, so that what follows stays a document of its own.
    const marker = /(^|\n)\.\.\.[ \t]*(#[^\n]*)?\r?\n?$/.exec(this.text);
    const end = marker ? marker.index + marker[1].length : this.text.length;
    const endsWithBreak = /\r?\n$/.test(this.text.slice(0, end));
    const lines = renderBlock(value, 0, this.style);
    const newText = `${endsWithBreak ? '' : eol}---${eol}${lines.join(eol)}${endsWithBreak ? eol : ''}`;
    return [{ start: end, end, newText }];
  }
}

/**
 * Joins insertions at one offset into one edit, their texts in array order. Appliers disagree on
 * what two insertions at one point mean (LSP: array order; applyEdits: the reverse), and a nested
 * mapping's new entries must precede those of the mapping that it ends.
 */
export function joinInsertions(edits: readonly TextEdit[]): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const same = edit.start === edit.end ? out.find((e) => e.start === edit.start && e.end === edit.start) : undefined;
    if (same) same.newText += edit.newText;
    else out.push({ ...edit });
  }
  return out;
}

/** Applies edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of sorted) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}
