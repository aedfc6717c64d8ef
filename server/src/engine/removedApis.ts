import { isMap, isScalar, isSeq } from 'yaml';
import type { NodeReader } from './nodes';

/**
 * API versions Kubernetes no longer serves, per kind, from the Deprecated API Migration Guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/) and, for alpha versions the
 * guide does not cover, the release notes of the release that stopped serving them.
 */
export interface RemovedApiVersion {
  apiVersion: string;
  kind: string;
  /** The apiVersion to use instead; undefined when the kind itself is gone (PodSecurityPolicy). */
  replacement: string | undefined;
  /** The first Kubernetes release that no longer serves it, e.g. `1.16`. */
  removedIn: string;
  /**
   * True when changing `apiVersion` alone is the whole migration: the new version accepts the
   * object as written and gives it the same meaning (subject to `requires` and `dropped`).
   * False when fields were renamed, moved, or became required.
   */
  mechanical: boolean;
  /** Paths the object must set, non-empty, for the rewrite to be mechanical (the old version defaulted them). */
  requires?: readonly (readonly string[])[];
  /** Paths the new version no longer has: an object that sets one needs more than a rewrite. */
  dropped?: readonly (readonly string[])[];
  /** What else changes with the new version (defaults, renamed fields), for the fix's explanation. */
  note?: string;
}

const SELECTOR = ['spec', 'selector'] as const;

interface Group {
  apiVersion: string;
  kinds: readonly string[];
  replacement: string | undefined;
  removedIn: string;
  mechanical: boolean;
  requires?: readonly (readonly string[])[];
  dropped?: readonly (readonly string[])[];
  note?: string;
}

const SELECTOR_DEFAULTED = 'the old version defaulted spec.selector from the pod template labels; the new one requires it';

// Grouped as the guide groups them; flattened below into one entry per kind.
const GROUPS: readonly Group[] = [
  // v1.16
  {
    apiVersion: 'extensions/v1beta1', kinds: ['Deployment'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true,
    requires: [SELECTOR], dropped: [['spec', 'rollbackTo']],
    note: `${SELECTOR_DEFAULTED}; maxSurge/maxUnavailable default to 25% (was 1), revisionHistoryLimit to 10 (was unlimited), progressDeadlineSeconds to 600 (was none)`,
  },
  {
    apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true,
    requires: [SELECTOR], dropped: [['spec', 'templateGeneration']],
    note: `${SELECTOR_DEFAULTED}; updateStrategy.type defaults to RollingUpdate (was OnDelete)`,
  },
  { apiVersion: 'extensions/v1beta1', kinds: ['ReplicaSet'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true, requires: [SELECTOR], note: SELECTOR_DEFAULTED },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], replacement: 'networking.k8s.io/v1', removedIn: '1.16', mechanical: true },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], replacement: undefined, removedIn: '1.16', mechanical: false },
  {
    apiVersion: 'apps/v1beta1', kinds: ['Deployment'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true,
    requires: [SELECTOR], dropped: [['spec', 'rollbackTo']],
    note: `${SELECTOR_DEFAULTED}; revisionHistoryLimit defaults to 10 (was 2)`,
  },
  {
    apiVersion: 'apps/v1beta1', kinds: ['StatefulSet'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true,
    requires: [SELECTOR], note: `${SELECTOR_DEFAULTED}; updateStrategy.type defaults to RollingUpdate (was OnDelete)`,
  },
  { apiVersion: 'apps/v1beta1', kinds: ['ReplicaSet'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true, requires: [SELECTOR], note: SELECTOR_DEFAULTED },
  { apiVersion: 'apps/v1beta1', kinds: ['ControllerRevision'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true },
  // apps/v1beta2 already required the selector and had the apps/v1 defaults.
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'], replacement: 'apps/v1', removedIn: '1.16', mechanical: true },
  // v1.21 (alpha, never on by default; CHANGELOG-1.21)
  { apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], replacement: 'batch/v1', removedIn: '1.21', mechanical: true },
  // v1.22
  {
    apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], replacement: 'networking.k8s.io/v1', removedIn: '1.22', mechanical: false,
    note: 'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number/name, pathType is required',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress'], replacement: 'networking.k8s.io/v1', removedIn: '1.22', mechanical: false,
    note: 'spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number/name, pathType is required',
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], replacement: 'networking.k8s.io/v1', removedIn: '1.22', mechanical: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], replacement: 'rbac.authorization.k8s.io/v1', removedIn: '1.22', mechanical: true },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], replacement: 'scheduling.k8s.io/v1', removedIn: '1.22', mechanical: true },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], replacement: 'storage.k8s.io/v1', removedIn: '1.22', mechanical: true },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    replacement: 'admissionregistration.k8s.io/v1', removedIn: '1.22', mechanical: false,
    note: 'webhooks[*].sideEffects and admissionReviewVersions are required; failurePolicy, matchPolicy and timeoutSeconds defaults change',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], replacement: 'apiextensions.k8s.io/v1', removedIn: '1.22', mechanical: false,
    note: 'spec.versions[*].schema.openAPIV3Schema (structural) is required; version, validation, subresources and additionalPrinterColumns move under spec.versions[*]',
  },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], replacement: 'apiregistration.k8s.io/v1', removedIn: '1.22', mechanical: true },
  {
    apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], replacement: 'certificates.k8s.io/v1', removedIn: '1.22', mechanical: false,
    note: 'spec.signerName and spec.usages are required',
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], replacement: 'coordination.k8s.io/v1', removedIn: '1.22', mechanical: true },
  // v1.23 (alpha; CHANGELOG-1.23)
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], replacement: 'rbac.authorization.k8s.io/v1', removedIn: '1.23', mechanical: true },
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], replacement: 'scheduling.k8s.io/v1', removedIn: '1.23', mechanical: true },
  // v1.24 (alpha; CHANGELOG-1.24)
  {
    apiVersion: 'node.k8s.io/v1alpha1', kinds: ['RuntimeClass'], replacement: 'node.k8s.io/v1', removedIn: '1.24', mechanical: false,
    note: 'spec.runtimeHandler becomes the top-level handler; spec.overhead and spec.scheduling move to the top level',
  },
  // v1.25
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], replacement: 'batch/v1', removedIn: '1.25', mechanical: true },
  {
    apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], replacement: 'discovery.k8s.io/v1', removedIn: '1.25', mechanical: false,
    note: 'endpoints[*].topology is replaced by nodeName and zone',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], replacement: 'events.k8s.io/v1', removedIn: '1.25', mechanical: false,
    note: 'several fields are renamed (deprecatedFirstTimestamp, deprecatedCount...) and action, reason, reportingComponent, reportingInstance are required',
  },
  {
    apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.25', mechanical: false,
    note: 'metric targets move into a target block (targetAverageUtilization becomes target.averageUtilization)',
  },
  {
    apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], replacement: 'policy/v1', removedIn: '1.25', mechanical: true, requires: [SELECTOR],
    note: 'an empty spec.selector selects every pod of the namespace in policy/v1 (none in policy/v1beta1)',
  },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], replacement: undefined, removedIn: '1.25', mechanical: false },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], replacement: 'node.k8s.io/v1', removedIn: '1.25', mechanical: true },
  // v1.26
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], replacement: 'autoscaling/v2', removedIn: '1.26', mechanical: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.26', mechanical: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.26', mechanical: false,
    note: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares',
  },
  // v1.27
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], replacement: 'storage.k8s.io/v1', removedIn: '1.27', mechanical: true },
  // v1.29
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.29', mechanical: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.29', mechanical: false,
    note: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares',
  },
  // v1.32
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.32', mechanical: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['PriorityLevelConfiguration'], replacement: 'flowcontrol.apiserver.k8s.io/v1', removedIn: '1.32', mechanical: true,
    note: 'an explicit spec.limited.nominalConcurrencyShares of 0 is no longer changed to 30',
  },
];

export const REMOVED_API_VERSIONS: readonly RemovedApiVersion[] = GROUPS.flatMap(({ kinds, ...rest }) => kinds.map((kind) => ({ ...rest, kind })));

const BY_KEY = new Map(REMOVED_API_VERSIONS.map((entry) => [`${entry.apiVersion} ${entry.kind}`, entry]));

/** Every kind that has a removed version: what the engine must hand the rule. */
export const KINDS_WITH_REMOVED_VERSIONS: readonly string[] = [...new Set(REMOVED_API_VERSIONS.map((entry) => entry.kind))].sort();

export function removedApiVersion(apiVersion: string, kind: string): RemovedApiVersion | undefined {
  return BY_KEY.get(`${apiVersion} ${kind}`);
}

/**
 * Set to something: `selector: {}` and `selector: {matchLabels: {}}` are as good as absent. A
 * mapping met again inside itself (`selector: &s {p: *s}`) adds nothing the first visit had not.
 */
function isSetAndNonEmpty(read: NodeReader, node: unknown, seen = new Set<unknown>()): boolean {
  const resolved = read.resolve(node);
  if (resolved === undefined) return false;
  if (isMap(resolved)) {
    if (seen.has(resolved)) return false;
    seen.add(resolved);
    return read.entries(resolved).some(([, value]) => isSetAndNonEmpty(read, value, seen));
  }
  if (isSeq(resolved)) return resolved.items.length > 0;
  return !(isScalar(resolved) && (resolved.value === null || resolved.value === ''));
}

/**
 * Whether rewriting `apiVersion` to the replacement, and nothing else, migrates this object:
 * what the quick-fix offers. `root` is the object's top-level mapping.
 */
export function isMechanicalRewrite(entry: RemovedApiVersion, read: NodeReader, root: unknown): boolean {
  if (!entry.mechanical || entry.replacement === undefined) return false;
  if (entry.requires?.some((path) => !isSetAndNonEmpty(read, read.get(root, ...path)))) return false;
  if (entry.dropped?.some((path) => read.has(root, ...path))) return false;
  return true;
}
