import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { mergeOwn } from '../../engine/fix/own';
import { resourceLimit } from '../../engine/fix/resources';
import { declaresResource } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'memory-limit-missing',
    category: 'resources',
    severity: 'warning',
    description: 'A container has no memory limit.',
    rationale:
      'Memory is not compressible: a container without a limit can grow until the node runs out, and the kernel OOM killer or kubelet eviction then takes down other pods on the node as well. A limit confines a leak to the container that has it.',
    remediation: 'Set resources.limits.memory, usually equal to or somewhat above the memory request.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    peers: { 'kube-linter': ['unset-memory-requirements'], 'kube-score': ['container-resources'], polaris: ['memoryLimitsMissing'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular'])) {
      if (!declaresResource(read, container.node, 'limits', 'memory')) {
        const edits = mergeOwn(read, container.node, resourceLimit(read, container.node, 'memory'));
        report({
          at: containerAnchor(object, container),
          message: `${describe(object, container)}: no resources.limits.memory`,
          fix: edits && { title: `Add a memory limit to container "${container.name}"`, edits },
        });
      }
    }
  },
};

export default rule;
