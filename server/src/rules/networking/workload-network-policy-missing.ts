import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { formatLabels } from '../../engine/selector';
import { hasCniNetworkPolicies, networkPolicyCoverage } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'workload-network-policy-missing',
    category: 'networking',
    severity: 'info',
    description: 'No NetworkPolicy in the namespace selects the workload\'s pods.',
    rationale:
      'A pod that no NetworkPolicy selects accepts connections from anywhere in the cluster and may connect anywhere. A default-deny policy of the namespace counts as selecting it; the rule points at the workloads that stay open when the namespace has none. Silent when Calico, Cilium or AdminNetworkPolicy policies are present, which this linter cannot evaluate.',
    remediation: 'Add a default-deny NetworkPolicy to the namespace and a policy selecting the pod labels that allows only the traffic the workload needs.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods',
    peers: { 'kube-linter': ['non-isolated-pod'], 'kube-score': ['pod-networkpolicy'], polaris: ['missingNetworkPolicy'] },
    fixable: false,
    kinds: LONG_RUNNING_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    const namespace = resource.namespace;
    if (!facts.workload || namespace === undefined || hasCniNetworkPolicies(index, namespace)) return;
    const coverage = networkPolicyCoverage(index, namespace);
    // An unreadable selector may well select the pods: say nothing rather than guess.
    if (coverage.unreadable || coverage.selected.has(resource)) return;
    report(undefined, `${facts.kind} "${facts.name ?? '(unnamed)'}": no NetworkPolicy in namespace "${namespace}" selects its pods (labels ${formatLabels(facts.workload.podLabels)})`);
  },
};

export default rule;
