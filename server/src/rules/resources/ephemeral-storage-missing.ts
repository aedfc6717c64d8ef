import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { mergeOwn } from '../../engine/fix/own';
import { ephemeralStorageRequestAndLimit, resourceLimit } from '../../engine/fix/resources';
import { declaresResource } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'ephemeral-storage-missing',
    category: 'resources',
    severity: 'info',
    disabledByDefault: true,
    description: 'A container has no ephemeral-storage limit, or neither an ephemeral-storage request nor a limit.',
    rationale:
      'Logs, emptyDir volumes and the writable layer all consume the node\'s local disk. A container that fills it triggers disk-pressure eviction of every pod on the node; with an ephemeral-storage limit only the offender is evicted, and with a request the scheduler avoids nodes that lack the space.',
    remediation:
      'Set resources.limits.ephemeral-storage to the local disk the container may use, e.g. 1Gi, and resources.requests.ephemeral-storage to what it needs to be scheduled (a limit alone sets the request to the same value).',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
    peers: { 'kube-linter': ['unset-ephemeral-storage-requirements'], 'kube-score': ['container-ephemeral-storage-request-and-limit'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular'])) {
      // A limit alone is enough: nothing else bounds the container's disk use, and the API server
      // copies it into the missing request. Without a limit the request decides the message and fix:
      // a container with neither gets both, one with a request only gets a limit that fits it.
      if (declaresResource(read, container.node, 'limits', 'ephemeral-storage')) continue;
      const hasRequest = declaresResource(read, container.node, 'requests', 'ephemeral-storage');
      const edits = mergeOwn(read, container.node, hasRequest ? resourceLimit(read, container.node, 'ephemeral-storage') : ephemeralStorageRequestAndLimit());
      report({
        at: containerAnchor(object, container),
        message: `${describe(object, container)}: no ${hasRequest ? 'resources.limits.ephemeral-storage' : 'resources.requests.ephemeral-storage or resources.limits.ephemeral-storage'}`,
        fix: edits && { title: `Add an ephemeral-storage ${hasRequest ? 'limit' : 'request and limit'} to container "${container.name}"`, edits },
      });
    }
  },
};

export default rule;
