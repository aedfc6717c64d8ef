import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { RBAC_BINDING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'rbac-cluster-admin-binding',
    category: 'security',
    severity: 'error',
    description: 'A RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
    rationale:
      'cluster-admin allows every verb on every resource: its subjects can read all Secrets, run code on any node and rewrite RBAC itself. A workload or CI identity bound to it turns any compromise of that identity into a compromise of the whole cluster.',
    remediation: 'Bind a role that lists only the permissions the subjects need; keep cluster-admin for break-glass human access outside of manifests.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    peers: { 'kube-linter': ['cluster-admin-role-binding'], polaris: ['clusterrolebindingClusterAdmin', 'rolebindingClusterAdminClusterRole'] },
    fixable: false,
    kinds: RBAC_BINDING_KINDS,
  },
  check({ object, read, report }) {
    const roleRef = read.map(object.root, 'roleRef');
    // A Role named cluster-admin is somebody's own role, not the built-in superuser ClusterRole.
    if (read.string(roleRef, 'kind') !== 'ClusterRole' || read.string(roleRef, 'name') !== 'cluster-admin') return;
    const scope = object.kind === 'RoleBinding' ? `full control of ${object.namespace ? `namespace "${object.namespace}"` : 'its namespace'}` : 'full control of the cluster';
    report({ at: fieldAnchor(read, roleRef, 'name', kindAnchor(object)), message: `${describe(object)}: roleRef is the cluster-admin ClusterRole (${scope})` });
  },
};

export default rule;
