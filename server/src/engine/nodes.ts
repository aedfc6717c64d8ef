import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from './types';

/** `<<` keys: a symbol when the parser resolves merges, the plain string otherwise. */
function isMergeKey(key: unknown): boolean {
  return key === '<<' || (typeof key === 'symbol' && key.description === '<<');
}

/**
 * Read access to the YAML AST that sees through anchors, aliases and `<<` merge
 * keys, so rules read `a.b.c` without caring how the author spelled it.
 */
export class NodeReader {
  constructor(private readonly doc: Document.Parsed) {}

  resolve(node: unknown): Node | undefined {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 32; hops++) current = current.resolve(this.doc);
    return current as Node | undefined;
  }

  /** The pair holding `key` in a mapping, looking into merged mappings last, as YAML 1.1 does. */
  pair(map: unknown, key: string): Pair<unknown, unknown> | undefined {
    return this.pairIn(map, key, undefined);
  }

  /** `visited`: the mappings whose merges are being followed; a merge back into one of them (`&m {<<: *m}`) adds nothing. */
  private pairIn(map: unknown, key: string, visited: Set<YAMLMap> | undefined): Pair<unknown, unknown> | undefined {
    const resolved = this.resolve(map);
    if (!isMap(resolved)) return undefined;
    let merged: unknown;
    for (const item of resolved.items) {
      const k = isScalar(item.key) ? item.key.value : item.key;
      if (k === key) return item;
      if (isMergeKey(k)) merged = item.value;
    }
    if (merged === undefined) return undefined;
    const seen = visited ?? new Set<YAMLMap>();
    seen.add(resolved);
    const sources = this.resolve(merged);
    for (const source of isSeq(sources) ? sources.items : [sources]) {
      const next = this.resolve(source);
      if (!isMap(next) || seen.has(next)) continue;
      const found = this.pairIn(next, key, seen);
      if (found) return found;
    }
    return undefined;
  }

  get(node: unknown, ...path: string[]): Node | undefined {
    return this.at(node, path);
  }

  // The typed readers below share this one walk instead of re-spreading their paths into get():
  // rules call them hundreds of thousands of times on a large file.
  private at(node: unknown, path: readonly string[]): Node | undefined {
    let current: Node | undefined = this.resolve(node);
    for (let i = 0; i < path.length; i++) {
      const pair = this.pair(current, path[i]);
      if (!pair) return undefined;
      current = this.resolve(pair.value);
    }
    return current;
  }

  private scalarAt(node: unknown, path: readonly string[]): unknown {
    const found = this.at(node, path);
    return isScalar(found) ? found.value : undefined;
  }

  map(node: unknown, ...path: string[]): YAMLMap | undefined {
    const found = this.at(node, path);
    return isMap(found) ? found : undefined;
  }

  seq(node: unknown, ...path: string[]): YAMLSeq | undefined {
    const found = this.at(node, path);
    return isSeq(found) ? found : undefined;
  }

  /** Items of a sequence, aliases resolved. */
  items(node: unknown, ...path: string[]): Node[] {
    const seq = this.at(node, path);
    if (!isSeq(seq)) return [];
    const out: Node[] = [];
    for (const item of seq.items) {
      const resolved = this.resolve(item);
      if (resolved) out.push(resolved);
    }
    return out;
  }

  /** Items of a sequence that are mappings (containers, ports, env vars...). */
  maps(node: unknown, ...path: string[]): YAMLMap[] {
    return this.items(node, ...path).filter(isMap);
  }

  scalar(node: unknown, ...path: string[]): unknown {
    return this.scalarAt(node, path);
  }

  string(node: unknown, ...path: string[]): string | undefined {
    const value = this.scalarAt(node, path);
    return typeof value === 'string' ? value : undefined;
  }

  /** A scalar as text whatever its type: `port: 8080` and `port: "8080"` read alike. */
  text(node: unknown, ...path: string[]): string | undefined {
    const value = this.scalarAt(node, path);
    return value === null || value === undefined ? undefined : String(value);
  }

  number(node: unknown, ...path: string[]): number | undefined {
    const value = this.scalarAt(node, path);
    return typeof value === 'number' ? value : undefined;
  }

  boolean(node: unknown, ...path: string[]): boolean | undefined {
    const value = this.scalarAt(node, path);
    return typeof value === 'boolean' ? value : undefined;
  }

  has(node: unknown, ...path: string[]): boolean {
    const parent = path.length > 1 ? this.get(node, ...path.slice(0, -1)) : this.resolve(node);
    return this.pair(parent, path[path.length - 1]) !== undefined;
  }

  /** A mapping's entries as [key, resolved value] pairs, merge keys expanded. */
  entries(node: unknown): Array<[string, Node | undefined, Pair<unknown, unknown>]> {
    return this.entriesOf(node, undefined);
  }

  private entriesOf(node: unknown, visited: Set<YAMLMap> | undefined): Array<[string, Node | undefined, Pair<unknown, unknown>]> {
    const map = this.resolve(node);
    if (!isMap(map) || visited?.has(map)) return [];
    const out: Array<[string, Node | undefined, Pair<unknown, unknown>]> = [];
    let merges: unknown[] | undefined;
    for (const item of map.items) {
      const key = isScalar(item.key) ? item.key.value : undefined;
      if (isMergeKey(key)) {
        (merges ??= []).push(item.value);
        continue;
      }
      if (key === undefined || key === null || typeof key === 'symbol') continue;
      out.push([String(key), this.resolve(item.value), item]);
    }
    if (!merges) return out;
    // Own keys win over merged ones, and earlier merges over later ones.
    const seen = new Set(out.map((entry) => entry[0]));
    const following = visited ?? new Set<YAMLMap>();
    following.add(map);
    for (const merge of merges) {
      const sources = this.resolve(merge);
      for (const source of isSeq(sources) ? sources.items : [sources]) {
        for (const entry of this.entriesOf(source, following)) {
          if (!seen.has(entry[0])) {
            seen.add(entry[0]);
            out.push(entry);
          }
        }
      }
    }
    return out;
  }

  /** A mapping of plain string values (labels, annotations, matchLabels). */
  stringMap(node: unknown, ...path: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of this.entries(this.at(node, path))) {
      if (isScalar(value) && value.value !== null && value.value !== undefined) out[key] = String(value.value);
    }
    return out;
  }
}

/** Source span of a node: from its first character to the end of its value (trailing comments excluded). */
export function nodeSpan(node: unknown): Span | undefined {
  if (isPair(node)) {
    const keySpan = nodeSpan(node.key);
    const valueSpan = nodeSpan(node.value);
    if (keySpan && valueSpan) return [keySpan[0], valueSpan[1]];
    return keySpan ?? valueSpan;
  }
  const range = (node as Node | undefined)?.range;
  if (!range) return undefined;
  return [range[0], range[1]];
}

/** The span of `key` itself inside a mapping (not its value): where a wrong field is pointed at. */
export function keySpan(reader: NodeReader, map: unknown, key: string): Span | undefined {
  const pair = reader.pair(map, key);
  return pair ? nodeSpan(pair.key) : undefined;
}

/** The span of a `key: value` entry, the usual anchor for "this field is wrong". */
export function pairSpan(reader: NodeReader, map: unknown, key: string): Span | undefined {
  const pair = reader.pair(map, key);
  return pair ? nodeSpan(pair) : undefined;
}
