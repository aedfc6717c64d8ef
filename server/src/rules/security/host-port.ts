import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { readInteger } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'host-port',
    category: 'security',
    severity: 'warning',
    description: 'A container port is bound to a port of the node (hostPort).',
    rationale:
      'A hostPort exposes the container on the node\'s address outside Services and NetworkPolicies, and limits scheduling: only one pod using that port fits on a node, so rollouts and scale-ups stall with pods Pending. The baseline Pod Security Standard forbids host ports.',
    remediation: 'Remove hostPort and expose the port through a Service (NodePort or LoadBalancer if it must be reachable from outside).',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/overview/',
    peers: { polaris: ['hostPortSet'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // With hostNetwork every port is already a node port (host-namespaces reports it as an error);
    // the API even requires hostPort to equal containerPort there, so the entry adds no exposure.
    if (object.podSpec && read.boolean(object.podSpec.node, 'hostNetwork') === true) return;
    for (const container of podContainers(object)) {
      for (const port of read.maps(container.node, 'ports')) {
        const hostPort = readInteger(read, port, 'hostPort');
        if (hostPort === undefined || hostPort <= 0) continue;
        report({ at: fieldAnchor(read, port, 'hostPort', undefined), message: `${describe(object, container)}: hostPort ${hostPort} is set` });
      }
    }
  },
};

export default rule;
