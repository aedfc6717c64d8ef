import { kindAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { mergeOwn } from '../../engine/fix/own';
import { describe } from '../../engine/model';
import { pairSpan } from '../../engine/nodes';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'service-account-token',
    category: 'security',
    severity: 'info',
    description: "A pod runs as its namespace's default service account with the API token mounted.",
    rationale:
      'Every pod gets a token for its service account mounted by default, and most applications never call the Kubernetes API: the token only helps an attacker who gets code execution. Running as the shared default account also means any permission someone grants it is granted to every such pod in the namespace.',
    remediation: 'Set automountServiceAccountToken: false in the pod spec, or give the workload its own ServiceAccount with only the permissions it needs.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/',
    peers: { 'kube-linter': ['default-service-account'], polaris: ['automountServiceAccountToken'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    const spec = object.podSpec?.node;
    if (!spec) return;
    // serviceAccount is the deprecated alias, used when serviceAccountName is absent or empty (API defaulting).
    const account = read.text(spec, 'serviceAccountName') || read.text(spec, 'serviceAccount') || 'default';
    if (account !== 'default') return;
    const automount = read.boolean(spec, 'automountServiceAccountToken');
    if (automount === false) return;
    // Pod spec level: it wins over the ServiceAccount's own automountServiceAccountToken.
    const edits = mergeOwn(read, spec, { automountServiceAccountToken: false });
    const state = automount === true ? 'automountServiceAccountToken is true' : 'automountServiceAccountToken is not false';
    report({
      // The account entry when written; otherwise nothing in the pod spec is more specific than the object.
      at: pairSpan(read, spec, 'serviceAccountName') ?? pairSpan(read, spec, 'serviceAccount') ?? kindAnchor(object),
      message: `${describe(object)}: runs as the default service account and mounts its token (${state})`,
      fix: edits && { title: `Set automountServiceAccountToken: false on ${describe(object)}`, edits },
    });
  },
};

export default rule;
