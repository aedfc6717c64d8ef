import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { mergeOwn } from '../../engine/fix/own';
import { resourceLimit } from '../../engine/fix/resources';
import { declaresResource } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'ephemeral-storage-missing',
    category: 'resources',
    severity: 'info',
    disabledByDefault: true,
    description: 'A container has no ephemeral-storage limit (or request).',
    rationale:
      'Logs, emptyDir volumes and the writable layer all consume the node\'s local disk. A container that fills it triggers disk-pressure eviction of every pod on the node; with an ephemeral-storage limit only the offender is evicted, and with a request the scheduler avoids nodes that lack the space.',
    remediation: 'Set resources.limits.ephemeral-storage (and resources.requests.ephemeral-storage if it should differ) to the local disk the container may use, e.g. 1Gi.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
    peers: { 'kube-linter': ['unset-ephemeral-storage-requirements'], 'kube-score': ['container-ephemeral-storage-request-and-limit'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular'])) {
      // Only the limit is checked: nothing else bounds the container's disk use, and the API
      // server defaults a missing request from it.
      if (!declaresResource(read, container.node, 'limits', 'ephemeral-storage')) {
        const edits = mergeOwn(read, container.node, resourceLimit(read, container.node, 'ephemeral-storage'));
        report({
          at: containerAnchor(object, container),
          message: `${describe(object, container)}: no resources.limits.ephemeral-storage`,
          fix: edits && { title: `Add an ephemeral-storage limit to container "${container.name}"`, edits },
        });
      }
    }
  },
};

export default rule;
