import type { WorkspaceRule } from '../../engine/rule';
import { formatSelector, isEmptySelector } from '../../engine/selector';
import { namespaceHasCustomResources, namespaceHasWorkloads, workloadsWithPodsSelectedBy } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'network-policy-selects-nothing',
    category: 'networking',
    severity: 'info',
    description: 'A NetworkPolicy podSelector selects the pods of no workload in its namespace.',
    rationale:
      'A policy that selects no pod protects nothing: the pods it was written for keep accepting all traffic, usually because a label changed on one side. Silent in namespaces that hold custom resources (an operator may create the pods) and in namespaces whose workloads the workspace does not show at all.',
    remediation: 'Make the podSelector match the pod template labels of the workload the policy is for, or delete the policy.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
    peers: { 'kube-linter': ['dangling-networkpolicy'], 'kube-score': ['networkpolicy-targets-pod'] },
    fixable: false,
    kinds: ['NetworkPolicy'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const policy = facts.networkPolicy;
    const namespace = resource.namespace;
    // An empty podSelector selects every pod of the namespace, present and future.
    if (!policy?.podSelector || isEmptySelector(policy.podSelector) || namespace === undefined) return;
    if (!namespaceHasWorkloads(index, namespace) || namespaceHasCustomResources(index, namespace)) return;
    if (workloadsWithPodsSelectedBy(index, policy.podSelector, namespace).length > 0) return;
    report(policy.podSelectorAt, `NetworkPolicy "${facts.name ?? '(unnamed)'}" selects no pods: no workload in namespace "${namespace}" has labels matching ${formatSelector(policy.podSelector)}`);
  },
};

export default rule;
