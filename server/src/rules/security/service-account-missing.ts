import { WORKLOAD_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { objectsByName } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'service-account-missing',
    category: 'security',
    severity: 'info',
    description: 'serviceAccountName names a ServiceAccount that is not in the workload\'s namespace in the workspace.',
    rationale:
      'The API server refuses to create pods whose ServiceAccount does not exist, so the workload never starts; a typo or a ServiceAccount left in another namespace is the usual cause. Only reported when the workspace defines ServiceAccounts for the namespace: teams whose ServiceAccounts come from elsewhere (Terraform, eksctl for IAM roles, a platform repository) define none here.',
    remediation: 'Add the ServiceAccount to the namespace (or correct serviceAccountName).',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    peers: { 'kube-linter': ['non-existent-service-account'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    const account = facts.workload?.serviceAccountName;
    const namespace = resource.namespace;
    // "default" exists in every namespace; service-account-token speaks about using it.
    if (!account || account.value === 'default' || namespace === undefined) return;
    const accounts = objectsByName(index, 'ServiceAccount', namespace);
    if (accounts.size === 0 || accounts.has(account.value)) return;
    report(account.at, `${facts.kind} "${facts.name ?? '(unnamed)'}": serviceAccountName "${account.value}" names no ServiceAccount in namespace "${namespace}" in the workspace`);
  },
};

export default rule;
