import type { WorkspaceRule } from '../../engine/rule';
import { formatSelector, isEmptySelector } from '../../engine/selector';
import { selectedElsewhereHint, workloadsSelectedElsewhere } from '../../engine/workspace/otherNamespaces';
import { namespaceHasCustomResources, namespaceHasWorkloads, workloadsWithPodsSelectedBy } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'network-policy-selects-nothing',
    category: 'networking',
    severity: 'info',
    description: 'A NetworkPolicy podSelector selects the pods of no workload in its namespace.',
    rationale:
      'A policy that selects no pod protects nothing: the pods it was written for keep accepting all traffic, usually because a label changed on one side or the policy was copied into the wrong namespace: when workloads of another namespace have matching labels, the message names one. Silent in namespaces that hold custom resources (an operator may create the pods) and in namespaces whose workloads the workspace does not show at all, unless another namespace of the workspace has such pods.',
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
    if (namespaceHasCustomResources(index, namespace)) return;
    // Without any workload in the namespace its pods come from elsewhere, unless another namespace has them: a copy-paste slip.
    const home = namespaceHasWorkloads(index, namespace);
    if (home && workloadsWithPodsSelectedBy(index, policy.podSelector, namespace).length > 0) return;
    const elsewhere = workloadsSelectedElsewhere(index, policy.podSelector, namespace);
    const hint = selectedElsewhereHint(elsewhere, resource, policy.podSelector.matchExpressions.length === 0);
    if (!home && hint === '') return;
    report(policy.podSelectorAt, `NetworkPolicy "${facts.name ?? '(unnamed)'}" selects no pods: no workload in namespace "${namespace}" has labels matching ${formatSelector(policy.podSelector)}${hint}`);
  },
};

export default rule;
