import { containerAnchor } from '../../engine/anchors';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { livenessProbe } from '../../engine/fix/probes';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'liveness-probe-missing',
    category: 'health-checks',
    severity: 'warning',
    description: 'A container of a long-running workload has no livenessProbe.',
    rationale:
      'Without a liveness probe the kubelet only restarts a container whose process exits. A deadlocked or wedged process keeps its pod Running and keeps receiving traffic until someone notices.',
    remediation: 'Add a livenessProbe (httpGet on a health endpoint, or tcpSocket) with initialDelaySeconds, periodSeconds and failureThreshold.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    peers: { 'kube-linter': ['no-liveness-probe'], 'kube-score': ['pod-probes'], polaris: ['livenessProbeMissing'] },
    fixable: true,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['regular'])) {
      if (!read.map(container.node, 'livenessProbe')) {
        report({
          at: containerAnchor(object, container),
          message: `${describe(object, container)}: no livenessProbe`,
          fix: { title: `Add a livenessProbe to container "${container.name}"`, edits: (editor) => editor.merge(container.node, livenessProbe(object, container)) },
        });
      }
    }
  },
};

export default rule;
