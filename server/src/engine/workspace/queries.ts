import { referenceReaches } from '../kinds';
import { isEmptySelector, matches, type LabelSelector, type SelectorRequirement } from '../selector';
import type { IndexedResource, WorkspaceIndex } from './index';

/** Kinds whose pods a PodDisruptionBudget protects and whose replica count matters. */
export const REPLICATED_WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'] as const;

/** Whether a PDB's selector selects the pods of a workload, as the disruption controller decides. */
export function pdbSelects(pdb: IndexedResource, workload: IndexedResource): boolean {
  const selector = pdb.facts.pdb?.selector;
  const labels = workload.facts.workload?.podLabels;
  if (!selector || !labels || pdb.namespace !== workload.namespace) return false;
  // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod in the namespace".
  if (isEmptySelector(selector)) return pdb.facts.apiVersion === 'policy/v1';
  // Controller-added labels (a StatefulSet pod's name, a Deployment's pod-template-hash) count too.
  return selectsPodsOf(selector, workload);
}

export function pdbsSelecting(index: WorkspaceIndex, workload: IndexedResource): IndexedResource[] {
  if (workload.namespace === undefined) return [];
  return index.ofKind('PodDisruptionBudget', workload.namespace).filter((pdb) => pdbSelects(pdb, workload));
}

/** HorizontalPodAutoscalers whose scaleTargetRef names this workload. */
export function hpasTargeting(index: WorkspaceIndex, workload: IndexedResource): IndexedResource[] {
  if (workload.namespace === undefined) return [];
  const { apiVersion, kind, name } = workload.facts;
  return index.ofKind('HorizontalPodAutoscaler', workload.namespace).filter((hpa) => {
    const target = hpa.facts.hpa?.target;
    return target?.kind === kind && target.name === name && referenceReaches(target.apiVersion, apiVersion, kind);
  });
}

/**
 * The fewest pods the workload runs: its replicas (default 1), or, under an HPA, the HPA's
 * minReplicas (default 1) — the HPA overrides `replicas` as soon as it acts.
 */
export function minimumReplicas(index: WorkspaceIndex, workload: IndexedResource): number {
  const hpas = hpasTargeting(index, workload);
  if (hpas.length > 0) return Math.max(...hpas.map((hpa) => hpa.facts.hpa?.minReplicas?.value ?? 1));
  return workload.facts.workload?.replicas?.value ?? 1;
}

/** `Deployment "api"`: how messages name the other side of a relation. */
export function nameOf(resource: IndexedResource): string {
  return `${resource.facts.kind} "${resource.facts.name ?? '(unnamed)'}"`;
}

/** Where the other side lives, for messages that name an object of another file. */
export function whereIs(resource: IndexedResource, from: IndexedResource): string {
  // A build's objects (kube-prod-build:N) have no file of their own to name.
  if (resource.uri === from.uri || resource.uri.startsWith('kube-prod-build:')) return '';
  const file = resource.uri.slice(resource.uri.lastIndexOf('/') + 1);
  return ` (${file})`;
}

// Namespace-level questions (networking and resources rules, the checklist). Answers are cached
// per index generation: the rules ask them once per object, the index changes far less often.
interface NamespaceCache {
  generation: number;
  custom: Set<string> | undefined;
  anchors: Map<string, IndexedResource | undefined>;
  coverage: Map<string, PolicyCoverage>;
  cni: Map<string, boolean>;
  byName: Map<string, Map<string, IndexedResource>>;
}
const namespaceCaches = new WeakMap<WorkspaceIndex, NamespaceCache>();

function namespaceCache(index: WorkspaceIndex): NamespaceCache {
  let cache = namespaceCaches.get(index);
  if (!cache || cache.generation !== index.generation) namespaceCaches.set(index, (cache = { generation: index.generation, custom: undefined, anchors: new Map(), coverage: new Map(), byName: new Map(), cni: new Map() }));
  return cache;
}

/** Client-side tool configs that look like API objects (kustomization.yaml, skaffold.yaml, kpt and KRM functions): nothing runs them in a cluster. */
function isToolConfig(apiVersion: string): boolean {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : apiVersion;
  return apiVersion === 'builtin' || group === 'skaffold' || group === 'kustomize.config.k8s.io' || group === 'kpt.dev' || group === 'config.kubernetes.io';
}

/**
 * Whether the namespace holds a custom resource (a Prometheus, an Alertmanager...) or a Rollout with workloadRef.
 * Operators turn those into pods, Services and the like that the workspace never shows, so a
 * rule saying "selects no pods" must stay silent in such a namespace.
 */
export function namespaceHasCustomResources(index: WorkspaceIndex, namespace: string): boolean {
  const cache = namespaceCache(index);
  if (!cache.custom) {
    cache.custom = new Set();
    for (const resource of index.resources()) {
      const { facts } = resource;
      // The API server requires a name: a nameless document is a patch or a tool's config file.
      // A Rollout without a template of its own (workloadRef) runs pods whose Deployment may live elsewhere: as opaque as an operator's.
      const opaque = !facts.builtin || (facts.kind === 'Rollout' && facts.workload === undefined);
      if (!opaque || resource.namespace === undefined || facts.name === undefined || isToolConfig(facts.apiVersion)) continue;
      cache.custom.add(resource.namespace);
    }
  }
  return cache.custom.has(namespace);
}

/** By file, then line: the order findings and messages name objects in. */
export const fileOrder = (a: IndexedResource, b: IndexedResource): number =>
  (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.startLine + a.facts.kindAt.start.line - (b.startLine + b.facts.kindAt.start.line);

/**
 * The object a namespace-level finding ("namespace X lacks a default-deny policy") is placed on,
 * so that it appears once: the Namespace object when the workspace has one, else the namespace's
 * first workload by file and line. Undefined when the namespace has no workloads.
 */
export function namespaceFindingAnchor(index: WorkspaceIndex, namespace: string): IndexedResource | undefined {
  const cache = namespaceCache(index);
  if (cache.anchors.has(namespace)) return cache.anchors.get(namespace);
  const workloads = index.workloads(namespace);
  let anchor: IndexedResource | undefined;
  if (workloads.length > 0) {
    const declared = index.ofKind('Namespace', undefined).filter((ns) => ns.facts.builtin && ns.facts.name === namespace);
    anchor = (declared.length > 0 ? declared : workloads).sort(fileOrder)[0];
  }
  cache.anchors.set(namespace, anchor);
  return anchor;
}

/** Whether the workspace shows any workload of the namespace (cached: index.workloads copies them). */
export function namespaceHasWorkloads(index: WorkspaceIndex, namespace: string): boolean {
  return namespaceFindingAnchor(index, namespace) !== undefined;
}

/** The namespace an object speaks for in namespace-level rules: a Namespace object's name, else its own namespace. */
export function namespaceSpokenFor(resource: IndexedResource): string | undefined {
  return resource.facts.kind === 'Namespace' ? resource.facts.name : resource.namespace;
}

/** Namespaced policy kinds of CNI plugins (Calico's projectcalico.org NetworkPolicy is a custom resource of kind NetworkPolicy). */
const CNI_POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy'];
/** Cluster-wide policy kinds (Calico, Cilium, the AdminNetworkPolicy API): they may deny by default for every namespace. */
const CLUSTER_POLICY_KINDS = ['GlobalNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'AdminNetworkPolicy', 'BaselineAdminNetworkPolicy', 'ClusterNetworkPolicy'];

/**
 * Whether policies we cannot evaluate apply to the namespace: a CNI plugin's own policy in it, or a
 * cluster-wide policy anywhere in the workspace. Rules about missing NetworkPolicies then say nothing.
 */
export function hasCniNetworkPolicies(index: WorkspaceIndex, namespace: string): boolean {
  // Memoised or not, the answer depends on the cluster-wide kinds in every namespace.
  index.dependsOnKinds(CLUSTER_POLICY_KINDS);
  const cache = namespaceCache(index);
  let answer = cache.cni.get(namespace);
  if (answer === undefined) {
    answer =
      CNI_POLICY_KINDS.some((kind) => index.ofKind(kind, namespace).some((policy) => !policy.facts.builtin)) ||
      CLUSTER_POLICY_KINDS.some((kind) => index.allOfKind(kind).some((policy) => !policy.facts.builtin));
    cache.cni.set(namespace, answer);
  }
  return answer;
}

export interface PolicyCoverage {
  /** Workloads whose pods some built-in NetworkPolicy of their namespace governing ingress selects. */
  selected: ReadonlySet<IndexedResource>;
  /** Workloads that only egress-only policies select, with those policies by file and line: their ingress is open. */
  egressOnly: ReadonlyMap<IndexedResource, readonly IndexedResource[]>;
  /** A policy governing ingress has a podSelector that could not be read: it may select any workload. */
  unreadable: boolean;
}

/**
 * Which workloads of the namespace the built-in NetworkPolicies isolate for ingress (an empty
 * podSelector selects them all). A policy whose policyTypes leave out Ingress restricts what the
 * pods may reach, not who may reach them, so it is no ingress coverage.
 */
export function networkPolicyCoverage(index: WorkspaceIndex, namespace: string): PolicyCoverage {
  const cache = namespaceCache(index);
  let coverage = cache.coverage.get(namespace);
  if (coverage) return coverage;
  const selected = new Set<IndexedResource>();
  const egressSelected = new Map<IndexedResource, IndexedResource[]>();
  let unreadable = false;
  for (const policy of index.ofKind('NetworkPolicy', namespace).sort(fileOrder)) {
    const facts = policy.facts.networkPolicy;
    if (!policy.facts.builtin || !facts) continue;
    const ingress = facts.governs.ingress;
    if (!facts.podSelector) {
      unreadable ||= ingress;
      continue;
    }
    for (const workload of workloadsWithPodsSelectedBy(index, facts.podSelector, namespace)) {
      if (ingress) selected.add(workload);
      else if (facts.governs.egress) egressSelected.set(workload, [...(egressSelected.get(workload) ?? []), policy]);
    }
  }
  const egressOnly = new Map([...egressSelected].filter(([workload]) => !selected.has(workload)));
  cache.coverage.set(namespace, (coverage = { selected, egressOnly, unreadable }));
  return coverage;
}

/** Built-in objects of a kind in a namespace by name (the first by file and line when a name repeats). */
export function objectsByName(index: WorkspaceIndex, kind: string, namespace: string | undefined): ReadonlyMap<string, IndexedResource> {
  const cache = namespaceCache(index);
  const key = `${kind}\u0000${namespace ?? ''}`;
  let byName = cache.byName.get(key);
  if (byName) return byName;
  byName = new Map();
  for (const object of index.ofKind(kind, namespace).sort(fileOrder)) {
    const name = object.facts.name;
    if (object.facts.builtin && name !== undefined && !byName.has(name)) byName.set(name, object);
  }
  cache.byName.set(key, byName);
  return byName;
}

const ANY = /^/;
const ORDINAL = /^\d+$/;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Labels a controller adds to every pod it creates, on top of the template's, with the values they
 * may take (hashes and uids: any). Selectors use them: a Service per StatefulSet pod selects
 * `statefulset.kubernetes.io/pod-name: web-0`.
 */
function controllerLabels(workload: IndexedResource): ReadonlyMap<string, RegExp> {
  const name = escape(workload.facts.name ?? '');
  switch (workload.facts.kind) {
    case 'Deployment':
      return new Map([['pod-template-hash', ANY]]);
    case 'StatefulSet':
      return new Map([['statefulset.kubernetes.io/pod-name', new RegExp(`^${name}-\\d+$`)], ['apps.kubernetes.io/pod-index', ORDINAL], ['controller-revision-hash', ANY]]);
    case 'DaemonSet':
      return new Map([['controller-revision-hash', ANY], ['pod-template-generation', ORDINAL]]);
    // OpenShift labels each pod with its DeploymentConfig and with the numbered deployment (ReplicationController) that made it.
    case 'DeploymentConfig':
      return new Map([['deploymentconfig', new RegExp(`^${name}$`)], ['deployment', new RegExp(`^${name}-\\d+$`)]]);
    case 'Rollout':
      return new Map([['rollouts-pod-template-hash', ANY]]);
    case 'Job':
    case 'CronJob': {
      const job = workload.facts.kind === 'Job' ? new RegExp(`^${name}$`) : new RegExp(`^${name}-\\d+$`);
      return new Map([['job-name', job], ['batch.kubernetes.io/job-name', job], ['controller-uid', ANY], ['batch.kubernetes.io/controller-uid', ANY], ['batch.kubernetes.io/job-completion-index', ORDINAL]]);
    }
    default:
      return new Map();
  }
}

function mayHold(requirement: SelectorRequirement, value: RegExp): boolean {
  // NotIn / DoesNotExist on a label every pod gets with an unknown value: assume it may hold.
  if (requirement.operator === 'In') return requirement.values.some((v) => value.test(v));
  return requirement.operator !== 'DoesNotExist';
}

/**
 * Whether the selector selects the pods the workload creates: its template labels plus the labels
 * its controller adds (a requirement on those holds when some pod may satisfy it).
 */
export function selectsPodsOf(selector: LabelSelector, workload: IndexedResource): boolean {
  const labels = workload.facts.workload?.podLabels;
  if (!labels) return false;
  const added = controllerLabels(workload);
  const own = (key: string): boolean => Object.prototype.hasOwnProperty.call(labels, key) || !added.has(key);
  const rest: LabelSelector = {
    matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).filter(([key]) => own(key))),
    matchExpressions: selector.matchExpressions.filter((r) => own(r.key)),
  };
  if (!matches(rest, labels)) return false;
  if (Object.entries(selector.matchLabels).some(([key, value]) => !own(key) && !added.get(key)!.test(value))) return false;
  return selector.matchExpressions.every((r) => own(r.key) || mayHold(r, added.get(r.key)!));
}

/** Workloads of the namespace whose pods the selector selects, controller-added pod labels included. */
export function workloadsWithPodsSelectedBy(index: WorkspaceIndex, selector: LabelSelector, namespace: string): IndexedResource[] {
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((r) => r.key)];
  // The label index answers unless the selector names a label that controllers set.
  if (!keys.some((key) => CONTROLLER_LABEL_KEYS.has(key))) return index.workloadsSelectedBy(selector, namespace);
  return index.workloads(namespace).filter((workload) => selectsPodsOf(selector, workload));
}

const CONTROLLER_LABEL_KEYS: ReadonlySet<string> = new Set([
  'pod-template-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'controller-revision-hash', 'pod-template-generation',
  'deploymentconfig', 'deployment', 'rollouts-pod-template-hash',
  'job-name', 'batch.kubernetes.io/job-name', 'controller-uid', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-completion-index',
]);
