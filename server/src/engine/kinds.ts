/** Kinds that carry a pod template (or are a pod). */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController', 'DeploymentConfig', 'Rollout'] as const;

/** Workloads expected to keep serving: the ones that need probes, replicas and graceful shutdown. */
export const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'] as const;

/**
 * Workload kinds of other projects whose schema is as stable and as widely deployed as a built-in's,
 * each known in its own API group only (a `kind: Rollout` of another group is somebody else's CRD):
 * OpenShift's DeploymentConfig and Argo Rollouts' Rollout. Both keep a pod template at
 * `spec.template`; a Rollout with `spec.workloadRef` has none and borrows the referenced
 * Deployment's, which is checked as that Deployment (see model.ts).
 */
const EXTENSION_WORKLOAD_GROUPS: Readonly<Record<string, string>> = { DeploymentConfig: 'apps.openshift.io', Rollout: 'argoproj.io' };

export const RBAC_ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const RBAC_BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

/**
 * Built-in kinds we know the shape of (plus the extension workloads above). Anything else (a CRD)
 * gets no best-practice findings: we would be guessing at its schema.
 */
const BUILTIN_KINDS = new Set<string>([
  ...WORKLOAD_KINDS,
  'Service', 'Endpoints', 'EndpointSlice', 'Ingress', 'IngressClass', 'NetworkPolicy',
  'ConfigMap', 'Secret', 'ServiceAccount', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim',
  'StorageClass', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ResourceQuota', 'LimitRange',
  'PriorityClass', 'PodSecurityPolicy', 'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'CSIStorageCapacity', 'Lease', 'RuntimeClass', 'CertificateSigningRequest', 'Event',
  'FlowSchema', 'PriorityLevelConfiguration', 'ControllerRevision', 'PodTemplate', 'Node',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  ...RBAC_ROLE_KINDS, ...RBAC_BINDING_KINDS,
]);

/** API groups served by Kubernetes itself; a `kind: Deployment` in another group is somebody's CRD. */
const BUILTIN_GROUPS = new Set(['', 'apps', 'batch', 'autoscaling', 'policy', 'extensions']);

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function isBuiltinKind(apiVersion: string, kind: string): boolean {
  if (!BUILTIN_KINDS.has(kind)) return false;
  const group = apiGroupOf(apiVersion);
  const extensionGroup = EXTENSION_WORKLOAD_GROUPS[kind];
  if (extensionGroup !== undefined) return group === extensionGroup;
  return BUILTIN_GROUPS.has(group) || group.endsWith('.k8s.io');
}

/**
 * Whether an object reference's apiVersion (a scaleTargetRef's; absent reads as "any") can name
 * an object of this apiVersion and kind. Built-in groups are not compared (an HPA written for
 * extensions/v1beta1 still names the Deployment); an extension workload must be named in its group.
 */
export function referenceReaches(referenceApiVersion: string | undefined, apiVersion: string, kind: string): boolean {
  if (referenceApiVersion === undefined || EXTENSION_WORKLOAD_GROUPS[kind] === undefined) return true;
  return apiGroupOf(referenceApiVersion) === apiGroupOf(apiVersion);
}

/** Namespaced vs cluster-scoped, for the kinds we know. */
const CLUSTER_SCOPED_KINDS = new Set<string>([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding',
  'PriorityClass', 'PodSecurityPolicy', 'CustomResourceDefinition', 'APIService',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'CSIDriver', 'CSINode',
  'VolumeAttachment', 'RuntimeClass', 'CertificateSigningRequest', 'IngressClass', 'FlowSchema',
  'PriorityLevelConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}

/** Every built-in kind that lives in a namespace: what a rule about metadata.namespace looks at. */
export const NAMESPACED_KINDS: readonly string[] = [...BUILTIN_KINDS].filter((kind) => !isClusterScoped(kind));
