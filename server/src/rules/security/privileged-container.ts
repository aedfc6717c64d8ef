import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'privileged-container',
    category: 'security',
    severity: 'error',
    description: 'A container runs privileged.',
    rationale:
      'A privileged container has every capability and access to all host devices: escaping to the node is trivial. The restricted and baseline Pod Security Standards both forbid it.',
    remediation: 'Remove `privileged: true`; grant only the specific capabilities the process needs.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    peers: { 'kube-linter': ['privileged-container'], 'kube-score': ['container-security-context-privileged', 'container-security-context'], polaris: ['runAsPrivileged'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular', 'ephemeral'])) {
      const securityContext = read.map(container.node, 'securityContext');
      if (read.boolean(securityContext, 'privileged') === true) {
        report({ at: fieldAnchor(read, securityContext, 'privileged', undefined), message: `${describe(object, container)}: runs privileged` });
      }
    }
  },
};

export default rule;
