import { isClusterScoped } from '../kinds';
import type { LabelSelector } from '../selector';
import { shiftRange, type Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import type { LabelSite, ObjectReference } from '../workspace/links';
import type { ResourceFacts } from '../workspace/facts';
import { fileOrder, pdbSelects, selectsPodsOf, workloadsWithPodsSelectedBy } from '../workspace/queries';

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

/** A range of an object's document in file coordinates. */
export const inFile = (resource: IndexedResource, range: Range): Target => ({ uri: resource.uri, range: shiftRange(range, resource.startLine) });

/** By file, then position. */
export const byPlace = (a: Target, b: Target): number =>
  (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

/** In place order, each place once (YAML aliases can make one text several fields; several builds one line). */
export function placesOnce<T extends Target>(targets: readonly T[]): T[] {
  const seen = new Set<string>();
  return [...targets].sort(byPlace).filter((t) => {
    const key = `${t.uri}\u0000${t.range.start.line}\u0000${t.range.start.character}\u0000${t.range.end.line}\u0000${t.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The selector key (`selector:`, `podSelector:`) of a Service, PDB or NetworkPolicy. */
export const selectorKeyOf = (facts: ResourceFacts): Range | undefined => facts.service?.selectorAt ?? facts.pdb?.selectorAt ?? facts.networkPolicy?.podSelectorAt;

const SELECTING_KINDS = ['Service', 'PodDisruptionBudget', 'NetworkPolicy'];

function selectorOfObject(resource: IndexedResource): LabelSelector | undefined {
  const { facts } = resource;
  if (facts.service) return facts.service.selector ? { matchLabels: facts.service.selector, matchExpressions: [] } : undefined;
  if (facts.pdb) return facts.pdb.selector;
  if (facts.networkPolicy) return facts.networkPolicy.podSelector;
  return facts.workload?.selector;
}

/** Whether a Service, PDB or NetworkPolicy (by its podSelector) selects the workload's pods; a PDB as the disruption controller decides. */
function selects(selecting: IndexedResource, workload: IndexedResource): boolean {
  if (selecting.facts.pdb) return pdbSelects(selecting, workload);
  const selector = selectorOfObject(selecting);
  return selecting.facts.builtin && selector !== undefined && selectsPodsOf(selector, workload);
}

/** The Services, PodDisruptionBudgets and NetworkPolicies of its namespace whose selectors select the workload's pods. */
export function selectorsOf(index: WorkspaceIndex, workload: IndexedResource): Selection[] {
  const namespace = workload.namespace;
  if (namespace === undefined || !workload.facts.workload) return [];
  const out: Selection[] = [];
  for (const kind of SELECTING_KINDS) {
    for (const selecting of index.ofKind(kind, namespace).sort(fileOrder)) {
      const key = selectorKeyOf(selecting.facts);
      if (key && selects(selecting, workload)) out.push({ resource: selecting, at: inFile(selecting, key) });
    }
  }
  return out;
}

/** The workloads whose pods a selecting object (Service, PDB, NetworkPolicy, a workload) selects. */
export function selectedWorkloads(index: WorkspaceIndex, selecting: IndexedResource): IndexedResource[] {
  const namespace = selecting.namespace;
  const selector = selectorOfObject(selecting);
  if (namespace === undefined || !selector) return [];
  // The label index narrows the candidates; a PDB's selection is pdbSelects' (empty selectors differ by API version).
  const found = workloadsWithPodsSelectedBy(index, selector, namespace);
  return (selecting.facts.pdb ? found.filter((workload) => pdbSelects(selecting, workload)) : found).sort(fileOrder);
}

/** Where a workload's pods' labels are: its template's `labels:` key (else its `kind:`). */
export function podLabelsTarget(workload: IndexedResource): Target {
  return inFile(workload, workload.facts.workload?.podLabelsAt ?? workload.facts.kindAt);
}

/** An object's own place: its name, else its `kind:`. */
export function objectTarget(resource: IndexedResource): Target {
  return inFile(resource, resource.facts.nameAt ?? resource.facts.kindAt);
}

