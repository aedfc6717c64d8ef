import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { readInteger } from '../../engine/securityContext';

const SSH_PORT = 22;

const rule: Rule = {
  meta: {
    id: 'privileged-port',
    category: 'security',
    severity: 'info',
    description: 'A container listens on a port below 1024 (22 in particular, SSH).',
    rationale:
      'Binding a port below 1024 traditionally needs root or the NET_BIND_SERVICE capability, which works against running as non-root with all capabilities dropped; inside a pod there is no reason to, since a Service can map port 80 to 8080. Port 22 usually means an SSH server in the container: an extra way in that bypasses kubectl exec auditing and RBAC.',
    remediation: 'Listen on a port of 1024 or above and let the Service map the public port to it; do not run SSH in containers (use kubectl exec or debug containers).',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/',
    peers: { 'kube-linter': ['privileged-ports', 'ssh-port'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object)) {
      for (const port of read.maps(container.node, 'ports')) {
        const number = readInteger(read, port, 'containerPort');
        if (number === undefined || number <= 0 || number >= 1024) continue;
        const ssh = number === SSH_PORT ? ' (SSH: containers should not run an SSH server)' : '';
        report({ at: fieldAnchor(read, port, 'containerPort', undefined), message: `${describe(object, container)}: containerPort ${number} is below 1024${ssh}` });
      }
    }
  },
};

export default rule;
