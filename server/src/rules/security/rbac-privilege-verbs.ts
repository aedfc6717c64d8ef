import { RBAC_ROLE_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { coversGroup, listWords, policyRules, ruleLabel, type PolicyRule } from '../../engine/rbac';
import type { Rule } from '../../engine/rule';

interface PrivilegeVerb {
  verb: 'bind' | 'escalate' | 'impersonate';
  /** What the verb lets its holder do. */
  effect: string;
  /** The resources the verb means something on, by API group; other resources make it a no-op. */
  targets: ReadonlyArray<{ group: string; resources: readonly string[] }>;
}

const RBAC_ROLES = [{ group: 'rbac.authorization.k8s.io', resources: ['roles', 'clusterroles'] }];
const PRIVILEGE_VERBS: readonly PrivilegeVerb[] = [
  { verb: 'bind', effect: 'can bind roles whose permissions it does not hold', targets: RBAC_ROLES },
  { verb: 'escalate', effect: 'can give roles permissions it does not hold', targets: RBAC_ROLES },
  {
    verb: 'impersonate',
    effect: 'can act as other users, groups or service accounts',
    targets: [
      { group: '', resources: ['users', 'groups', 'serviceaccounts'] },
      { group: 'authentication.k8s.io', resources: ['uids', 'userextras'] },
    ],
  },
];

/**
 * Whether the rule reaches a resource the verb acts on; `userextras/scopes` counts as `userextras`.
 * With `resourceWildcard`, resources "*" counts too: it covers roles, users and the rest.
 */
function appliesTo(policy: PolicyRule, privilege: PrivilegeVerb, resourceWildcard: boolean): boolean {
  return privilege.targets.some(
    (target) =>
      coversGroup(policy, [target.group]) &&
      policy.resources.some((r) => (resourceWildcard && r.value === '*') || target.resources.includes(r.value.split('/')[0])),
  );
}

const rule: Rule = {
  meta: {
    id: 'rbac-privilege-verbs',
    category: 'security',
    severity: 'warning',
    description: 'A Role or ClusterRole grants the bind, escalate or impersonate verb, named or through verbs "*".',
    rationale:
      'RBAC normally stops a subject from granting permissions it does not hold; bind and escalate are the explicit exceptions, and impersonate lets a subject act with the permissions of another identity. Any of them is a path to cluster-admin if the holder is compromised.',
    remediation: 'Remove the verb, or restrict it with resourceNames to the specific roles or identities the workload must bind or impersonate.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
    fixable: false,
    kinds: RBAC_ROLE_KINDS,
  },
  check({ object, read, report }) {
    for (const policy of policyRules(read, object.root)) {
      for (const privilege of PRIVILEGE_VERBS) {
        for (const item of policy.verbs.filter((v) => v.value === privilege.verb)) {
          // A named verb counts on "*" resources too: the author asked for it.
          if (!appliesTo(policy, privilege, true)) continue;
          report({ at: nodeSpan(item.node), message: `${describe(object)}: ${ruleLabel(policy)} grants ${privilege.verb}: ${privilege.effect}` });
        }
      }
      // verbs: ["*"] implies these verbs on roles or identities, named or reached through resources "*".
      // rbac-wildcard says that "*" grows with the cluster; this finding says which escalation paths it opens.
      const implied = PRIVILEGE_VERBS.filter((p) => appliesTo(policy, p, true)).map((p) => p.verb);
      if (implied.length === 0) continue;
      const through = PRIVILEGE_VERBS.some((p) => appliesTo(policy, p, false)) ? '' : ' through resources "*"';
      for (const item of policy.verbs.filter((v) => v.value === '*')) {
        report({ at: nodeSpan(item.node), message: `${describe(object)}: ${ruleLabel(policy)} grants all verbs ("*"), which include ${listWords(implied)}${through}` });
      }
    }
  },
};

export default rule;
