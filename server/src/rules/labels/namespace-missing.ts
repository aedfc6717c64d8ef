import { fieldAnchor, keyAnchor, kindAnchor } from '../../engine/anchors';
import { NAMESPACED_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'namespace-missing',
    category: 'labels',
    severity: 'info',
    disabledByDefault: true,
    description: 'A namespaced object does not set metadata.namespace.',
    rationale:
      'Without metadata.namespace the object lands in whatever namespace the kubectl context points at, usually default, where it shares quotas, network policies and RBAC with everything else that got there by accident. Off by default because kustomize and Helm commonly set the namespace at deploy time.',
    remediation: 'Set metadata.namespace explicitly (or let kustomize/Helm set it and keep this rule off).',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    peers: { 'kube-linter': ['use-namespace'] },
    fixable: false,
    kinds: NAMESPACED_KINDS,
  },
  check({ object, read, report }) {
    if (object.namespace) return;
    const at = fieldAnchor(read, object.metadata, 'name', keyAnchor(read, object.root, 'metadata', kindAnchor(object)));
    report({ at, message: `${describe(object)}: no metadata.namespace (it lands in the current context's namespace, usually default)` });
  },
};

export default rule;
