import { keyAnchor, kindAnchor } from './anchors';
import type { K8sObject } from './model';
import type { Span } from './types';

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
