import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { coversGroup, grantedVerbs, grantingItem, listWords, policyRules, ruleLabel, throughWildcard } from '../../engine/rbac';
import type { Rule } from '../../engine/rule';

const READ_VERBS = ['get', 'list', 'watch'] as const;

const rule: Rule = {
  meta: {
    id: 'rbac-secrets-read',
    category: 'security',
    severity: 'info',
    description: 'A Role or ClusterRole can read Secrets, named or through resources "*".',
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
      // resources: ["*"] reads Secrets as surely as naming them: rbac-wildcard says the role grows with
      // the cluster, this rule says what it reads today, once per rule entry (the explicit item if any).
      const item = grantingItem(policy, 'secrets');
      if (!item) continue;
      report({ at: nodeSpan(item.node), message: `${describe(object)}: ${ruleLabel(policy)} grants ${listWords(verbs)} on secrets${throughWildcard(item, 'secrets')}` });
    }
  },
};

export default rule;
