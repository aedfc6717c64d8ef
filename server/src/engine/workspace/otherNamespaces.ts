import type { LabelSelector } from '../selector';
import type { IndexedResource, WorkspaceIndex } from './index';
import { fileOrder, nameOf, whereIs, workloadsWithPodsSelectedBy } from './queries';

/**
 * Where an object copied into the wrong namespace belongs: the same selector or name, looked up in
 * the other namespaces of the workspace. Rules ask only once they have found nothing at home, so
 * the lookups stay off the common path; each namespace answers from its label or name index.
 *
 * A finding that quotes another namespace depends on that namespace too, which the per-namespace
 * finding cache cannot see: every lookup here tells the index (`noteCrossNamespaceRead`), and the
 * cache then keeps the finding for one index generation only.
 */

/** Workloads outside `namespace` whose pods the selector selects, by namespace name, then file and line. */
export function workloadsSelectedElsewhere(index: WorkspaceIndex, selector: LabelSelector, namespace: string): IndexedResource[] {
  index.noteCrossNamespaceRead();
  const out: IndexedResource[] = [];
  for (const other of index.namespaceNames()) {
    if (other !== namespace) out.push(...workloadsWithPodsSelectedBy(index, selector, other).sort(fileOrder));
  }
  return out;
}

/** Objects of that kind and name outside `namespace` (custom resources too: an HPA may scale a Rollout), by namespace name. */
export function namedElsewhere(index: WorkspaceIndex, kind: string, name: string, namespace: string): IndexedResource[] {
  index.noteCrossNamespaceRead();
  const out: IndexedResource[] = [];
  for (const other of index.namespaceNames()) {
    const found = other !== namespace ? index.find(kind, other, name) : undefined;
    if (found) out.push(found);
  }
  return out;
}

const more = (matches: readonly IndexedResource[]): string => {
  const count = new Set(matches.map((match) => match.namespace)).size - 1;
  return count > 0 ? ` ${count} more ${count === 1 ? 'namespace' : 'namespaces'}` : '';
};

/**
 * The tail of a "selects no pods" message naming where the pods are, or '' when nowhere:
 * `; Deployment "orders" in namespace "shop-prod" (orders.yaml) has these labels, and so do workloads in 2 more namespaces`.
 */
export function selectedElsewhereHint(matches: readonly IndexedResource[], from: IndexedResource, labelsOnly: boolean): string {
  const first = matches[0];
  if (!first) return '';
  const others = more(matches);
  return `; ${nameOf(first)} in namespace "${first.namespace ?? ''}"${whereIs(first, from)} has ${labelsOnly ? 'these' : 'matching'} labels${others ? `, and so do workloads in${others}` : ''}`;
}

/** The tail of a "target not found" message: `; it is in namespace "shop-prod" (orders.yaml)`, and in how many more. */
export function namedElsewhereHint(matches: readonly IndexedResource[], from: IndexedResource): string {
  const first = matches[0];
  if (!first) return '';
  const others = more(matches);
  return `; it is in namespace "${first.namespace ?? ''}"${whereIs(first, from)}${others ? `, and in${others}` : ''}`;
}
