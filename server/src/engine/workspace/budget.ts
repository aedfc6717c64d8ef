import { isEmptySelector } from '../selector';
import type { IndexedResource, WorkspaceIndex } from './index';
import { hpasTargeting, minimumReplicas, nameOf, pdbSelects, whereIs, workloadsWithPodsSelectedBy } from './queries';

/**
 * PodDisruptionBudget arithmetic as the disruption controller does it
 * (https://kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages):
 * a percentage scales by the expected pod count and rounds up, for minAvailable and maxUnavailable alike.
 */

/** `"25%"` -> 25; undefined for an integer or anything that is not a whole percentage. */
export function percentOf(value: number | string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+)%$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

/** Pods that must stay healthy out of `expected` for a minAvailable value; undefined when the value is neither an integer nor a percentage. */
export function requiredHealthy(minAvailable: number | string, expected: number): number | undefined {
  if (typeof minAvailable === 'number') return minAvailable;
  const percent = percentOf(minAvailable);
  return percent === undefined ? undefined : Math.ceil((percent * expected) / 100);
}

export interface SelectedWorkload {
  resource: IndexedResource;
  /** Pods it keeps at its lowest: replicas (default 1), or its HPA's minReplicas. */
  replicas: number;
  /** The HPAs that scale it; the count above then moves with load. */
  hpas: IndexedResource[];
}

/** Kinds whose pod count the manifests state; a DaemonSet's depends on the nodes, a Job's ends at completion. */
const COUNTABLE_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout', 'Pod']);

/**
 * The workloads a PDB selects in the workspace, and whether their pods can be counted:
 * `countable` is false when one of them has no fixed pod count, so sums over them mean nothing.
 */
export function selectedWorkloads(index: WorkspaceIndex, pdb: IndexedResource): { workloads: SelectedWorkload[]; countable: boolean } {
  const selector = pdb.facts.pdb?.selector;
  if (pdb.namespace === undefined || !selector) return { workloads: [], countable: false };
  const workloads: SelectedWorkload[] = [];
  let countable = true;
  // The label index narrows the candidates (controller-added labels included); pdbSelects still decides (empty selectors differ by API version).
  const candidates = isEmptySelector(selector) ? index.workloads(pdb.namespace) : workloadsWithPodsSelectedBy(index, selector, pdb.namespace);
  for (const resource of candidates) {
    if (!pdbSelects(pdb, resource)) continue;
    if (!COUNTABLE_KINDS.has(resource.facts.kind)) countable = false;
    workloads.push({ resource, replicas: minimumReplicas(index, resource), hpas: hpasTargeting(index, resource) });
  }
  workloads.sort((a, b) => nameOf(a.resource).localeCompare(nameOf(b.resource)));
  return { workloads, countable };
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `Deployment "api" with 3 replicas and StatefulSet "db" (db.yaml) with at least 2 replicas (5 in all)`. */
export function describeSelection(selected: readonly SelectedWorkload[], from: IndexedResource): string {
  const parts = selected.map(({ resource, replicas, hpas }) => {
    const name = `${nameOf(resource)}${whereIs(resource, from)}`;
    if (!COUNTABLE_KINDS.has(resource.facts.kind)) return name;
    return `${name} with ${hpas.length > 0 ? 'at least ' : ''}${plural(replicas, 'replica')}`;
  });
  // A namespace-wide budget may select dozens: the message names a few and counts the rest.
  const shown = parts.length > 4 ? [...parts.slice(0, 3), `${parts.length - 3} more`] : parts;
  const text = shown.length <= 2 ? shown.join(' and ') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  if (selected.length < 2 || selected.some((s) => !COUNTABLE_KINDS.has(s.resource.facts.kind))) return text;
  return `${text} (${selected.reduce((sum, s) => sum + s.replicas, 0)} in all)`;
}
