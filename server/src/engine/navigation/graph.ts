import { isClusterScoped } from '../kinds';
import { isEmptySelector, type LabelSelector } from '../selector';
import { shiftRange, type Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import type { LabelSite, ObjectReference } from '../workspace/links';
import { fileOrder, hpasTargeting, pdbSelects, selectsPodsOf, workloadsWithPodsSelectedBy } from '../workspace/queries';

/** A place in a file of the workspace (file coordinates). */
export interface Target {
  uri: string;
  range: Range;
}

export interface Referrer {
  resource: IndexedResource;
  reference: ObjectReference;
}

export interface LabelUse {
  resource: IndexedResource;
  site: LabelSite;
}

/**
 * Who names whom and who carries which label, over the whole index: built on the first question
 * after a change (one pass over the objects, a few milliseconds for 5,000 files) and answered from
 * maps until the next change.
 */
interface Graph {
  generation: number;
  referrers: Map<string, Referrer[]>;
  labels: Map<string, LabelUse[]>;
  /** NetworkPolicy peers that select pods of other namespaces too, by `key=value` alone. */
  crossNamespaceLabels: Map<string, LabelUse[]>;
}
const graphs = new WeakMap<WorkspaceIndex, Graph>();

const objectKey = (namespace: string | undefined, kind: string, name: string): string => `${namespace ?? ''}\u0000${kind}\u0000${name}`;
const labelKey = (namespace: string | undefined, key: string, value: string): string => `${namespace ?? ''}\u0000${key}\u0000${value}`;

/** The namespace a reference's target lives in: the one it names, else the referrer's own; none for a cluster-scoped kind. */
export const targetNamespace = (referrer: IndexedResource, reference: Pick<ObjectReference, 'kind' | 'namespace'>): string | undefined =>
  isClusterScoped(reference.kind) ? undefined : reference.namespace ?? referrer.namespace;

function graphOf(index: WorkspaceIndex): Graph {
  let graph = graphs.get(index);
  if (graph?.generation === index.generation) return graph;
  graph = { generation: index.generation, referrers: new Map(), labels: new Map(), crossNamespaceLabels: new Map() };
  for (const resource of index.resources()) {
    for (const reference of resource.facts.references ?? []) {
      const key = objectKey(targetNamespace(resource, reference), reference.kind, reference.name);
      const list = graph.referrers.get(key);
      if (list) list.push({ resource, reference });
      else graph.referrers.set(key, [{ resource, reference }]);
    }
    for (const site of resource.facts.labelSites ?? []) {
      const [map, key] = site.crossNamespace ? [graph.crossNamespaceLabels, labelKey(undefined, site.key, site.value)] : [graph.labels, labelKey(resource.namespace, site.key, site.value)];
      const list = map.get(key);
      if (list) list.push({ resource, site });
      else map.set(key, [{ resource, site }]);
    }
  }
  graphs.set(index, graph);
  return graph;
}

/** The objects a reference names: of its kind and name, in the referrer's namespace (cluster-wide for cluster-scoped kinds). */
export function referenced(index: WorkspaceIndex, from: IndexedResource, reference: Pick<ObjectReference, 'kind' | 'name' | 'namespace'>): IndexedResource[] {
  return index.ofKind(reference.kind, targetNamespace(from, reference)).filter((resource) => resource.facts.name === reference.name).sort(fileOrder);
}

/** The fields of the workspace that name this object, by file and line. */
export function referrersOf(index: WorkspaceIndex, target: IndexedResource): Referrer[] {
  const { kind, name } = target.facts;
  return name === undefined ? [] : referrersNamed(index, target.namespace, kind, name);
}

/** The fields of the workspace that name an object of that kind and name in that namespace (undefined: cluster-scoped), whether or not it exists. */
export function referrersNamed(index: WorkspaceIndex, namespace: string | undefined, kind: string, name: string): Referrer[] {
  return [...(graphOf(index).referrers.get(objectKey(namespace, kind, name)) ?? [])].sort((a, b) => fileOrder(a.resource, b.resource));
}

/** Every pod label and selector entry `key: value` of the namespace. */
export function labelUses(index: WorkspaceIndex, namespace: string | undefined, key: string, value: string): LabelUse[] {
  return [...(graphOf(index).labels.get(labelKey(namespace, key, value)) ?? [])].sort((a, b) => fileOrder(a.resource, b.resource));
}

/** NetworkPolicy peers (of any namespace) whose podSelector, beside a namespaceSelector, asks for `key: value`. */
export function crossNamespaceLabelUses(index: WorkspaceIndex, key: string, value: string): LabelUse[] {
  return [...(graphOf(index).crossNamespaceLabels.get(labelKey(undefined, key, value)) ?? [])].sort((a, b) => fileOrder(a.resource, b.resource));
}

/** How one object selects a workload's pods: a Service, a PDB, a NetworkPolicy (by its podSelector). */
export interface Selection {
  resource: IndexedResource;
  /** Its selector's key (`selector:`, `podSelector:`), in file coordinates. */
  at: Target;
}

const within = (resource: IndexedResource, range: Range): Target => ({ uri: resource.uri, range: shiftRange(range, resource.startLine) });

/** The Services, PodDisruptionBudgets and NetworkPolicies of its namespace whose selectors select the workload's pods. */
export function selectorsOf(index: WorkspaceIndex, workload: IndexedResource): Selection[] {
  const namespace = workload.namespace;
  if (namespace === undefined || !workload.facts.workload) return [];
  const out: Selection[] = [];
  for (const service of index.ofKind('Service', namespace).sort(fileOrder)) {
    const facts = service.facts.service;
    if (facts?.selector && selectsPodsOf({ matchLabels: facts.selector, matchExpressions: [] }, workload)) out.push({ resource: service, at: within(service, facts.selectorAt) });
  }
  for (const pdb of index.ofKind('PodDisruptionBudget', namespace).sort(fileOrder)) {
    if (pdbSelects(pdb, workload)) out.push({ resource: pdb, at: within(pdb, pdb.facts.pdb!.selectorAt) });
  }
  for (const policy of index.ofKind('NetworkPolicy', namespace).sort(fileOrder)) {
    const facts = policy.facts.networkPolicy;
    if (policy.facts.builtin && facts?.podSelector && selectsPodsOf(facts.podSelector, workload)) out.push({ resource: policy, at: within(policy, facts.podSelectorAt) });
  }
  return out;
}

/** The HorizontalPodAutoscalers that scale the workload, at their scaleTargetRef's name. */
export function scalersOf(index: WorkspaceIndex, workload: IndexedResource): Selection[] {
  return hpasTargeting(index, workload).map((hpa) => ({ resource: hpa, at: within(hpa, hpa.facts.hpa!.target!.at) }));
}

/** The workloads whose pods a selecting object (Service, PDB, NetworkPolicy, a workload) selects. */
export function selectedWorkloads(index: WorkspaceIndex, selecting: IndexedResource): IndexedResource[] {
  const namespace = selecting.namespace;
  const selector = selectorOfObject(selecting);
  if (namespace === undefined || !selector) return [];
  // policy/v1beta1 read an empty PDB selector as no pods.
  if (selecting.facts.pdb && isEmptySelector(selector) && selecting.facts.apiVersion !== 'policy/v1') return [];
  return workloadsWithPodsSelectedBy(index, selector, namespace).sort(fileOrder);
}

export function selectorOfObject(resource: IndexedResource): LabelSelector | undefined {
  const { facts } = resource;
  if (facts.service) return facts.service.selector ? { matchLabels: facts.service.selector, matchExpressions: [] } : undefined;
  if (facts.pdb) return facts.pdb.selector;
  if (facts.networkPolicy) return facts.networkPolicy.podSelector;
  return facts.workload?.selector;
}

/** Where a workload's pods' labels are: its template's `labels:` key (else its `kind:`). */
export function podLabelsTarget(workload: IndexedResource): Target {
  return within(workload, workload.facts.workload?.podLabelsAt ?? workload.facts.kindAt);
}

/** An object's own place: its name, else its `kind:`. */
export function objectTarget(resource: IndexedResource): Target {
  return within(resource, resource.facts.nameAt ?? resource.facts.kindAt);
}

export { within as inFile };
