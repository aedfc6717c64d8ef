// Every check of the three linters teams migrate from, with the reason when no kube-prod rule
// covers it. Which kube-prod rule covers a check is said by the rule itself (its `peers` field):
// docs/peers.md is generated from both, and test/unit/peers.test.ts keeps them consistent.
//
// Read from upstream (check ids and what they look for; the descriptions here are our own words):
// - kube-linter: stackrox/kube-linter docs/generated/checks.md at 8d689190b7dcd63a8bbb50d05e1739273dbc1e9a
//   (built-in checks), plus the later built-in checks of pkg/builtinchecks/yamls/: job-ttl-seconds-after-finished
//   (5187aa3e), priority-class-name (5b380169), restart-policy (5aff97a9), unset-ephemeral-storage-requirements
//   (467c1c70), no-startup-probe (10d87bf4), env-value-from (cd761a8f).
// - kube-score: zegl/kube-score `kube-score list` (README_CHECKS.md f05d0eec and the checks registered in
//   score/ at 08ea9f41: container/container.go, deployment/deployment.go, hpa, podtopologyspreadconstraints).
// - Polaris: FairwindsOps/polaris docs/checks/{security,reliability,efficiency}.md at 47442133, ca3e46eb and
//   a83c298c, and checks/*.yaml (metadataAndInstanceMismatched, pdbDisruptionsIsZero).
import type { PeerTool } from '../../engine/rule';

export interface PeerCheck {
  id: string;
  /** One line: what the peer looks for. */
  description: string;
  /** Why no kube-prod rule covers it; absent when a rule's `peers` names it. */
  reason?: string;
  /** For a covered check: how kube-prod's verdict differs (stricter, another threshold). */
  note?: string;
}

export interface PeerCatalogue {
  name: string;
  url: string;
  /** How to silence one of its checks on an object, as the tool documents it. */
  annotation: string;
  checks: readonly PeerCheck[];
}

export const PEER_CATALOGUE: Readonly<Record<PeerTool, PeerCatalogue>> = {
  'kube-linter': {
    name: 'kube-linter',
    url: 'https://docs.kubelinter.io/#/generated/checks',
    annotation: '`ignore-check.kube-linter.io/<check>: "<reason>"` (any value), or `kube-linter.io/ignore-all`',
    checks: [
      { id: 'access-to-create-pods', description: 'A subject may create pods or workload controllers.', note: 'rbac-pod-exec reports it on the Role or ClusterRole that grants it.' },
      { id: 'access-to-secrets', description: 'A subject has access to Secrets.', note: 'kube-prod reports the reading verbs (get, list, watch) on the Role.' },
      { id: 'cluster-admin-role-binding', description: 'A binding grants the cluster-admin role.' },
      { id: 'dangling-horizontalpodautoscaler', description: 'An HPA targets a workload that is not there.' },
      { id: 'dangling-ingress', description: 'An Ingress backend names no Service.' },
      { id: 'dangling-networkpolicy', description: 'A NetworkPolicy podSelector selects no workload.' },
      { id: 'dangling-networkpolicypeer-podselector', description: 'A NetworkPolicy peer podSelector selects no workload.', reason: 'Not a check yet: a peer selector may deliberately name pods of another application or team deployed elsewhere.' },
      { id: 'dangling-service', description: 'A Service selector matches no workload.' },
      { id: 'dangling-servicemonitor', description: 'A Prometheus ServiceMonitor selects no Service.', reason: 'Out of scope: Prometheus operator custom resources.' },
      { id: 'default-service-account', description: 'A pod runs as the default service account.', note: 'service-account-token reports it only while the API token is also mounted.' },
      { id: 'deprecated-service-account-field', description: 'A pod sets the deprecated serviceAccount field.', reason: 'Deliberately not a check: the API server still accepts it as an alias of serviceAccountName, which kube-prod reads too (service-account-missing).' },
      { id: 'dnsconfig-options', description: 'A pod sets no dnsConfig options (ndots).', reason: 'Deliberately not a check: the cluster default is right for most workloads; tuning ndots is a per-application decision.' },
      { id: 'docker-sock', description: 'A container mounts the Docker socket.' },
      { id: 'drop-net-raw-capability', description: 'A container does not drop NET_RAW.', note: 'kube-prod is stricter: it asks to drop ALL.' },
      { id: 'duplicate-env-var', description: 'A container sets the same environment variable twice.' },
      { id: 'env-value-from', description: 'An env valueFrom names a Secret or ConfigMap not among the manifests.', reason: 'Not a check yet: Secrets are usually created outside the repository (sealed-secrets, external-secrets, CI), so a missing one is the common case, not a mistake.' },
      { id: 'env-var-secret', description: 'An environment variable with "secret" in its name holds a literal value.' },
      { id: 'exposed-services', description: 'A Service is of type NodePort or LoadBalancer.', reason: 'Deliberately not a check: exposing a Service is a design decision, not a mistake.' },
      { id: 'host-ipc', description: "A pod shares the node's IPC namespace." },
      { id: 'host-network', description: "A pod shares the node's network namespace." },
      { id: 'host-pid', description: "A pod shares the node's process namespace." },
      { id: 'hpa-minimum-three-replicas', description: 'An HPA minReplicas is below 3.', note: 'kube-prod asks for at least 2.' },
      { id: 'invalid-target-ports', description: 'A port name breaks the IANA naming rules.', reason: 'Covered differently: the API server rejects invalid port names; service-target-port-unknown checks that a named targetPort exists.' },
      { id: 'job-ttl-seconds-after-finished', description: 'A Job sets no ttlSecondsAfterFinished.', note: 'kube-prod does not flag a CronJob job template that sets it.' },
      { id: 'latest-tag', description: 'An image has no tag or the latest tag.' },
      { id: 'liveness-port', description: 'A liveness probe targets a port the container does not expose.' },
      { id: 'minimum-three-replicas', description: 'A Deployment runs fewer than 3 replicas.', note: 'kube-prod asks for at least 2.' },
      { id: 'mismatching-selector', description: "A workload's selector does not match its pod template labels." },
      { id: 'no-anti-affinity', description: 'A workload with several replicas has no podAntiAffinity.', note: 'kube-prod also accepts topologySpreadConstraints.' },
      { id: 'no-extensions-v1beta', description: 'An object uses the removed extensions/v1beta1 API.', note: 'deprecated-api-version covers every removed API version.' },
      { id: 'no-liveness-probe', description: 'A container has no liveness probe.' },
      { id: 'no-node-affinity', description: 'A pod has no node affinity.', reason: 'Deliberately not a check: most workloads may run on any node.' },
      { id: 'no-read-only-root-fs', description: 'A container root filesystem is writable.' },
      { id: 'no-readiness-probe', description: 'A container has no readiness probe.' },
      { id: 'no-rolling-update-strategy', description: 'A Deployment does not use the RollingUpdate strategy.' },
      { id: 'no-startup-probe', description: 'A container has no startup probe.', reason: 'Deliberately not a check: a startup probe is only needed by slow-starting applications.' },
      { id: 'non-existent-service-account', description: 'A pod names a ServiceAccount that is not among the manifests.' },
      { id: 'non-isolated-pod', description: 'No NetworkPolicy selects a workload.' },
      { id: 'pdb-max-unavailable', description: 'A PodDisruptionBudget maxUnavailable of 0 blocks every eviction.' },
      { id: 'pdb-min-available', description: 'A PodDisruptionBudget minAvailable blocks every eviction.' },
      { id: 'pdb-unhealthy-pod-eviction-policy', description: 'A PodDisruptionBudget does not set unhealthyPodEvictionPolicy.', reason: 'Not a check yet: the default (IfHealthyBudget) is safe; AlwaysAllow only helps drains past crash-looping pods.' },
      { id: 'priority-class-name', description: 'A workload uses a priorityClassName outside an accepted list.', reason: 'Covered differently: priority-class-missing asks for a priority class; which names are accepted is cluster policy.' },
      { id: 'privilege-escalation-container', description: 'A container allows privilege escalation.' },
      { id: 'privileged-container', description: 'A container runs privileged.' },
      { id: 'privileged-ports', description: 'A container port is below 1024.' },
      { id: 'read-secret-from-env-var', description: 'A container reads a Secret into an environment variable.', reason: 'Deliberately not a check: secretKeyRef is the documented way to pass a secret, and many applications read only environment variables.' },
      { id: 'readiness-port', description: 'A readiness probe targets a port the container does not expose.' },
      { id: 'required-annotation-email', description: 'An object has no email annotation.', reason: "Deliberately not a check: ownership annotations are an organisation's convention." },
      { id: 'required-label-owner', description: 'An object has no owner label.', reason: "Deliberately not a check: ownership labels are an organisation's convention; recommended-labels asks for the Kubernetes ones." },
      { id: 'restart-policy', description: 'A workload restartPolicy is not Always or OnFailure.', reason: 'Covered differently: restart-policy-invalid flags the values the API server rejects for each controller.' },
      { id: 'run-as-non-root', description: 'A container is not set to run as non-root.' },
      { id: 'scc-deny-privileged-container', description: 'An OpenShift SecurityContextConstraints allows privileged containers.', reason: 'Out of scope: OpenShift cluster policy objects.' },
      { id: 'sensitive-host-mounts', description: 'A pod mounts a sensitive host directory.' },
      { id: 'ssh-port', description: 'A container exposes port 22.' },
      { id: 'startup-port', description: 'A startup probe targets a port the container does not expose.' },
      { id: 'unsafe-proc-mount', description: 'A container sets procMount: Unmasked.' },
      { id: 'unsafe-sysctls', description: 'A pod sets an unsafe sysctl.' },
      { id: 'unset-cpu-requirements', description: 'A container has no CPU request or limit.' },
      { id: 'unset-ephemeral-storage-requirements', description: 'A container has no ephemeral-storage limit.' },
      { id: 'unset-memory-requirements', description: 'A container has no memory request or limit.' },
      { id: 'use-namespace', description: 'An object is deployed to the default namespace.', note: 'namespace-missing flags a missing metadata.namespace; an explicit `namespace: default` passes.' },
      { id: 'wildcard-in-rules', description: 'A Role or ClusterRole rule uses a wildcard.' },
      { id: 'writable-host-mount', description: 'A container mounts a host path writable.' },
    ],
  },
  'kube-score': {
    name: 'kube-score',
    url: 'https://github.com/zegl/kube-score/blob/master/README_CHECKS.md',
    annotation: '`kube-score/ignore: "<check>,<check>"` on the object or on its pod template',
    checks: [
      { id: 'container-cpu-requests-equal-limits', description: 'CPU requests equal limits (optional).', reason: 'Deliberately not a check: Guaranteed QoS is a choice per workload; kube-prod asks for requests and limits, not equal ones.' },
      { id: 'container-ephemeral-storage-request-and-limit', description: 'Containers set ephemeral-storage requests and limits.' },
      { id: 'container-ephemeral-storage-request-equals-limit', description: 'Ephemeral-storage requests equal limits (optional).', reason: 'Deliberately not a check: equal values are a choice per workload.' },
      { id: 'container-image-pull-policy', description: 'imagePullPolicy is Always.', reason: 'Deliberately not a check: with a pinned tag or digest IfNotPresent is correct; image-pull-policy flags only Never and IfNotPresent with a mutable tag.' },
      { id: 'container-image-tag', description: 'Images use an explicit tag other than latest.' },
      { id: 'container-memory-requests-equal-limits', description: 'Memory requests equal limits (optional).', reason: 'Deliberately not a check: equal values are a choice per workload.' },
      { id: 'container-ports-check', description: 'Container ports are named uniquely and set containerPort (optional).', reason: 'Covered differently: the API server rejects both mistakes.' },
      { id: 'container-resource-requests-equal-limits', description: 'CPU and memory requests equal limits (optional).', reason: 'Deliberately not a check: Guaranteed QoS is a choice per workload.' },
      { id: 'container-resources', description: 'Containers set CPU and memory requests and limits.', note: 'kube-score also ignores container-ephemeral-storage-request-and-limit when this one is ignored; so does kube-prod.' },
      { id: 'container-seccomp-profile', description: 'Pods set a seccomp profile (optional).' },
      { id: 'container-security-context', description: 'Older combined check: not privileged, read-only root filesystem, high UID and GID.', note: 'The UID/GID part has no kube-prod equivalent (see container-security-context-user-group-id).' },
      { id: 'container-security-context-privileged', description: 'Containers are not privileged.' },
      { id: 'container-security-context-readonlyrootfilesystem', description: 'Containers have a read-only root filesystem.' },
      { id: 'container-security-context-user-group-id', description: 'Containers run with a UID and GID above 10000.', reason: 'Deliberately not the same practice: kube-prod asks for a non-root user (run-as-root), not for IDs above 10000.' },
      { id: 'cronjob-has-deadline', description: 'CronJobs set startingDeadlineSeconds.' },
      { id: 'deployment-has-host-podantiaffinity', description: 'Deployments with several replicas set a host podAntiAffinity.', note: 'kube-prod also accepts topologySpreadConstraints.' },
      { id: 'deployment-has-poddisruptionbudget', description: 'Deployments are selected by a PodDisruptionBudget.', note: 'kube-prod asks only when the workload runs several replicas.' },
      { id: 'deployment-pod-selector-labels-match-template-metadata-labels', description: "A Deployment's selector matches its pod template labels." },
      { id: 'deployment-replicas', description: 'Deployments behind a Service run several replicas.' },
      { id: 'deployment-strategy', description: 'Deployments behind a Service use RollingUpdate.' },
      { id: 'deployment-targeted-by-hpa-does-not-have-replicas-configured', description: 'A Deployment scaled by an HPA does not set replicas.' },
      { id: 'environment-variable-key-duplication', description: 'A container sets the same environment variable twice.' },
      { id: 'horizontalpodautoscaler-has-target', description: 'An HPA targets an existing object.' },
      { id: 'horizontalpodautoscaler-replicas', description: 'An HPA keeps several replicas (minReplicas).' },
      { id: 'ingress-targets-service', description: 'An Ingress targets an existing Service.' },
      { id: 'label-values', description: 'Label values are valid.', reason: 'Covered differently: the API server rejects invalid label values.' },
      { id: 'networkpolicy-targets-pod', description: 'A NetworkPolicy selects at least one pod.' },
      { id: 'pod-networkpolicy', description: 'Pods are selected by a NetworkPolicy.' },
      { id: 'pod-probes', description: 'Pods have readiness and liveness probes.' },
      { id: 'pod-probes-identical', description: 'Readiness and liveness probes differ.' },
      { id: 'pod-topology-spread-constraints', description: 'topologySpreadConstraints are well-formed.', reason: 'Covered differently: the API server rejects malformed constraints.' },
      { id: 'poddisruptionbudget-has-policy', description: 'A PodDisruptionBudget sets minAvailable or maxUnavailable.', reason: 'Not a check yet: a budget with neither means minAvailable 1 for the API server, a valid if surprising budget.' },
      { id: 'service-targets-pod', description: 'A Service selects at least one pod.' },
      { id: 'service-type', description: 'A Service is not of type NodePort.', reason: 'Deliberately not a check: exposing a Service is a design decision, not a mistake.' },
      { id: 'stable-version', description: 'An object uses a deprecated apiVersion.' },
      { id: 'statefulset-has-host-podantiaffinity', description: 'StatefulSets with several replicas set a host podAntiAffinity.', note: 'kube-prod also accepts topologySpreadConstraints.' },
      { id: 'statefulset-has-poddisruptionbudget', description: 'StatefulSets are selected by a PodDisruptionBudget.', note: 'kube-prod asks only when the workload runs several replicas.' },
      { id: 'statefulset-has-servicename', description: 'A StatefulSet names an existing headless Service.' },
      { id: 'statefulset-pod-selector-labels-match-template-metadata-labels', description: "A StatefulSet's selector matches its pod template labels." },
    ],
  },
  polaris: {
    name: 'Polaris',
    url: 'https://polaris.docs.fairwinds.com/checks/security/',
    annotation: '`polaris.fairwinds.com/<check>-exempt: "true"`, or `polaris.fairwinds.com/exempt: "true"` for every check',
    checks: [
      { id: 'automountServiceAccountToken', description: 'A pod mounts its service account token.', note: 'service-account-token reports it when the pod also runs as the default service account.' },
      { id: 'clusterrolePodExecAttach', description: 'A ClusterRole allows pods/exec or pods/attach.' },
      { id: 'clusterrolebindingClusterAdmin', description: 'A ClusterRoleBinding grants cluster-admin or a wildcard ClusterRole.' },
      { id: 'clusterrolebindingPodExecAttach', description: 'A ClusterRoleBinding grants a ClusterRole that allows pods/exec or pods/attach.', reason: 'Covered differently: rbac-pod-exec reports the grant on the ClusterRole itself.' },
      { id: 'cpuLimitsMissing', description: 'A container has no CPU limit.' },
      { id: 'cpuRequestsMissing', description: 'A container has no CPU request.' },
      { id: 'dangerousCapabilities', description: 'A container adds a dangerous capability (SYS_ADMIN, NET_ADMIN, ALL).' },
      { id: 'deploymentMissingReplicas', description: 'A Deployment runs a single replica.' },
      { id: 'hostIPCSet', description: 'A pod sets hostIPC.' },
      { id: 'hostNetworkSet', description: 'A pod sets hostNetwork.' },
      { id: 'hostPIDSet', description: 'A pod sets hostPID.' },
      { id: 'hostPortSet', description: 'A container sets hostPort.' },
      { id: 'insecureCapabilities', description: 'A container keeps a capability from the insecure list.', note: 'kube-prod is stricter: it asks to drop ALL.' },
      { id: 'linuxHardening', description: 'A container uses none of AppArmor, seccomp, SELinux or dropped capabilities.', note: 'kube-prod is stricter: it asks for a seccomp profile and for dropping ALL capabilities.' },
      { id: 'livenessProbeMissing', description: 'A container has no liveness probe.' },
      { id: 'memoryLimitsMissing', description: 'A container has no memory limit.' },
      { id: 'memoryRequestsMissing', description: 'A container has no memory request.' },
      { id: 'metadataAndInstanceMismatched', description: 'The app.kubernetes.io/instance label differs from metadata.name.', reason: "Deliberately not a check: Helm sets instance to the release name, which rarely equals an object's name." },
      { id: 'metadataAndNameMismatched', description: 'The app.kubernetes.io/name label differs from metadata.name.', reason: 'Deliberately not a check: one application (name) is usually made of several objects with other names.' },
      { id: 'missingNetworkPolicy', description: 'No NetworkPolicy selects a workload.' },
      { id: 'missingPodDisruptionBudget', description: 'No PodDisruptionBudget selects a workload.', note: 'kube-prod asks only when the workload runs several replicas.' },
      { id: 'notReadOnlyRootFilesystem', description: 'A container root filesystem is writable.' },
      { id: 'pdbDisruptionsIsZero', description: 'A PodDisruptionBudget allows no disruption.' },
      { id: 'priorityClassNotSet', description: 'A pod sets no priorityClassName.' },
      { id: 'privilegeEscalationAllowed', description: 'A container allows privilege escalation.' },
      { id: 'pullPolicyNotAlways', description: 'imagePullPolicy is not Always.', reason: 'Deliberately not a check: with a pinned tag or digest IfNotPresent is correct; image-pull-policy flags only Never and IfNotPresent with a mutable tag.' },
      { id: 'readinessProbeMissing', description: 'A container has no readiness probe.' },
      { id: 'rolePodExecAttach', description: 'A Role allows pods/exec or pods/attach.' },
      { id: 'rolebindingClusterAdminClusterRole', description: 'A RoleBinding grants cluster-admin or a wildcard ClusterRole.' },
      { id: 'rolebindingClusterAdminRole', description: 'A RoleBinding grants a Role with wildcard permissions.', reason: 'Covered differently: rbac-wildcard reports the wildcard on the Role itself.' },
      { id: 'rolebindingClusterRolePodExecAttach', description: 'A RoleBinding grants a ClusterRole that allows pods/exec or pods/attach.', reason: 'Covered differently: rbac-pod-exec reports the grant on the ClusterRole itself.' },
      { id: 'rolebindingRolePodExecAttach', description: 'A RoleBinding grants a Role that allows pods/exec or pods/attach.', reason: 'Covered differently: rbac-pod-exec reports the grant on the Role itself.' },
      { id: 'runAsPrivileged', description: 'A container runs privileged.' },
      { id: 'runAsRootAllowed', description: 'A container may run as root.' },
      { id: 'sensitiveConfigmapContent', description: 'A ConfigMap holds secret-looking keys or values.' },
      { id: 'sensitiveContainerEnvVar', description: 'An environment variable with a secret-looking name holds a literal value.' },
      { id: 'tagNotSpecified', description: 'An image has no tag or the latest tag.' },
      { id: 'tlsSettingsMissing', description: 'An Ingress has no TLS section.', reason: 'Not a check yet: TLS is often terminated before the Ingress (a cloud load balancer, a mesh gateway), so its absence is not a mistake by itself.' },
      { id: 'topologySpreadConstraint', description: 'A pod has no topologySpreadConstraints.', note: 'kube-prod also accepts podAntiAffinity, and asks only when the workload runs several replicas.' },
    ],
  },
};
