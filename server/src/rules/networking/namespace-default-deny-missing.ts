import { defaultDenyPolicy, freeName, statedNamespace } from '../../engine/fix/namespaceObjects';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { hasCniNetworkPolicies, namespaceFindingAnchor, namespaceSpokenFor } from '../../engine/workspace/queries';

// Egress default-deny is opt-in (requireEgress). It is sound practice, but it obliges every
// namespace to list DNS, the API server and each external dependency as allowed egress, and many
// well-run clusters deny ingress only; asking for it by default would flag correct setups.
const rule: WorkspaceRule = {
  meta: {
    id: 'namespace-default-deny-missing',
    category: 'networking',
    severity: 'warning',
    description: 'A namespace with workloads has no default-deny NetworkPolicy in the workspace.',
    rationale:
      'Pods accept traffic from every pod of the cluster until a NetworkPolicy selects them. A default-deny policy (podSelector: {} and no ingress rules) isolates every pod of the namespace, including the ones added later, so one compromised pod cannot reach the rest and each allowed flow is written down. The finding is placed on the Namespace object, or on the namespace\'s first workload when the workspace has no Namespace object; it is silent when Calico, Cilium or AdminNetworkPolicy policies are present, which this linter cannot evaluate.',
    remediation: 'Add a NetworkPolicy with `podSelector: {}`, `policyTypes: [Ingress]` (and Egress if you deny egress too) and no rules, then one policy per workload that allows the traffic it needs.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
    fixable: true,
    kinds: ['Namespace', ...WORKLOAD_KINDS],
    options: {
      requireEgress: {
        schema: { type: 'boolean' },
        default: false,
        description: 'Also require a default-deny policy for egress.',
      },
      exemptNamespaces: {
        schema: { type: 'array', items: { type: 'string' } },
        default: ['kube-system', 'kube-public', 'kube-node-lease'],
        description: 'Namespaces that need no default-deny policy (system namespaces run the cluster\'s own networking and DNS).',
      },
    },
  },
  checkWorkspace({ resource, index, options, report }) {
    const namespace = namespaceSpokenFor(resource);
    if (namespace === undefined || namespaceFindingAnchor(index, namespace) !== resource) return;
    const exempt = Array.isArray(options.exemptNamespaces) ? options.exemptNamespaces : [];
    if (exempt.includes(namespace) || hasCniNetworkPolicies(index, namespace)) return;
    const policies = index.ofKind('NetworkPolicy', namespace).filter((policy) => policy.facts.builtin);
    const missing: string[] = [];
    if (!policies.some((policy) => policy.facts.networkPolicy?.defaultDeny.ingress)) missing.push('ingress');
    if (options.requireEgress === true && !policies.some((policy) => policy.facts.networkPolicy?.defaultDeny.egress)) missing.push('egress');
    if (missing.length === 0) return;
    const workloads = index.workloads(namespace).length;
    const egress = options.requireEgress === true;
    const name = freeName(index, 'NetworkPolicy', namespace, 'default-deny');
    report(
      undefined,
      `Namespace "${namespace}" has ${workloads} ${workloads === 1 ? 'workload' : 'workloads'} and no default-deny NetworkPolicy for ${missing.join(' and ')} (podSelector: {} with no ${missing.join(' or ')} rules)`,
      {
        title: `Create a default-deny NetworkPolicy for namespace "${namespace}"`,
        // The seed's policy: both directions when egress is required (denying ingress twice is harmless).
        edits: (editor) => editor.appendDocument(defaultDenyPolicy(name, statedNamespace(resource), egress)),
      },
    );
  },
};

export default rule;
