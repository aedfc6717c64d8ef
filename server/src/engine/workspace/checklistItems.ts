// The production checklist of RULES.md section 11, as data. Item ids are stable: they are the
// keys of .kube-prod-checklist.yaml and of the JSON output, so never rename one.

/** The manual items' file, at the workspace (repository) root, committed so the team shares it. */
export const CHECKLIST_FILE_NAME = '.kube-prod-checklist.yaml';

export const CHECKLIST_SECTIONS = {
  'health-checks': 'Health checks',
  resources: 'Resources and quotas',
  availability: 'Availability and scaling',
  networking: 'Networking',
  security: 'Security',
  configuration: 'Configuration and secrets',
  operations: 'Operations',
} as const;

export type ChecklistSectionId = keyof typeof CHECKLIST_SECTIONS;

/**
 * Which objects an automatic item counts (see SUBJECTS in checklist.ts for the exact sets).
 * `namespaces-with-workloads` counts namespaces, not objects: a namespace fails when any of its
 * objects (or its Namespace object) carries a finding of the item's rules.
 */
export type SubjectSet =
  | 'workloads'
  | 'long-running-workloads'
  | 'multi-replica-workloads'
  | 'multi-replica-workloads-and-pdbs'
  | 'replicated-workloads-and-hpas'
  | 'hpas-and-targets'
  | 'deployments'
  | 'namespaces-with-workloads'
  | 'namespace-objects'
  | 'rbac-objects'
  | 'secret-holders';

/** What a presence item looks for (see checklist.ts). */
export type PresenceCheck = 'backups' | 'monitoring';

interface ItemBase {
  /** Stable kebab-case id. */
  id: string;
  section: ChecklistSectionId;
  title: string;
  /** One line: what passing means. */
  description: string;
  /** A failing required item fails `kube-prod checklist` (exit code 1). */
  required: boolean;
}

/** Passes when no counted object carries a finding of `rules`. */
export interface RuleItemDefinition extends ItemBase {
  kind: 'automatic';
  subjects: SubjectSet;
  rules: readonly string[];
}

/** Passes when the workspace holds an object of some sort (a backup schedule, a ServiceMonitor). */
export interface PresenceItemDefinition extends ItemBase {
  kind: 'automatic';
  presence: PresenceCheck;
}

/** No manifest can prove it: the team says so in .kube-prod-checklist.yaml. */
export interface ManualItemDefinition extends ItemBase {
  kind: 'manual';
}

export type ChecklistItemDefinition = RuleItemDefinition | PresenceItemDefinition | ManualItemDefinition;

export const CHECKLIST_ITEMS: readonly ChecklistItemDefinition[] = [
  {
    id: 'probes',
    section: 'health-checks',
    title: 'Liveness and readiness probes',
    description: 'Every container of a long-running workload has a livenessProbe and a readinessProbe.',
    required: true,
    kind: 'automatic',
    subjects: 'long-running-workloads',
    rules: ['liveness-probe-missing', 'readiness-probe-missing'],
  },
  {
    id: 'requests-and-limits',
    section: 'resources',
    title: 'Resource requests and memory limits',
    description: 'Every container requests CPU and memory and has a memory limit.',
    required: true,
    kind: 'automatic',
    subjects: 'workloads',
    rules: ['resource-requests-missing', 'memory-limit-missing'],
  },
  {
    id: 'namespace-quotas',
    section: 'resources',
    title: 'Namespace quotas',
    description: 'Every namespace with workloads has a ResourceQuota and a LimitRange.',
    required: false,
    kind: 'automatic',
    subjects: 'namespaces-with-workloads',
    rules: ['namespace-quota-missing'],
  },
  {
    id: 'disruption-budgets',
    section: 'availability',
    title: 'Pod disruption budgets',
    description: 'Every multi-replica workload has a PodDisruptionBudget that selects its pods and lets evictions through.',
    required: true,
    kind: 'automatic',
    subjects: 'multi-replica-workloads-and-pdbs',
    rules: ['pdb-missing', 'pdb-selects-nothing', 'pdb-blocks-eviction', 'pdb-hpa-conflict'],
  },
  {
    id: 'replicas',
    section: 'availability',
    title: 'At least two replicas',
    description: 'Every Deployment and StatefulSet runs at least two replicas, or an HPA keeps at least two.',
    required: false,
    kind: 'automatic',
    subjects: 'replicated-workloads-and-hpas',
    rules: ['replicas-too-few', 'hpa-min-replicas-low'],
  },
  {
    id: 'autoscaling',
    section: 'availability',
    title: 'Working autoscalers',
    description: 'Every HorizontalPodAutoscaler targets a workload of the workspace that has the requests it scales on, with room to scale and without pinned replicas.',
    required: false,
    kind: 'automatic',
    subjects: 'hpas-and-targets',
    rules: ['hpa-target-missing', 'hpa-missing-requests', 'hpa-max-not-above-min', 'hpa-replicas-pinned'],
  },
  {
    id: 'spread',
    section: 'availability',
    title: 'Replicas spread across nodes',
    description: 'Every multi-replica workload has podAntiAffinity or topologySpreadConstraints that select its own pods.',
    required: false,
    kind: 'automatic',
    subjects: 'multi-replica-workloads',
    rules: ['pod-spread-missing'],
  },
  {
    id: 'multi-az',
    section: 'availability',
    title: 'Cluster spans availability zones',
    description: 'Nodes and the control plane are spread over several availability zones, so losing one zone does not take the application down.',
    required: false,
    kind: 'manual',
  },
  {
    id: 'default-deny',
    section: 'networking',
    title: 'Default-deny network policies',
    description: 'Every namespace with workloads has a default-deny NetworkPolicy.',
    required: true,
    kind: 'automatic',
    subjects: 'namespaces-with-workloads',
    rules: ['namespace-default-deny-missing'],
  },
  {
    id: 'service-accounts',
    section: 'security',
    title: 'Dedicated service accounts',
    description: "Workloads do not run as their namespace's default service account with its API token mounted, and name ServiceAccounts that exist.",
    required: false,
    kind: 'automatic',
    subjects: 'workloads',
    rules: ['service-account-token', 'service-account-missing'],
  },
  {
    id: 'rbac',
    section: 'security',
    title: 'Least-privilege RBAC',
    description: 'No Role or ClusterRole grants wildcards or bind/escalate/impersonate, and nothing is bound to cluster-admin.',
    required: false,
    kind: 'automatic',
    subjects: 'rbac-objects',
    rules: ['rbac-wildcard', 'rbac-cluster-admin-binding', 'rbac-privilege-verbs'],
  },
  {
    id: 'pod-security-standards',
    section: 'security',
    title: 'Pod Security Standards on namespaces',
    description: 'Every Namespace object enforces the restricted Pod Security Standard (pod-security.kubernetes.io/enforce).',
    required: false,
    kind: 'automatic',
    subjects: 'namespace-objects',
    rules: ['namespace-pss-missing'],
  },
  {
    id: 'container-hardening',
    section: 'security',
    title: 'Hardened containers',
    description: 'Containers run as non-root, without privilege escalation, privileged mode or host namespaces, with all capabilities dropped and a seccomp profile.',
    required: true,
    kind: 'automatic',
    subjects: 'workloads',
    rules: ['run-as-root', 'privilege-escalation-allowed', 'privileged-container', 'capabilities-not-dropped', 'seccomp-profile-missing', 'host-namespaces'],
  },
  {
    id: 'secrets-out-of-manifests',
    section: 'configuration',
    title: 'Secrets kept out of manifests',
    description: 'No secret value is committed: no credential (private key, cloud key, token) in any field, no literal secret env values, no Secret data, no secret-looking ConfigMap entries.',
    required: true,
    kind: 'automatic',
    subjects: 'secret-holders',
    rules: ['credential-committed', 'secret-env-literal', 'secret-data-committed', 'configmap-secret-data'],
  },
  {
    id: 'backups',
    section: 'operations',
    title: 'Backups scheduled',
    description: 'Where the workspace keeps state (a StatefulSet or a PersistentVolumeClaim), a backup CronJob or a Velero Schedule exists.',
    required: false,
    kind: 'automatic',
    presence: 'backups',
  },
  {
    id: 'monitoring',
    section: 'operations',
    title: 'Monitoring configured',
    description: 'A ServiceMonitor, PodMonitor or PrometheusRule watches the application.',
    required: false,
    kind: 'automatic',
    presence: 'monitoring',
  },
  {
    id: 'deployment-strategy',
    section: 'operations',
    title: 'Zero-downtime rollouts',
    description: 'Every Deployment starts new pods before stopping old ones: no Recreate strategy, no maxUnavailable that takes a small Deployment down.',
    required: false,
    kind: 'automatic',
    subjects: 'deployments',
    rules: ['rolling-update-unsafe'],
  },
  {
    id: 'runbooks',
    section: 'operations',
    title: 'Runbooks written',
    description: 'Runbooks describe the deployment, common failures and how to fix them, for go-live and day-to-day operation.',
    required: false,
    kind: 'manual',
  },
  {
    id: 'dr-restore-tested',
    section: 'operations',
    title: 'Disaster recovery restore tested',
    description: 'Restoring the application from a backup has been rehearsed and the steps are documented.',
    required: false,
    kind: 'manual',
  },
  {
    id: 'on-call',
    section: 'operations',
    title: 'On-call rotation',
    description: 'An on-call rotation and an incident response procedure cover the application.',
    required: false,
    kind: 'manual',
  },
  {
    id: 'alert-routing',
    section: 'operations',
    title: 'Alerts routed',
    description: 'Alerting thresholds are defined and alerts reach the people on call.',
    required: false,
    kind: 'manual',
  },
];

export const MANUAL_ITEM_IDS: readonly string[] = CHECKLIST_ITEMS.filter((item) => item.kind === 'manual').map((item) => item.id);

export function isRuleItem(item: ChecklistItemDefinition): item is RuleItemDefinition {
  return 'rules' in item;
}

export function isPresenceItem(item: ChecklistItemDefinition): item is PresenceItemDefinition {
  return 'presence' in item;
}
