import { RBAC_BINDING_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { whereIs } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'rbac-cluster-admin-binding',
    category: 'security',
    severity: 'error',
    description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole, or a ClusterRole of the workspace with "*" in apiGroups, resources and verbs.',
    rationale:
      'cluster-admin allows every verb on every resource: its subjects can read all Secrets, run code on any node and rewrite RBAC itself. A ClusterRole with "*" in apiGroups, resources and verbs grants the same under another name. A workload or CI identity bound to either turns any compromise of that identity into a compromise of the whole cluster.',
    remediation: 'Bind a role that lists only the permissions the subjects need; keep cluster-admin for break-glass human access outside of manifests.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    peers: { 'kube-linter': ['cluster-admin-role-binding'], polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'] },
    fixable: false,
    kinds: RBAC_BINDING_KINDS,
  },
  // A workspace rule: the ClusterRole a binding names may be defined in another file.
  checkWorkspace({ resource, facts, index, report }) {
    const roleRef = facts.roleBinding?.roleRef;
    // A Role named cluster-admin is somebody's own role, not the built-in superuser ClusterRole.
    if (roleRef?.kind !== 'ClusterRole') return;
    const head = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    const scope = facts.kind === 'RoleBinding' ? `full control of ${facts.namespace ? `namespace "${facts.namespace}"` : 'its namespace'}` : 'full control of the cluster';
    if (roleRef.name === 'cluster-admin') {
      report(roleRef.at, `${head}: roleRef is the cluster-admin ClusterRole (${scope})`);
      return;
    }
    // The same name may be defined in several files (one install flavour each): a definition in the
    // binding's own file is the one it ships with, and alone decides.
    const named = index.ofKind('ClusterRole', undefined).filter((r) => r.facts.name === roleRef.name);
    const own = named.filter((r) => r.uri === resource.uri);
    const role = (own.length > 0 ? own : named).find((r) => r.facts.clusterRole?.grantsEverything === true);
    if (!role) return;
    report(
      roleRef.at,
      `${head}: roleRef is ClusterRole "${roleRef.name}"${whereIs(role, resource)}, which grants every verb on every resource ("*" in apiGroups, resources and verbs): cluster-admin under another name (${scope})`,
    );
  },
};

export default rule;
