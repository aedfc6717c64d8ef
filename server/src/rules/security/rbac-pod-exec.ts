import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { coversGroup, grantedVerbs, listWords, policyRules, ruleLabel, type PolicyRule, type RbacItem } from '../../engine/rbac';
import type { Report, Rule } from '../../engine/rule';

/** Subresources that open a stream into a running container; `pods/*` covers them too. */
const STREAMS: Record<string, string> = {
  'pods/exec': 'can run commands in running containers',
  'pods/attach': 'can attach to the processes of running containers',
};
/** kubectl exec/attach use create; since Kubernetes 1.30 the WebSocket protocol needs only get. */
const STREAM_VERBS = ['create', 'get'] as const;

/** Workload resources by the API groups that serve them: creating one starts pods running any image and service account. */
const WORKLOADS: ReadonlyArray<{ groups: readonly string[]; resources: readonly string[] }> = [
  { groups: [''], resources: ['pods', 'replicationcontrollers'] },
  { groups: ['apps', 'extensions'], resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'] },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'] },
];

function streamFindings(policy: PolicyRule, label: string): Report[] {
  if (!coversGroup(policy, [''])) return [];
  const verbs = grantedVerbs(policy, STREAM_VERBS);
  if (verbs.length === 0) return [];
  const out: Report[] = [];
  for (const item of policy.resources) {
    const subresources = item.value === 'pods/*' ? Object.keys(STREAMS) : item.value in STREAMS ? [item.value] : [];
    for (const subresource of subresources) {
      out.push({ at: nodeSpan(item.node), message: `${label} grants ${listWords(verbs)} on ${subresource}: ${STREAMS[subresource]}` });
    }
  }
  return out;
}

function workloadItems(policy: PolicyRule): RbacItem[] {
  // create cannot be limited by resourceNames (the name is unknown when it is authorized): such a rule grants no create.
  if (policy.resourceNames.length > 0 || grantedVerbs(policy, ['create']).length === 0) return [];
  return policy.resources.filter((item) => WORKLOADS.some((w) => w.resources.includes(item.value) && coversGroup(policy, w.groups)));
}

const rule: Rule = {
  meta: {
    id: 'rbac-pod-exec',
    category: 'security',
    severity: 'warning',
    description: 'A Role or ClusterRole grants pods/exec or pods/attach, or create on pods or workload controllers.',
    rationale:
      'exec and attach give a shell in running containers, with their mounted Secrets and service account tokens. Creating a pod, directly or through a Deployment, Job or other controller, runs any image as any service account of the namespace and mounts any of its Secrets, so it is worth every permission those hold.',
    remediation:
      'Grant exec/attach only to break-glass human roles, not to workloads; give create on workloads only to deployment tooling, ideally per namespace with a RoleBinding, and restrict what pods may do with Pod Security admission.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
    peers: { 'kube-linter': ['access-to-create-pods'], polaris: ['clusterrolePodExecAttach', 'rolePodExecAttach'] },
    fixable: false,
    kinds: RBAC_ROLE_KINDS,
  },
  check({ object, read, report }) {
    const head = describe(object);
    for (const policy of policyRules(read, object.root)) {
      const label = `${head}: ${ruleLabel(policy)}`;
      for (const finding of streamFindings(policy, label)) report(finding);
      // resources: ["*"] with create is left to rbac-wildcard, which reports the wildcard itself.
      for (const item of workloadItems(policy)) {
        report({ at: nodeSpan(item.node), message: `${label} grants create on ${item.value}: can run arbitrary code through new pods` });
      }
    }
  },
};

export default rule;
