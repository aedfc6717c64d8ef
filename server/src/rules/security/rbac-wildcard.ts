import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { policyRules, ruleLabel, type PolicyRule } from '../../engine/rbac';
import type { Rule } from '../../engine/rule';

const FIELDS = [
  ['verbs', 'all verbs'],
  ['resources', 'all resources'],
  ['apiGroups', 'all API groups'],
] as const;

/**
 * Aggregated metrics APIs serve only get and list: a wildcard confined to them (the standard
 * prometheus-adapter / metrics-server roles) can never grant a write or reach another group.
 */
const READ_ONLY_GROUPS = new Set(['metrics.k8s.io', 'custom.metrics.k8s.io', 'external.metrics.k8s.io']);

function confinedToReadOnlyGroups(policy: PolicyRule): boolean {
  return policy.apiGroups.length > 0 && policy.apiGroups.every((g) => READ_ONLY_GROUPS.has(g.value));
}

const rule: Rule = {
  meta: {
    id: 'rbac-wildcard',
    category: 'security',
    severity: 'warning',
    description: 'A Role or ClusterRole rule uses "*" in verbs, resources or apiGroups.',
    rationale:
      'A wildcard grants every current and future verb, resource or API group, including ones added later by CRDs or Kubernetes upgrades, so the role silently grows. "*" verbs include escalate, bind and impersonate, and "*" resources include Secrets and pods/exec: such a role is one step from cluster-admin.',
    remediation: 'List the verbs, resources and API groups the workload actually uses (`kubectl auth can-i --list` or audit logs show them).',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    peers: { 'kube-linter': ['wildcard-in-rules'] },
    fixable: false,
    kinds: RBAC_ROLE_KINDS,
  },
  check({ object, read, report }) {
    for (const policy of policyRules(read, object.root)) {
      if (confinedToReadOnlyGroups(policy)) continue;
      for (const [field, meaning] of FIELDS) {
        // Only the bare "*"; subresource patterns like "*/scale" are narrow by design. This rule says the
        // role grows with the cluster; rbac-secrets-read, rbac-pod-exec and rbac-privilege-verbs say, on the
        // same item, what the wildcard grants today (Secrets, exec, escalation), each at most once per item.
        // The finding points at the "*" item itself, in block (`- "*"`) and flow (`["*"]`) style alike.
        for (const item of policy[field].filter((i) => i.value === '*')) {
          report({ at: nodeSpan(item.node), message: `${describe(object)}: ${ruleLabel(policy)} grants ${meaning} ("*" in ${field})` });
        }
      }
    }
  },
};

export default rule;
