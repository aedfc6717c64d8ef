import { isScalar } from 'yaml';
import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

const rule: Rule = {
  meta: {
    id: 'probe-port-undeclared',
    category: 'health-checks',
    severity: 'error',
    description: 'A probe refers to a named port that the container does not declare.',
    rationale:
      'The kubelet resolves a named probe port against the container\'s own ports[].name. When no port has that name the probe cannot run and counts as failed: a liveness probe restarts the container forever and a readiness probe keeps the pod out of its Services, although the application itself is fine.',
    remediation: 'Declare the port under the container\'s ports with that name, or change the probe to the name (or number) of a port the container declares.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    peers: { 'kube-linter': ['liveness-port', 'readiness-port', 'startup-port'] },
    fixable: false,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    // Init containers normally have no probes; a sidecar-style one that does is checked like any other.
    for (const container of podContainers(object, ['init', 'regular'])) {
      const declared = new Set(read.maps(container.node, 'ports').map((port) => read.text(port, 'name')));
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const action = read.map(container.node, probe, handler);
          const port = read.get(action, 'port');
          if (!isScalar(port) || typeof port.value !== 'string') continue;
          const name = port.value;
          // The kubelet parses an undeclared all-digit name as a number; `{{ ... }}` is a template's business.
          if (name.trim() === '' || /^\d+$/.test(name) || name.includes('{{') || declared.has(name)) continue;
          report({
            at: fieldAnchor(read, action, 'port', containerAnchor(object, container)),
            message: `${describe(object, container)}: ${probe}.${handler}.port "${name}" is not declared in the container's ports[].name`,
          });
        }
      }
    }
  },
};

export default rule;
