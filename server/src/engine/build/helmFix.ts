// Quick-fixes for findings on rendered charts, moved to the one place where the edit is safe: the
// values key a `toYaml .Values.x` action printed whole. A fix the rule makes on the rendered object
// is applied there, the changed value read back, and written into the values file (filling
// `resources: {}` is the fix chart users want). Template actions are never edited.
import { isDeepStrictEqual } from 'node:util';
import { isMap, isPair, isScalar, parseDocument, type Document, type Pair } from 'yaml';
import { YamlEditor, type Plain, type TextEdit } from '../fix/yamlEdit';
import { NodeReader } from '../nodes';
import { LineIndex } from '../text';
import { linesOf } from '../lineBreaks';
import type { FileTree } from './tree';
import { valuesReadBy, type TemplateAlignment } from './helmTemplate';
import { locate } from './yamlPath';

type JsPath = Array<string | number>;

/** The deepest path under which `a` and `b` differ (undefined when they are equal). */
export function changedPath(a: unknown, b: unknown): JsPath | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  const path: JsPath = [];
  for (;;) {
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      const left: unknown[] = a;
      const right: unknown[] = b;
      const differing = left.map((_, i) => i).filter((i) => !isDeepStrictEqual(left[i], right[i]));
      if (differing.length !== 1) return path;
      path.push(differing[0]);
      [a, b] = [left[differing[0]], right[differing[0]]];
    } else if (isObject(a) && isObject(b)) {
      const left = a;
      const right = b;
      const differing = [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((k) => !isDeepStrictEqual(left[k], right[k]));
      // A key added or removed, or several changed: the value around them is what changed.
      if (differing.length !== 1 || !(differing[0] in left) || !(differing[0] in right)) return path;
      path.push(differing[0]);
      [a, b] = [left[differing[0]], right[differing[0]]];
    } else return path;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, path: JsPath): unknown {
  let node = root;
  for (const step of path) node = node === null || typeof node !== 'object' ? undefined : (node as Record<string | number, unknown>)[step];
  return node;
}

/** helm's merge of values files: maps merge key by key, anything else is replaced by the later file. */
function merged(values: readonly unknown[]): unknown {
  return values.reduce((acc, next) => {
    if (!isObject(acc) || !isObject(next)) return next === undefined ? acc : next;
    const out: Record<string, unknown> = { ...acc };
    for (const [key, value] of Object.entries(next)) out[key] = merged([acc[key], value]);
    return out;
  }, undefined);
}

/** The key pair at a path of string keys. */
function pairAt(doc: Document, keys: readonly string[]): Pair | undefined {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const key of keys) {
    if (!isMap(node)) return undefined;
    pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (!pair) return undefined;
    node = pair.value;
  }
  return pair;
}

export interface ValuesFixContext {
  /** The rendered document, as checked, and its lines. */
  rendered: Document;
  renderedLines: readonly string[];
  templateLines: readonly string[];
  alignment: TemplateAlignment;
  /** Absolute paths, lowest precedence first. */
  valuesFiles: readonly string[];
  tree: FileTree;
}

/** The rendered line a path's key is written on. */
function keyLine(doc: Document, renderedText: string, path: JsPath): number | undefined {
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  if (!isMap(parent) || typeof last !== 'string') return undefined;
  const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === last);
  const offset = (pair?.key as { range?: [number, number, number] } | undefined)?.range?.[0];
  return offset === undefined ? undefined : linesOf(renderedText.slice(0, offset)).length - 1;
}

/** The values path a `toYaml` action printed as the whole value of the key on `line`, if one did. */
function printedBy(context: ValuesFixContext, line: number): string[] | undefined {
  const own = context.alignment.templateLineOf(line);
  const candidates = [own?.literal ? context.alignment.templateLineOf(line + 1) : own];
  for (const candidate of candidates) {
    if (!candidate || candidate.literal) continue;
    if (!/\btoYaml\b/.test(context.templateLines[candidate.line])) continue;
    const paths = valuesReadBy(context.templateLines, candidate.line);
    if (paths.length === 1) return paths[0];
  }
  return undefined;
}

export interface ValuesEdit {
  file: string;
  edits: TextEdit[];
  /** The values key written, `resources`. */
  key: string;
}

/**
 * The rule's fix, made on the rendered text (`fixedText`), as an edit of the values file that feeds
 * the changed value; undefined when the change is not confined to one value a `toYaml .Values.x`
 * printed whole, or when that value is not where the values files say.
 */
export function valuesFix(context: ValuesFixContext, fixedText: string): ValuesEdit | undefined {
  const fixed = parseDocument(fixedText, { prettyErrors: false });
  if (fixed.errors.length > 0) return undefined;
  const before = context.rendered.toJS() as unknown;
  const after = fixed.toJS() as unknown;
  const changed = changedPath(before, after);
  if (!changed) return undefined;
  const renderedText = context.renderedLines.join('\n');
  for (let length = changed.length; length > 0; length--) {
    const path = changed.slice(0, length);
    const line = keyLine(context.rendered, renderedText, path);
    if (line === undefined) continue;
    const keys = printedBy(context, line);
    if (!keys) continue;
    const docs = context.valuesFiles.map((file) => {
      const text = context.tree.read(file);
      return { file, text, doc: text === undefined ? undefined : parseDocument(text, { prettyErrors: false }) };
    });
    const effective = merged(docs.map((d) => (d.doc ? valueAt(d.doc.toJS(), keys) : undefined)));
    // The rendered value must be exactly what the values say: then writing the new value there gives the new rendering.
    if (!isDeepStrictEqual(effective, valueAt(before, path))) continue;
    const target = [...docs].reverse().find((d) => d.doc && locate(d.doc, keys)?.depth === keys.length);
    const pair = target?.doc && pairAt(target.doc, keys);
    if (!target?.text || !target.doc || !pair) return undefined;
    const value = valueAt(after, path);
    const lower = docs.slice(0, docs.indexOf(target)).map((d) => (d.doc ? valueAt(d.doc.toJS(), keys) : undefined));
    if (!isDeepStrictEqual(merged([...lower, value]), value)) return undefined;
    const edits = new YamlEditor(target.text, new NodeReader(target.doc as Document.Parsed)).replaceValue(pair, value as Plain);
    return { file: target.file, edits, key: keys.join('.') };
  }
  return undefined;
}

/**
 * The rule's edits of the rendered text, made in the template instead, when every one of them falls
 * among literal template lines: each edited line, and the lines on both sides of it, is written in
 * the template exactly as rendered and in the same order, with nothing (no action, no condition)
 * between them. Undefined when any edit touches or borders a line an action produced.
 */
export function literalFix(alignment: TemplateAlignment, templateLines: readonly string[], renderedLines: readonly string[], edits: readonly TextEdit[]): TextEdit[] | undefined {
  const rendered = new LineIndex(renderedLines.join('\n'));
  const template = new LineIndex(templateLines.join('\n'));
  const lineOf = (at: number): number => rendered.positionAt(at).line;
  const literalLine = (line: number): number | undefined => {
    const found = alignment.templateLineOf(line);
    return found?.literal && templateLines[found.line] === renderedLines[line] ? found.line : undefined;
  };
  const moved: TextEdit[] = [];
  for (const edit of edits) {
    const first = lineOf(edit.start);
    const last = lineOf(edit.end);
    const from = Math.max(0, first - 1);
    const to = Math.min(renderedLines.length - 1, last + 1);
    const matches: number[] = [];
    let lastRendered = renderedLines.length - 1;
    while (lastRendered > 0 && renderedLines[lastRendered].trim() === '') lastRendered--;
    for (let line = from; line <= Math.min(to, lastRendered); line++) {
      const matched = literalLine(line);
      if (matched === undefined) return undefined;
      if (matches.length > 0 && matched !== matches[matches.length - 1] + 1) return undefined;
      matches.push(matched);
    }
    // At the document's edges the neighbour is in the template only: what follows (or precedes) the
    // edited line there must be the template's end of document too, not an action that prints
    // more of the same list under other values.
    const isEdge = (t: number): boolean => t < 0 || t >= templateLines.length || /^---/.test(templateLines[t]) || templateLines.slice(t).every((l) => l.trim() === '');
    if (to >= lastRendered && matches.length > 0 && !isEdge(nextNonBlank(templateLines, matches[matches.length - 1] + 1))) return undefined;
    if (from === 0 && first === 0 && matches.length > 0 && matches[0] > 0 && !/^---/.test(templateLines[matches[0] - 1] ?? '---')) return undefined;
    const toTemplate = (at: number): number => {
      const { line, character } = rendered.positionAt(at);
      return template.offsetAt({ line: literalLine(line)!, character });
    };
    moved.push({ start: toTemplate(edit.start), end: toTemplate(edit.end), newText: edit.newText });
  }
  return moved.length > 0 ? moved : undefined;
}

/** The first line at or after `from` that is not blank (the template's length when there is none). */
function nextNonBlank(lines: readonly string[], from: number): number {
  let line = from;
  while (line < lines.length && lines[line].trim() === '') line++;
  return line;
}
