import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { coversGroup, grantedVerbs, listWords, policyRules, ruleLabel } from '../../engine/rbac';
import type { Rule } from '../../engine/rule';

const READ_VERBS = ['get', 'list', 'watch'] as const;

const rule: Rule = {
  meta: {
    id: 'rbac-secrets-read',
    category: 'security',
    severity: 'info',
    description: 'A Role or ClusterRole can read Secrets.',
    rationale:
      'Reading Secrets means reading every credential they hold, including service account tokens that may carry more privileges than the reader itself. list and watch return the contents of all Secrets in scope, not just their names.',
    remediation: 'Restrict the rule with resourceNames to the Secrets the workload needs, or mount those Secrets into the pod instead of reading them through the API.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
    peers: { 'kube-linter': ['access-to-secrets'] },
    fixable: false,
    kinds: RBAC_ROLE_KINDS,
  },
  check({ object, read, report }) {
    for (const policy of policyRules(read, object.root)) {
      // resourceNames narrows the grant to named Secrets: the least-privilege form this rule asks for.
      if (policy.resourceNames.length > 0 || !coversGroup(policy, [''])) continue;
      const verbs = grantedVerbs(policy, READ_VERBS);
      if (verbs.length === 0) continue;
      // resources: ["*"] is reported by rbac-wildcard; this rule names explicit grants.
      for (const item of policy.resources.filter((r) => r.value === 'secrets')) {
        report({ at: nodeSpan(item.node), message: `${describe(object)}: ${ruleLabel(policy)} grants ${listWords(verbs)} on secrets` });
      }
    }
  },
};

export default rule;
