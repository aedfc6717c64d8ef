import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

const NAMESPACES = [
  ['hostNetwork', "the pod shares the node's network namespace"],
  ['hostPID', 'the pod sees and can signal every process on the node'],
  ['hostIPC', "the pod shares the node's IPC namespace"],
] as const;

const rule: Rule = {
  meta: {
    id: 'host-namespaces',
    category: 'security',
    severity: 'error',
    description: 'A pod shares a namespace of its node (hostNetwork, hostPID or hostIPC).',
    rationale:
      "Sharing the node's network, process or IPC namespace removes a layer of container isolation: the pod can bind node ports and sniff node traffic, inspect and signal every process of the node, or read other workloads' shared memory. The baseline Pod Security Standard forbids all three.",
    remediation: 'Remove hostNetwork, hostPID and hostIPC (or set them to false); expose ports through a Service instead of the node network.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    peers: { 'kube-linter': ['host-ipc', 'host-network', 'host-pid'], polaris: ['hostIPCSet', 'hostNetworkSet', 'hostPIDSet'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    const spec = object.podSpec?.node;
    if (!spec) return;
    for (const [key, consequence] of NAMESPACES) {
      if (read.boolean(spec, key) !== true) continue;
      report({ at: fieldAnchor(read, spec, key, undefined), message: `${describe(object)}: ${key} is true (${consequence})` });
    }
  },
};

export default rule;
