import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { mergeOwn } from '../../engine/fix/own';
import { resourceRequests, type RequestedResource } from '../../engine/fix/resources';
import { hasEffectiveRequest } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

const CHECKED: readonly RequestedResource[] = ['cpu', 'memory'];

const rule: Rule = {
  meta: {
    id: 'resource-requests-missing',
    category: 'resources',
    severity: 'warning',
    description: 'A container has no CPU and/or memory request.',
    rationale:
      'The scheduler places pods by their requests: a container without them is packed onto nodes as if it needed nothing, and under memory pressure its BestEffort or Burstable pod is among the first evicted. Requests are also what the HPA measures utilisation against.',
    remediation: 'Set resources.requests.cpu and resources.requests.memory to the container\'s typical usage (e.g. 250m and 256Mi as a starting point, then tune from metrics).',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    peers: { 'kube-linter': ['unset-cpu-requirements', 'unset-memory-requirements'], 'kube-score': ['container-resources'], polaris: ['cpuRequestsMissing', 'memoryRequestsMissing'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // Init containers count too: the pod's effective request is the larger of the init and the regular containers' requests.
    for (const container of podContainers(object, ['init', 'regular'])) {
      // A limit without a request is not reported: the API server copies the limit into the request.
      const missing = CHECKED.filter((resource) => !hasEffectiveRequest(read, container.node, resource));
      if (missing.length === 0) continue;
      const what = missing.length === 1 ? `resources.requests.${missing[0]}` : `resources.requests for ${missing.join(' and ')}`;
      // Only the missing requests: a request the author set is a measured figure, not ours to replace.
      const edits = mergeOwn(read, container.node, resourceRequests(read, container.node, missing));
      const title = missing.length === 2 ? `Add CPU and memory requests to container "${container.name}"` : `Add a ${missing[0] === 'cpu' ? 'CPU' : 'memory'} request to container "${container.name}"`;
      report({ at: containerAnchor(object, container), message: `${describe(object, container)}: no ${what}`, fix: edits && { title, edits } });
    }
  },
};

export default rule;
