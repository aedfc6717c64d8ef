import { WORKLOAD_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { formatLabels } from '../../engine/selector';
import { hasCniNetworkPolicies, networkPolicyCoverage } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'workload-network-policy-missing',
    category: 'networking',
    severity: 'info',
    description: 'No NetworkPolicy governing ingress in the namespace selects the workload\'s pods.',
    rationale:
      'A pod that no NetworkPolicy selects accepts connections from anywhere in the cluster and may connect anywhere. A default-deny policy of the namespace counts as selecting it; the rule points at the workloads that stay open when the namespace has none. A policy whose policyTypes list Egress only restricts where the pods connect, not who connects to them: their ingress stays open. Job and CronJob pods count too: a migration or backup job usually holds database credentials. Silent when Calico, Cilium or AdminNetworkPolicy policies are present, which this linter cannot evaluate.',
    remediation: 'Add a default-deny NetworkPolicy to the namespace and a policy selecting the pod labels that allows only the traffic the workload needs.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#isolated-and-non-isolated-pods',
    peers: { 'kube-linter': ['non-isolated-pod'], 'kube-score': ['pod-networkpolicy'], polaris: ['missingNetworkPolicy'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    const namespace = resource.namespace;
    if (!facts.workload || namespace === undefined || hasCniNetworkPolicies(index, namespace)) return;
    const coverage = networkPolicyCoverage(index, namespace);
    // An unreadable selector may well select the pods: say nothing rather than guess.
    if (coverage.unreadable || coverage.selected.has(resource)) return;
    const subject = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    const egressOnly = coverage.egressOnly.get(resource);
    if (egressOnly) {
      const names = egressOnly.map((policy) => `"${policy.facts.name ?? '(unnamed)'}"`);
      const which = names.length === 1 ? `only NetworkPolicy ${names.join('')} selects its pods, and it governs` : `only NetworkPolicies ${names.join(', ')} select its pods, and they govern`;
      report(undefined, `${subject}: ${which} egress only: ingress is open`);
      return;
    }
    const labels = Object.keys(facts.workload.podLabels).length > 0 ? `labels ${formatLabels(facts.workload.podLabels)}` : 'no pod labels';
    report(undefined, `${subject}: no NetworkPolicy in namespace "${namespace}" selects its pods (${labels})`);
  },
};

export default rule;
