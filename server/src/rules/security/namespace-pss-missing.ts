import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { labelEdits } from '../../engine/fix/labels';
import { describe, type K8sObject } from '../../engine/model';
import type { FixSpec, Rule } from '../../engine/rule';

const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';
const WEAKER = new Set(['privileged', 'baseline']);

// Only the enforce label: enforce-version left out defaults to `latest`, the same as writing it, and
// pinning it needs the cluster's version, which the manifest does not tell. The remediation text
// suggests pinning for teams that want upgrades not to tighten the policy unannounced.
function enforceRestricted(object: K8sObject): FixSpec | undefined {
  const edits = labelEdits(object, { [ENFORCE_LABEL]: 'restricted' });
  return edits && { title: `Enforce the restricted Pod Security Standard on ${describe(object)}`, edits };
}

const rule: Rule = {
  meta: {
    id: 'namespace-pss-missing',
    category: 'security',
    severity: 'warning',
    description: 'A Namespace does not enforce the restricted Pod Security Standard.',
    rationale:
      'Without the pod-security.kubernetes.io/enforce label, Pod Security admission lets any pod into the namespace, privileged and host-namespace pods included. The per-container checks of this linter only cover manifests in the repository; the label makes the API server reject unsafe pods whoever creates them.',
    remediation: 'Add the label `pod-security.kubernetes.io/enforce: restricted` (with `pod-security.kubernetes.io/enforce-version` pinned to your cluster version); use warn/audit labels first to find pods that would be rejected.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-admission/',
    fixable: true,
    kinds: ['Namespace'],
    options: {
      exemptNamespaces: {
        schema: { type: 'array', items: { type: 'string' } },
        default: ['kube-system', 'kube-public', 'kube-node-lease'],
        description: 'Namespaces that need no enforce label (system namespaces run privileged components by design).',
      },
    },
  },
  check({ object, read, options, report }) {
    const exempt = Array.isArray(options.exemptNamespaces) ? options.exemptNamespaces : [];
    if (object.name !== undefined && exempt.includes(object.name)) return;
    const level = object.labels[ENFORCE_LABEL];
    if (level === undefined) {
      report({ at: kindAnchor(object), message: `${describe(object)}: no ${ENFORCE_LABEL} label (Pod Security admission enforces nothing)`, fix: enforceRestricted(object) });
      return;
    }
    if (level === 'restricted') return;
    const at = fieldAnchor(read, read.map(object.metadata, 'labels'), ENFORCE_LABEL, kindAnchor(object));
    const problem = WEAKER.has(level) ? `is "${level}", weaker than "restricted"` : `is "${level}", not a Pod Security level (privileged, baseline or restricted)`;
    report({ at, message: `${describe(object)}: ${ENFORCE_LABEL} ${problem}`, fix: enforceRestricted(object) });
  },
};

export default rule;
