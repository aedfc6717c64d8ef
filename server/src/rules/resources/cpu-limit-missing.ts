import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { mergeOwn } from '../../engine/fix/own';
import { resourceLimit } from '../../engine/fix/resources';
import { declaresResource } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

// Info, not warning: many teams leave CPU limits out on purpose, since CFS throttling of a
// limited container can hurt latency more than a noisy neighbour does.
const rule: Rule = {
  meta: {
    id: 'cpu-limit-missing',
    category: 'resources',
    severity: 'info',
    description: 'A container has no CPU limit.',
    rationale:
      'Without a CPU limit a busy container can use every idle core of its node, so its performance depends on its neighbours and capacity tests overstate what it gets under load. Some teams omit CPU limits deliberately to avoid CFS throttling; then turn this rule off or keep it at info.',
    remediation: 'Set resources.limits.cpu, or disable this rule if your policy is to run without CPU limits.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    peers: { 'kube-linter': ['unset-cpu-requirements'], 'kube-score': ['container-resources'], polaris: ['cpuLimitsMissing'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular'])) {
      if (!declaresResource(read, container.node, 'limits', 'cpu')) {
        const edits = mergeOwn(read, container.node, resourceLimit(read, container.node, 'cpu'));
        report({
          at: containerAnchor(object, container),
          message: `${describe(object, container)}: no resources.limits.cpu`,
          fix: edits && { title: `Add a CPU limit to container "${container.name}"`, edits },
        });
      }
    }
  },
};

export default rule;
