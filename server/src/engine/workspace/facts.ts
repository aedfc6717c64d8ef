import { isScalar, visit } from 'yaml';
import { containerAnchor, fieldAnchor, keyAnchor, kindAnchor, podSpecKeyAnchor } from '../anchors';
import type { ContainerRole, K8sObject } from '../model';
import { nodeSpan, type NodeReader } from '../nodes';
import { hasEffectiveRequest } from '../resources';
import { parseLabelSelector, parseMapSelector, type LabelSelector } from '../selector';
import { IGNORE_ANNOTATION, parseRuleList, type CommentSuppression } from '../suppress';
import { isClusterScoped } from '../kinds';
import type { PeerAnnotation } from '../peers';
import { policyRules } from '../rbac';
import type { LineIndex } from '../text';
import type { Range, Span } from '../types';
import { crdFacts, type CrdFacts } from '../schema/crds';
import { instanceOf } from '../schema/instance';
import { dataKeysOf, labelSitesOf, referencesOf, valueSpan, type LabelSite, type ObjectReference } from './links';

/**
 * What the workspace needs to know about one object, without its syntax tree: the index keeps
 * these for every file of the workspace (thousands), so they are small, and every fact a
 * cross-resource rule may point at carries its range (relative to its document's first line).
 */
export interface Located<T> {
  value: T;
  at: Range;
}

export interface ContainerFacts {
  name: string;
  role: ContainerRole;
  at: Range;
  /** `at`: the port's `name:` entry, else its `containerPort:` (where a Service's targetPort leads). */
  ports: ReadonlyArray<{ name?: string; containerPort?: number; at: Range }>;
  /** `image` as written (the checklist recognises backup jobs by it). */
  image: string | undefined;
  /** Effective requests (a limit alone counts: the API server copies it into the request). */
  requests: { cpu: boolean; memory: boolean };
  /** An init container with `restartPolicy: Always`: it runs beside the app, and the HPA sums its requests too. */
  sidecar: boolean;
}

export interface WorkloadFacts {
  /** `spec.replicas` as written; absent means Kubernetes' default of 1 where the kind has replicas. */
  replicas: Located<number> | undefined;
  selector: LabelSelector | undefined;
  podLabels: Readonly<Record<string, string>>;
  /** The pod template's `labels:` key (a Pod's own): where a selector leads, and where "selected by" hints go. */
  podLabelsAt: Range | undefined;
  /** `spec.selector:`'s key. */
  selectorAt: Range | undefined;
  containers: readonly ContainerFacts[];
  /** podAntiAffinity terms and topologySpreadConstraints: they keep replicas apart only if they select them. */
  spreadTerms: readonly SpreadTerm[];
  serviceAccountName: Located<string> | undefined;
  /** StatefulSet `spec.serviceName`. */
  serviceName: Located<string> | undefined;
  /** The pod spec's `spec:` key: where pod-level advice points. */
  podSpecAt: Range;
  /** Pod-level `resources` (PodLevelResources): when set, the HPA reads these instead of the containers'. */
  podRequests: { cpu: boolean; memory: boolean };
}

/** A podAntiAffinity term (required or preferred) or a topologySpreadConstraint. */
export interface SpreadTerm {
  field: 'podAntiAffinity' | 'topologySpreadConstraints';
  /** `labelSelector`: absent, it selects no pods; unreadable, we cannot say which. */
  selector: LabelSelector | 'absent' | 'unreadable';
  /** podAntiAffinity only: where it looks for pods (neither set: the pod's own namespace). */
  namespaces: readonly string[];
  namespaceSelector: LabelSelector | 'unreadable' | undefined;
  /** podAntiAffinity only: keys whose value must differ from the pod's own. */
  mismatchLabelKeys: readonly string[];
}

export interface PdbFacts {
  selector: LabelSelector | undefined;
  selectorAt: Range;
  minAvailable: Located<number | string> | undefined;
  maxUnavailable: Located<number | string> | undefined;
}

export interface HpaFacts {
  target: { apiVersion: string | undefined; kind: string; name: string; at: Range } | undefined;
  minReplicas: Located<number> | undefined;
  maxReplicas: Located<number> | undefined;
  /** Resource metrics with an Utilization target (they need the container requests). */
  utilization: ReadonlyArray<{ resource: string; at: Range }>;
}

export interface ServiceFacts {
  type: string;
  /** `spec.clusterIP` as written: `None` makes the Service headless. */
  clusterIP: string | undefined;
  /** Absent for a Service without selector (ExternalName, manually managed endpoints). */
  selector: Readonly<Record<string, string>> | undefined;
  selectorAt: Range;
  /** `at`: the port's `name:` entry, else its `port:` (where an Ingress backend's port leads). */
  ports: ReadonlyArray<{ name?: string; port?: number; targetPort: Located<number | string> | undefined; at: Range }>;
}

export interface NetworkPolicyFacts {
  podSelector: LabelSelector | undefined;
  podSelectorAt: Range;
  /** The directions the policy isolates its pods in (its effective policyTypes). */
  governs: { ingress: boolean; egress: boolean };
  /** Selects every pod of its namespace and allows nothing in that direction. */
  defaultDeny: { ingress: boolean; egress: boolean };
}

export interface IngressFacts {
  tls: boolean;
  backends: ReadonlyArray<{ service: Located<string>; port: Located<number | string> | undefined }>;
}

export interface RoleBindingFacts {
  /** Absent when the binding names no role kind and name. */
  roleRef: { kind: string; name: string; at: Range } | undefined;
}

export interface ClusterRoleFacts {
  /** One rule entry has "*" in apiGroups, resources and verbs, without resourceNames: all cluster-admin grants over the API. */
  grantsEverything: boolean;
}

export interface ResourceFacts {
  apiVersion: string;
  kind: string;
  name: string | undefined;
  /** As written; the index resolves a missing one to the default namespace. */
  namespace: string | undefined;
  clusterScoped: boolean;
  builtin: boolean;
  labels: Readonly<Record<string, string>>;
  kindAt: Range;
  /** metadata.name's value (inside its quotes): what a rename of the object rewrites. */
  nameAt: Range | undefined;
  /** The objects it names (absent when none): what Go to Definition, Find References and rename follow. */
  references?: readonly ObjectReference[];
  /** Its pod labels and selector entries (absent when none): what a label's references and rename find. */
  labelSites?: readonly LabelSite[];
  /** Its document uses YAML aliases (`*name`, `<<: *name`): one text may stand for several places, so nothing in it is renamed. */
  aliases?: true;
  /** A ConfigMap's or Secret's keys, each at its key. */
  dataKeys?: Readonly<Record<string, Range>>;
  /** Rules silenced for the whole object by the ignore annotation. */
  ignored: ReadonlySet<string> | undefined;
  /** Rules silenced by `# kube-prod-ignore` comments, and over which range. */
  suppressions: ReadonlyArray<{ range: Range; rules: ReadonlySet<string> }>;
  /** Suppression annotations of kube-linter, kube-score or Polaris (set by the analyzer when there are any). */
  peerAnnotations?: readonly PeerAnnotation[];
  /** The rule of each single-object finding those annotations silenced: what a hover over them counts. */
  silencedByPeers?: readonly string[];
  workload?: WorkloadFacts;
  pdb?: PdbFacts;
  hpa?: HpaFacts;
  service?: ServiceFacts;
  networkPolicy?: NetworkPolicyFacts;
  ingress?: IngressFacts;
  roleBinding?: RoleBindingFacts;
  clusterRole?: ClusterRoleFacts;
  /** A v1 CustomResourceDefinition: the kind it defines and its schemas (what its custom resources are validated with). */
  crd?: CrdFacts;
  /** A custom resource's value as the API server gets it: validated against its CRD, wherever in the workspace that is. */
  customResource?: { instance: unknown };
}

const REPLICATED_KINDS = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout']);
/** Controllers older than LabelSelector: their selector is a plain map of equalities. */
const MAP_SELECTOR_KINDS = new Set(['ReplicationController', 'DeploymentConfig']);

type Locate = (span: Span | undefined) => Range;

/** Extracts the facts of one object; `lines` maps its document's offsets to positions. */
export function factsOf(object: K8sObject, lines: LineIndex, comments: readonly CommentSuppression[]): ResourceFacts {
  const kindSpan = kindAnchor(object) ?? [0, 0];
  const locate: Locate = (span) => {
    const [start, end] = span ?? kindSpan;
    return { start: lines.positionAt(start), end: lines.positionAt(end) };
  };
  const annotation = object.annotations[IGNORE_ANNOTATION];
  const nameSpan = valueSpan(object.reader.get(object.metadata, 'name'));
  const facts: ResourceFacts = {
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.name,
    namespace: object.namespace,
    clusterScoped: isClusterScoped(object.kind),
    builtin: object.builtin,
    labels: object.labels,
    kindAt: locate(kindSpan),
    nameAt: nameSpan && locate(nameSpan),
    ignored: annotation !== undefined ? parseRuleList(annotation) : undefined,
    suppressions: comments.map((c) => ({ range: locate(c.span), rules: c.rules })),
  };
  if (!object.builtin) {
    const instance = instanceOf(object.reader, object.root);
    if (instance !== undefined) facts.customResource = { instance };
    return facts;
  }
  if (object.kind === 'CustomResourceDefinition') facts.crd = crdFacts(object);
  if (usesAliases(object, lines.text)) facts.aliases = true;
  const references = referencesOf(object, locate);
  if (references.length > 0) facts.references = references;
  const labelSites = labelSitesOf(object, locate);
  if (labelSites.length > 0) facts.labelSites = labelSites;
  if (object.kind === 'ConfigMap' || object.kind === 'Secret') facts.dataKeys = dataKeysOf(object, locate);
  if (object.podSpec) facts.workload = workloadFacts(object, locate);
  switch (object.kind) {
    case 'PodDisruptionBudget':
      facts.pdb = pdbFacts(object, locate);
      break;
    case 'HorizontalPodAutoscaler':
      facts.hpa = hpaFacts(object, locate);
      break;
    case 'Service':
      facts.service = serviceFacts(object, locate);
      break;
    case 'NetworkPolicy':
      facts.networkPolicy = networkPolicyFacts(object, locate);
      break;
    case 'Ingress':
      facts.ingress = ingressFacts(object, locate);
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      facts.roleBinding = roleBindingFacts(object, locate);
      break;
    case 'ClusterRole':
      facts.clusterRole = clusterRoleFacts(object);
      break;
  }
  return facts;
}

/** An alias is `*name` after a space or a flow indicator: a document without one needs no walk (most do not). */
const MAYBE_ALIAS = /(?:^|[\s[{,:-])\*[^\s,[\]{}]/;

function usesAliases(object: K8sObject, text: string): boolean {
  if (!MAYBE_ALIAS.test(text)) return false;
  let found = false;
  visit(object.doc, {
    Alias() {
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** A scalar that may be an int or a string (intOrString fields, ports). */
function intOrString(value: unknown): number | string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value.trim();
  return undefined;
}

function located<T>(object: K8sObject, map: unknown, key: string, locate: Locate, convert: (value: unknown) => T | undefined): Located<T> | undefined {
  const node = object.reader.get(map, key);
  if (!isScalar(node)) return undefined;
  const value = convert(node.value);
  if (value === undefined) return undefined;
  return { value, at: locate(fieldAnchor(object.reader, map, key, undefined)) };
}

const asNumber = (value: unknown): number | undefined => {
  const parsed = intOrString(value);
  return typeof parsed === 'number' ? parsed : undefined;
};
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

function workloadFacts(object: K8sObject, locate: Locate): WorkloadFacts {
  const { reader: read, root } = object;
  const podSpec = object.podSpec!;
  const spec = read.map(root, 'spec');
  const selectorNode = read.get(spec, 'selector');
  const podLabelsKey = keyAnchor(read, object.kind === 'Pod' ? object.metadata : podSpec.templateMetadata, 'labels', undefined);
  const selectorKey = keyAnchor(read, spec, 'selector', undefined);
  return {
    replicas: REPLICATED_KINDS.has(object.kind) ? located(object, spec, 'replicas', locate, asNumber) : undefined,
    selector: MAP_SELECTOR_KINDS.has(object.kind) ? parseMapSelector(read, selectorNode) : parseLabelSelector(read, selectorNode),
    podLabels: object.kind === 'Pod' ? object.labels : read.stringMap(podSpec.templateMetadata, 'labels'),
    podLabelsAt: podLabelsKey && locate(podLabelsKey),
    selectorAt: selectorKey && locate(selectorKey),
    containers: podSpec.containers
      .filter((c) => c.role !== 'ephemeral')
      .map((container) => ({
        name: container.name,
        role: container.role,
        at: locate(containerAnchor(object, container)),
        ports: read.maps(container.node, 'ports').map((port) => ({
          name: read.string(port, 'name'),
          containerPort: asNumber(read.scalar(port, 'containerPort')),
          at: locate(fieldAnchor(read, port, 'name', fieldAnchor(read, port, 'containerPort', nodeSpan(port)))),
        })),
        image: read.string(container.node, 'image'),
        requests: { cpu: hasEffectiveRequest(read, container.node, 'cpu'), memory: hasEffectiveRequest(read, container.node, 'memory') },
        sidecar: container.role === 'init' && read.string(container.node, 'restartPolicy') === 'Always',
      })),
    spreadTerms: spreadTerms(read, podSpec.node),
    serviceAccountName: located(object, podSpec.node, 'serviceAccountName', locate, asString) ?? located(object, podSpec.node, 'serviceAccount', locate, asString),
    serviceName: object.kind === 'StatefulSet' ? located(object, spec, 'serviceName', locate, asString) : undefined,
    podSpecAt: locate(podSpecKeyAnchor(object)),
    podRequests: { cpu: hasEffectiveRequest(read, podSpec.node, 'cpu'), memory: hasEffectiveRequest(read, podSpec.node, 'memory') },
  };
}

function spreadTerms(read: NodeReader, podSpec: unknown): SpreadTerm[] {
  const selectorOf = (term: unknown, key: string): LabelSelector | 'unreadable' | undefined => {
    const node = read.get(term, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    return parseLabelSelector(read, node) ?? 'unreadable';
  };
  const strings = (term: unknown, key: string): string[] => read.items(term, key).flatMap((item) => (isScalar(item) && item.value !== null ? [String(item.value)] : []));
  const affinity = read.map(podSpec, 'affinity', 'podAntiAffinity');
  const affinityTerms = [
    ...read.maps(affinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
    ...read.maps(affinity, 'preferredDuringSchedulingIgnoredDuringExecution').flatMap((weighted) => read.map(weighted, 'podAffinityTerm') ?? []),
  ];
  return [
    ...affinityTerms.map((term): SpreadTerm => ({
      field: 'podAntiAffinity',
      selector: selectorOf(term, 'labelSelector') ?? 'absent',
      namespaces: strings(term, 'namespaces'),
      namespaceSelector: selectorOf(term, 'namespaceSelector'),
      mismatchLabelKeys: strings(term, 'mismatchLabelKeys'),
    })),
    ...read.maps(podSpec, 'topologySpreadConstraints').map((constraint): SpreadTerm => ({
      field: 'topologySpreadConstraints',
      selector: selectorOf(constraint, 'labelSelector') ?? 'absent',
      namespaces: [],
      namespaceSelector: undefined,
      mismatchLabelKeys: [],
    })),
  ];
}

function pdbFacts(object: K8sObject, locate: Locate): PdbFacts {
  const { reader: read, root } = object;
  const spec = read.map(root, 'spec');
  const selectorNode = read.get(spec, 'selector');
  return {
    selector: parseLabelSelector(read, selectorNode),
    selectorAt: locate(keyAnchor(read, spec, 'selector', undefined)),
    minAvailable: located(object, spec, 'minAvailable', locate, intOrString),
    maxUnavailable: located(object, spec, 'maxUnavailable', locate, intOrString),
  };
}

function hpaFacts(object: K8sObject, locate: Locate): HpaFacts {
  const { reader: read, root } = object;
  const spec = read.map(root, 'spec');
  const ref = read.map(spec, 'scaleTargetRef');
  const targetKind = read.string(ref, 'kind');
  const targetName = read.string(ref, 'name');
  const utilization: Array<{ resource: string; at: Range }> = [];
  for (const metric of read.maps(spec, 'metrics')) {
    if (read.string(metric, 'type') !== 'Resource') continue;
    const resource = read.map(metric, 'resource');
    const name = read.string(resource, 'name');
    // autoscaling/v2 writes target.type Utilization; v1-style and v2beta1 wrote targetAverageUtilization.
    const utilizationTarget = read.string(resource, 'target', 'type') === 'Utilization' || read.has(resource, 'targetAverageUtilization');
    if (name && utilizationTarget) utilization.push({ resource: name, at: locate(fieldAnchor(read, resource, 'name', undefined)) });
  }
  // autoscaling/v1 has a single CPU utilisation target.
  if (read.has(spec, 'targetCPUUtilizationPercentage')) {
    utilization.push({ resource: 'cpu', at: locate(fieldAnchor(read, spec, 'targetCPUUtilizationPercentage', undefined)) });
  }
  return {
    target: targetKind && targetName ? { apiVersion: read.string(ref, 'apiVersion'), kind: targetKind, name: targetName, at: locate(fieldAnchor(read, ref, 'name', undefined)) } : undefined,
    minReplicas: located(object, spec, 'minReplicas', locate, asNumber),
    maxReplicas: located(object, spec, 'maxReplicas', locate, asNumber),
    utilization,
  };
}

function serviceFacts(object: K8sObject, locate: Locate): ServiceFacts {
  const { reader: read, root } = object;
  const spec = read.map(root, 'spec');
  const selector = read.map(spec, 'selector');
  return {
    type: read.string(spec, 'type') ?? 'ClusterIP',
    clusterIP: read.text(spec, 'clusterIP'),
    selector: selector && selector.items.length > 0 ? read.stringMap(selector) : undefined,
    selectorAt: locate(keyAnchor(read, spec, 'selector', undefined)),
    ports: read.maps(spec, 'ports').map((port) => ({
      name: read.string(port, 'name'),
      port: asNumber(read.scalar(port, 'port')),
      targetPort: located(object, port, 'targetPort', locate, intOrString),
      at: locate(fieldAnchor(read, port, 'name', fieldAnchor(read, port, 'port', nodeSpan(port)))),
    })),
  };
}

function networkPolicyFacts(object: K8sObject, locate: Locate): NetworkPolicyFacts {
  const { reader: read, root } = object;
  const spec = read.map(root, 'spec');
  const podSelector = parseLabelSelector(read, read.get(spec, 'podSelector'));
  const types = read.items(spec, 'policyTypes').map((item) => (isScalar(item) ? String(item.value) : ''));
  const hasEgressSection = read.has(spec, 'egress');
  // policyTypes defaults to Ingress, plus Egress when the policy has an egress section.
  const ingress = types.length ? types.includes('Ingress') : true;
  const egress = types.length ? types.includes('Egress') : hasEgressSection;
  const selectsAll = podSelector !== undefined && Object.keys(podSelector.matchLabels).length === 0 && podSelector.matchExpressions.length === 0;
  return {
    podSelector,
    podSelectorAt: locate(keyAnchor(read, spec, 'podSelector', undefined)),
    governs: { ingress, egress },
    defaultDeny: {
      ingress: selectsAll && ingress && read.items(spec, 'ingress').length === 0,
      egress: selectsAll && egress && read.items(spec, 'egress').length === 0,
    },
  };
}

function ingressFacts(object: K8sObject, locate: Locate): IngressFacts {
  const { reader: read, root } = object;
  const spec = read.map(root, 'spec');
  const backends: Array<{ service: Located<string>; port: Located<number | string> | undefined }> = [];
  const addBackend = (backend: unknown): void => {
    // networking.k8s.io/v1: backend.service.{name, port.{number|name}}; v1beta1: backend.{serviceName, servicePort}.
    const service = read.map(backend, 'service');
    if (service) {
      const name = located(object, service, 'name', locate, asString);
      const port = read.map(service, 'port');
      if (name) backends.push({ service: name, port: located(object, port, 'number', locate, asNumber) ?? located(object, port, 'name', locate, asString) });
      return;
    }
    const legacy = located(object, backend, 'serviceName', locate, asString);
    if (legacy) backends.push({ service: legacy, port: located(object, backend, 'servicePort', locate, intOrString) });
  };
  addBackend(read.get(spec, 'defaultBackend') ?? read.get(spec, 'backend'));
  for (const rule of read.maps(spec, 'rules')) for (const path of read.maps(rule, 'http', 'paths')) addBackend(read.get(path, 'backend'));
  return { tls: read.items(spec, 'tls').length > 0, backends };
}

function roleBindingFacts(object: K8sObject, locate: Locate): RoleBindingFacts {
  const { reader: read, root } = object;
  const roleRef = read.map(root, 'roleRef');
  const kind = read.string(roleRef, 'kind');
  const name = read.string(roleRef, 'name');
  return { roleRef: kind && name ? { kind, name, at: locate(fieldAnchor(read, roleRef, 'name', undefined)) } : undefined };
}

/**
 * nonResourceURLs are not required: the built-in cluster-admin has nonResourceURLs ["*"] too, but
 * they only add /healthz, /metrics and the like; every resource of every group (Secrets, RBAC,
 * pods/exec, nodes/proxy) is already granted without them.
 */
function clusterRoleFacts(object: K8sObject): ClusterRoleFacts {
  const everything = (items: ReadonlyArray<{ value: string }>): boolean => items.some((item) => item.value === '*');
  return {
    grantsEverything: policyRules(object.reader, object.root).some(
      (rule) => rule.resourceNames.length === 0 && everything(rule.apiGroups) && everything(rule.resources) && everything(rule.verbs),
    ),
  };
}
