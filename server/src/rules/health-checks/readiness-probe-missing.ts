import { containerAnchor } from '../../engine/anchors';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { mergeOwn } from '../../engine/fix/own';
import { readinessProbe } from '../../engine/fix/probes';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'readiness-probe-missing',
    category: 'health-checks',
    severity: 'warning',
    description: 'A container of a long-running workload has no readinessProbe.',
    rationale:
      'Without a readiness probe a pod counts as ready as soon as its containers start, so Services send it traffic before the application listens and keep sending it while it is overloaded or cut off from its dependencies. Rolling updates then replace healthy pods with pods that only look healthy, and users see the errors.',
    remediation: 'Add a readinessProbe (httpGet on a readiness endpoint such as /ready, or tcpSocket) with a short periodSeconds, e.g. 5.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    peers: { 'kube-linter': ['no-readiness-probe'], 'kube-score': ['pod-probes'], polaris: ['readinessProbeMissing'] },
    fixable: true,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    // Init containers run to completion before the pod can be ready: readiness means nothing for them.
    for (const container of podContainers(object, ['regular'])) {
      if (!read.map(container.node, 'readinessProbe')) {
        const edits = mergeOwn(read, container.node, readinessProbe(object, container));
        report({
          at: containerAnchor(object, container),
          message: `${describe(object, container)}: no readinessProbe`,
          fix: edits && { title: `Add a readinessProbe to container "${container.name}"`, edits },
        });
      }
    }
  },
};

export default rule;
