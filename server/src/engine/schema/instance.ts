import { isAlias, isMap, isScalar, isSeq, type Alias, type Node, type Pair, type YAMLMap } from 'yaml';
import type { NodeReader } from '../nodes';

/** Deeper than any real manifest (argo-cd's CRDs nest 35 levels). */
const MAX_DEPTH = 100;
/** Nodes one instance may expand to: aliases of aliases can multiply a small text into billions. */
const MAX_NODES = 200_000;

class TooLarge extends Error {}

/**
 * The plain value the API server receives for a node, as `kubectl apply` sends it: aliases and
 * `<<` merges resolved, and mapping entries whose value is null left out (the API takes an empty
 * `key:` for an unset field). Undefined when aliases expand it past MAX_NODES or MAX_DEPTH, or
 * loop back into themselves: such an object is not validated.
 */
export function instanceOf(reader: NodeReader, node: unknown): unknown {
  const budget: Budget = { left: MAX_NODES, aliases: new Map() };
  try {
    return plain(reader, node, 0, budget, new Set());
  } catch (error) {
    if (error instanceof TooLarge) return undefined;
    throw error;
  }
}

interface Budget {
  left: number;
  /** Each alias resolved once: the parser's resolve() searches the whole document for its anchor. */
  aliases: Map<Alias, Node | undefined>;
}

function plain(reader: NodeReader, node: unknown, depth: number, budget: Budget, ancestors: Set<unknown>): unknown {
  let resolved: Node | undefined;
  if (isAlias(node)) {
    resolved = budget.aliases.get(node);
    if (resolved === undefined && !budget.aliases.has(node)) budget.aliases.set(node, (resolved = reader.resolve(node)));
  } else {
    resolved = reader.resolve(node);
  }
  if (--budget.left < 0 || depth > MAX_DEPTH || ancestors.has(resolved)) throw new TooLarge();
  if (isScalar(resolved)) {
    const value = resolved.value;
    // YAML 1.1 timestamps and binaries (`%YAML 1.1`): kubectl's decoder keeps such a value as its text.
    return value !== null && typeof value === 'object' ? String(resolved.source ?? value) : value;
  }
  if (!isSeq(resolved) && !isMap(resolved)) return undefined;
  ancestors.add(resolved);
  let out: unknown;
  if (isSeq(resolved)) {
    out = resolved.items.map((item) => plain(reader, item, depth + 1, budget, ancestors) ?? null);
  } else {
    // No prototype: a `__proto__` key is data here, not a prototype to set.
    const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    let merges: unknown[] | undefined;
    for (const item of resolved.items) {
      const key = isScalar(item.key) ? item.key.value : undefined;
      if (key === undefined || key === null) continue;
      if (key === '<<' || (typeof key === 'symbol' && key.description === '<<')) {
        (merges ??= []).push(item.value);
        continue;
      }
      const child = plain(reader, item.value, depth + 1, budget, ancestors);
      if (child !== null && child !== undefined) object[String(key)] = child;
    }
    // `<<` as YAML 1.1 (and kubectl) has it: own keys win, then earlier merged mappings over later ones.
    // Expanded through plain() itself, so a merge of merges spends the same budget as aliases do.
    for (const merge of merges ?? []) {
      const sources = plain(reader, merge, depth + 1, budget, ancestors);
      for (const source of Array.isArray(sources) ? sources : [sources]) {
        if (!source || typeof source !== 'object' || Array.isArray(source)) continue;
        for (const [key, value] of Object.entries(source)) if (!(key in object)) object[key] = value;
      }
    }
    out = object;
  }
  ancestors.delete(resolved);
  return out;
}

export interface Located {
  node: Node | undefined;
  /** The entry whose value `node` is (undefined for the root and sequence items). */
  pair: Pair<unknown, unknown> | undefined;
  /** The mapping holding that entry. */
  parent: YAMLMap | undefined;
}

/** The node a JSON pointer (ajv's instancePath) names, walked as instanceOf read it. */
export function locate(reader: NodeReader, root: unknown, pointer: string): Located {
  const found: Located = { node: reader.resolve(root), pair: undefined, parent: undefined };
  if (pointer === '') return found;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const current = found.node;
    if (isMap(current)) {
      const pair = reader.pair(current, segment);
      if (!pair) return found;
      found.parent = current;
      found.pair = pair;
      found.node = reader.resolve(pair.value);
    } else if (isSeq(current)) {
      found.parent = undefined;
      found.pair = undefined;
      found.node = reader.resolve(current.items[Number(segment)]);
    } else {
      return found;
    }
  }
  return found;
}
