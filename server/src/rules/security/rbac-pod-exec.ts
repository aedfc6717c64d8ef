import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { coversGroup, grantedVerbs, grantingItem, listWords, policyRules, ruleLabel, throughWildcard, type PolicyRule, type RbacItem } from '../../engine/rbac';
import type { Rule } from '../../engine/rule';

/** Subresources that open a stream into a running container. */
const STREAMS = ['pods/exec', 'pods/attach'] as const;
type Stream = (typeof STREAMS)[number];
const STREAM_EFFECTS: Record<string, string> = {
  'pods/exec': 'can run commands in running containers',
  'pods/attach': 'can attach to the processes of running containers',
  'pods/exec,pods/attach': 'can run commands in running containers and attach to their processes',
};
/** kubectl exec/attach use create; a WebSocket client sends a GET, which clusters before 1.30 (or with AuthorizePodWebsocketUpgradeCreatePermission off) authorize with get alone. */
const STREAM_VERBS = ['create', 'get'] as const;

/** Workload resources by the API groups that serve them: creating one starts pods running any image and service account. */
const WORKLOADS: ReadonlyArray<{ groups: readonly string[]; resources: readonly string[] }> = [
  { groups: [''], resources: ['pods', 'replicationcontrollers'] },
  { groups: ['apps', 'extensions'], resources: ['deployments', 'daemonsets', 'statefulsets', 'replicasets'] },
  { groups: ['batch'], resources: ['jobs', 'cronjobs'] },
];
const CREATE_EFFECT = 'can run arbitrary code through new pods';

/** What one item of a rule's resources grants: the streams it opens and the workloads it creates. */
interface ItemGrant {
  streams: Stream[];
  workloads: string[];
}

function grantsByItem(policy: PolicyRule): Map<RbacItem, ItemGrant> {
  const byItem = new Map<RbacItem, ItemGrant>();
  const grantOf = (item: RbacItem): ItemGrant => {
    let grant = byItem.get(item);
    if (!grant) byItem.set(item, (grant = { streams: [], workloads: [] }));
    return grant;
  };
  if (coversGroup(policy, ['']) && grantedVerbs(policy, STREAM_VERBS).length > 0) {
    // Read verbs on "*" are a view-everything role, not an exec grant: since Kubernetes 1.30 a
    // WebSocket exec needs create too (AuthorizePodWebsocketUpgradeCreatePermission, on by default).
    // "*" counts with create; a named pods/exec (or */exec) with get is a deliberate grant either way.
    const creates = grantedVerbs(policy, ['create']).length > 0;
    for (const stream of STREAMS) {
      const item = grantingItem(policy, stream);
      if (item && (item.value !== '*' || creates)) grantOf(item).streams.push(stream);
    }
  }
  // create cannot be limited by resourceNames (the name is unknown when it is authorized): such a rule grants no create.
  if (policy.resourceNames.length === 0 && grantedVerbs(policy, ['create']).length > 0) {
    const resources = new Set(WORKLOADS.filter((w) => coversGroup(policy, w.groups)).flatMap((w) => w.resources));
    for (const resource of resources) {
      const item = grantingItem(policy, resource);
      if (item) grantOf(item).workloads.push(resource);
    }
  }
  return byItem;
}

const ALL_WORKLOADS = new Set(WORKLOADS.flatMap((w) => w.resources));

/** `deployments and statefulsets`, or the short form when a wildcard reaches every workload resource. */
function workloadWords(resources: readonly string[]): string {
  return resources.length === ALL_WORKLOADS.size ? 'pods and every workload controller' : listWords(resources);
}

/**
 * One message per item: an explicit item grants one thing, a wildcard may grant the streams and
 * workload creation at once, which one finding says together rather than two on the same "*".
 */
function grantMessage(policy: PolicyRule, item: RbacItem, grant: ItemGrant): string {
  const grants: string[] = [];
  const effects: string[] = [];
  if (grant.streams.length > 0) {
    grants.push(`${listWords(grantedVerbs(policy, STREAM_VERBS))} on ${listWords(grant.streams)}`);
    effects.push(STREAM_EFFECTS[grant.streams.join(',')]);
  }
  if (grant.workloads.length > 0) {
    grants.push(`create on ${workloadWords(grant.workloads)}`);
    effects.push(CREATE_EFFECT);
  }
  const through = throughWildcard(item, grant.streams[0] ?? grant.workloads[0]);
  if (grants.length === 1) return `${grants[0]}${through}: ${effects[0]}`;
  return `${grants.join(', and ')},${through}: ${effects[0]}, and ${effects[1].replace(/^can /, '')}`;
}

const rule: Rule = {
  meta: {
    id: 'rbac-pod-exec',
    category: 'security',
    severity: 'warning',
    description: 'A Role or ClusterRole grants pods/exec or pods/attach, or create on pods or workload controllers, named or through a wildcard.',
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
      for (const [item, grant] of grantsByItem(policy)) {
        report({ at: nodeSpan(item.node), message: `${head}: ${ruleLabel(policy)} grants ${grantMessage(policy, item, grant)}` });
      }
    }
  },
};

export default rule;
