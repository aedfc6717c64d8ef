import type { K8sObject } from '../model';
import { mergeOwn, type Edits } from './own';
import type { Plain } from './yamlEdit';

/**
 * Edits that give the object `metadata.labels` entries: merged into the labels mapping (block or
 * flow), the mapping created under metadata when missing, metadata created when absent. A label
 * inherited through `<<` is overridden by an entry of the object's own labels, not changed at the
 * shared source. Undefined when the labels (or metadata) are an alias: editing the anchor would
 * relabel every object that uses it.
 */
export function labelEdits(object: K8sObject, labels: Record<string, Plain>): Edits | undefined {
  return mergeOwn(object.reader, object.root, { metadata: { labels } });
}
