import { formatSelector, isEmptySelector, matches, type LabelSelector } from '../selector';
import type { SpreadTerm } from './facts';
import type { IndexedResource } from './index';
import { selectsPodsOf } from './queries';

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export interface SpreadVerdict {
  /** Some term selects the workload's own pods, so the scheduler keeps them apart. */
  spreads: boolean;
  /** Why each term that does not select them spreads nothing, for the message. */
  misses: string[];
}

/**
 * Whether the workload's podAntiAffinity terms and topologySpreadConstraints keep its replicas
 * apart. A term only counts the pods its labelSelector selects: one copied from another workload
 * (app=db in the web Deployment) keeps web's pods away from db's, not from each other. What we
 * cannot evaluate counts as spreading: the rule then stays silent rather than guess.
 */
export function spreadVerdict(workload: IndexedResource): SpreadVerdict {
  const misses: string[] = [];
  for (const term of workload.facts.workload?.spreadTerms ?? []) {
    const miss = missOf(term, workload);
    if (miss === undefined) return { spreads: true, misses: [] };
    if (!misses.includes(miss)) misses.push(miss);
  }
  return { spreads: false, misses };
}

/** Why the term does not select the workload's own pods, or undefined when it does (or may). */
function missOf(term: SpreadTerm, workload: IndexedResource): string | undefined {
  const { field, selector } = term;
  // The scheduler reads a missing labelSelector as "no pods" (LabelSelectorAsSelector(nil) is Nothing).
  if (selector === 'absent') return `${field === 'podAntiAffinity' ? 'a podAntiAffinity term' : 'a topologySpreadConstraint'} has no labelSelector, so it counts no pods`;
  if (selector !== 'unreadable' && !selectsPodsOf(selector, workload)) return `${field === 'podAntiAffinity' ? 'podAntiAffinity' : 'a topologySpreadConstraint'} selects ${formatSelector(selector)}, not its pods`;
  const namespace = workload.facts.namespace;
  if (field === 'podAntiAffinity' && namespace !== undefined && !looksIn(term, namespace)) {
    const where = [
      ...(term.namespaces.length > 0 ? [`namespace${term.namespaces.length > 1 ? 's' : ''} ${term.namespaces.map((n) => `"${n}"`).join(', ')}`] : []),
      ...(typeof term.namespaceSelector === 'object' ? [`namespaces ${formatSelector(term.namespaceSelector)}`] : []),
    ];
    return `podAntiAffinity looks for pods in ${where.join(' and ')}, not in "${namespace}"`;
  }
  // The scheduler adds `key notin (this pod's value)`: a label all the replicas share excludes them all.
  const shared = term.mismatchLabelKeys.find((key) => Object.prototype.hasOwnProperty.call(workload.facts.workload?.podLabels ?? {}, key));
  if (shared !== undefined) return `podAntiAffinity excludes its own pods (mismatchLabelKeys: ${shared})`;
  return undefined;
}

/**
 * Whether a podAntiAffinity term looks for pods in the namespace (written in the workload: an
 * unwritten one is chosen at apply time, and may be any). Neither `namespaces` nor
 * `namespaceSelector`: the pod's own namespace; otherwise their union, with `{}` selecting every
 * namespace. A namespaceSelector on labels other than the namespace's name may match it.
 */
function looksIn(term: SpreadTerm, namespace: string): boolean {
  const { namespaces, namespaceSelector } = term;
  if (namespaces.includes(namespace)) return true;
  if (namespaceSelector === undefined) return namespaces.length === 0;
  if (namespaceSelector === 'unreadable' || isEmptySelector(namespaceSelector)) return true;
  return !namesOnly(namespaceSelector) || matches(namespaceSelector, { [NAMESPACE_NAME_LABEL]: namespace });
}

function namesOnly(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).every((key) => key === NAMESPACE_NAME_LABEL) && selector.matchExpressions.every((r) => r.key === NAMESPACE_NAME_LABEL);
}
