/** Kinds that carry a pod template (or are a pod). */
export const WORKLOAD_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'ReplicationController'] as const;

/** Workloads expected to keep serving: the ones that need probes, replicas and graceful shutdown. */
export const LONG_RUNNING_KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController'] as const;

export const RBAC_ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const RBAC_BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

/**
 * Built-in kinds we know the shape of. Anything else (a CRD) gets no
 * best-practice findings: we would be guessing at its schema.
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
  return BUILTIN_GROUPS.has(group) || group.endsWith('.k8s.io');
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
