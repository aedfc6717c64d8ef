import { nodeSpan, type NodeReader } from './nodes';
import type { ContainerRef, K8sObject } from './model';
import type { Span } from './types';

/**
 * Where findings point. RULES.md: the smallest node that explains the finding —
 * the container's `name:` entry for something missing in a container, the key
 * for a wrong value, `kind:` for an object-level problem.
 */
export function kindAnchor(object: K8sObject): Span | undefined {
  const pair = object.reader.pair(object.root, 'kind');
  return pair ? nodeSpan(pair) : nodeSpan(object.root);
}

export function containerAnchor(object: K8sObject, container: ContainerRef): Span | undefined {
  const pair = object.reader.pair(container.node, 'name');
  return (pair ? nodeSpan(pair) : undefined) ?? firstLineOf(container.node) ?? kindAnchor(object);
}

/** The `key: value` entry when present, else `fallback`. */
export function fieldAnchor(read: NodeReader, map: unknown, key: string, fallback: Span | undefined): Span | undefined {
  const pair = read.pair(map, key);
  return (pair ? nodeSpan(pair) : undefined) ?? fallback;
}

/** Only the key of an entry: for an entry whose value is a whole block. */
export function keyAnchor(read: NodeReader, map: unknown, key: string, fallback: Span | undefined): Span | undefined {
  const pair = read.pair(map, key);
  return (pair ? nodeSpan(pair.key) : undefined) ?? fallback;
}

function firstLineOf(node: unknown): Span | undefined {
  const span = nodeSpan(node);
  return span ? [span[0], span[0]] : undefined;
}

/**
 * The `spec:` key of the pod spec (a Pod's own `spec:`, a controller's `template.spec:`): where a
 * missing pod-level field (restartPolicy, priorityClassName...) points, the most specific node that
 * exists. Falls back to `kind:` when the object has no pod spec.
 */
export function podSpecKeyAnchor(object: K8sObject): Span | undefined {
  const path = object.podSpec?.path;
  if (!path) return kindAnchor(object);
  const parent = object.reader.get(object.root, ...path.slice(0, -1));
  return keyAnchor(object.reader, parent, path[path.length - 1], kindAnchor(object));
}
