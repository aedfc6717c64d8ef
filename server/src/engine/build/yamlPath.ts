import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

/**
 * A step from a node to one of its children. Sequence items carry their `name` when they have one:
 * kustomize and Helm keep containers, ports, env vars and volumes by name, not by position, so a
 * patch's `containers[name=web]` is the base's `containers[name=web]` wherever it sits.
 */
export type PathStep = string | { index: number; name?: string };
export type YamlPath = PathStep[];

/** Where a path ends in a document: the node (or the key, when the path names a key). */
export interface Located {
  /** Offsets of the node in the document's text. */
  span: [number, number];
  /** How many steps of the path were found: equal to the path's length when all were. */
  depth: number;
}

function resolved(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function nameOf(doc: Document, item: unknown): string | undefined {
  const map = resolved(doc, item);
  if (!isMap(map)) return undefined;
  const name = resolved(doc, map.get('name', true));
  return isScalar(name) && (typeof name.value === 'string' || typeof name.value === 'number') ? String(name.value) : undefined;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

const contains = (node: unknown, offset: number): boolean => {
  const range = (node as Node | null)?.range;
  return !!range && offset >= range[0] && offset < Math.max(range[1], range[0] + 1);
};

/**
 * The path from the document's root to the innermost node that starts at or contains `offset`:
 * what a finding at that offset is about, in terms another document of the same object can answer.
 * A finding on a key gives the path to that key.
 */
export function pathAt(doc: Document, offset: number): YamlPath {
  const path: YamlPath = [];
  let node: unknown = resolved(doc, doc.contents);
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key, offset) || contains(p.value, offset));
      if (!pair) return path;
      const key = keyText(pair);
      if (key === undefined) return path;
      path.push(key);
      if (contains(pair.key, offset)) return path;
      node = resolved(doc, pair.value);
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item, offset));
      if (index < 0) return path;
      const name = nameOf(doc, node.items[index]);
      path.push(name === undefined ? { index } : { index, name });
      node = resolved(doc, node.items[index]);
    } else {
      return path;
    }
  }
}

/** The child of `node` that a step names, and the span to report for it (a key's own span for mappings). */
function step(doc: Document, node: unknown, next: PathStep): { child: unknown; span: [number, number] } | undefined {
  if (isMap(node) && typeof next === 'string') {
    const pair = node.items.find((p) => isPair(p) && keyText(p) === next);
    const range = (pair?.key as Node | undefined)?.range;
    if (!pair || !range) return undefined;
    return { child: resolved(doc, pair.value), span: [range[0], range[1]] };
  }
  if (isSeq(node) && typeof next !== 'string') {
    const items = node.items;
    let index = next.name !== undefined ? items.findIndex((item) => nameOf(doc, item) === next.name) : next.index;
    if (next.name !== undefined && index < 0) return undefined;
    if (index < 0 || index >= items.length) index = -1;
    const item = items[index] as Node | undefined;
    if (!item?.range) return undefined;
    return { child: resolved(doc, item), span: [item.range[0], item.range[1]] };
  }
  return undefined;
}

/** Follows `path` in `doc` as far as it goes. The root is depth 0 (the document's first node). */
export function locate(doc: Document, path: YamlPath): Located | undefined {
  let node: unknown = resolved(doc, doc.contents);
  const root = (node as Node | null)?.range;
  if (!root) return undefined;
  let found: Located = { span: [root[0], root[0]], depth: 0 };
  for (const next of path) {
    const hit = step(doc, node, next);
    if (!hit) break;
    found = { span: hit.span, depth: found.depth + 1 };
    node = hit.child;
  }
  return found;
}

/** The node a complete path names (undefined when any step is missing). */
export function nodeAt(doc: Document, path: YamlPath): unknown {
  let node: unknown = resolved(doc, doc.contents);
  for (const next of path) {
    const hit = step(doc, node, next);
    if (!hit) return undefined;
    node = hit.child;
  }
  return node;
}

/** `spec.template.spec.containers[web].image`: how paths read in messages and tests. */
export function formatPath(path: YamlPath): string {
  return path
    .map((s, i) => (typeof s === 'string' ? `${i === 0 ? '' : '.'}${s}` : `[${s.name ?? s.index}]`))
    .join('');
}

/** True when `prefix` names the same node as the start of `path` (items matched by name when both have one). */
export function isPrefix(prefix: YamlPath, path: YamlPath): boolean {
  if (prefix.length > path.length) return false;
  return prefix.every((s, i) => {
    const t = path[i];
    if (typeof s === 'string' || typeof t === 'string') return s === t;
    return s.name !== undefined && t.name !== undefined ? s.name === t.name : s.index === t.index;
  });
}
