import { nodeSpan } from '../../engine/nodes';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { capabilityList, capabilityName } from '../../engine/securityContext';

/**
 * Capabilities that hand a container the node or the kernel: escape (SYS_ADMIN, DAC_READ_SEARCH,
 * SYS_MODULE, SYS_RAWIO, SYS_PTRACE), node-wide effects (SYS_TIME, SYS_BOOT, NET_ADMIN on the node's
 * network with hostNetwork), kernel programmability (BPF, PERFMON) or switching off the LSM
 * (MAC_ADMIN, MAC_OVERRIDE). NET_RAW is deliberately absent: runtimes grant it by default, it is
 * confined to the pod's network namespace and ping-style tools need it; capabilities-not-dropped
 * already asks for it to be dropped. Teams enforcing the baseline standard can add it.
 */
export const DEFAULT_DANGEROUS_CAPABILITIES = [
  'ALL',
  'SYS_ADMIN',
  'NET_ADMIN',
  'SYS_PTRACE',
  'SYS_MODULE',
  'SYS_RAWIO',
  'SYS_BOOT',
  'SYS_TIME',
  'DAC_READ_SEARCH',
  'BPF',
  'PERFMON',
  'MAC_ADMIN',
  'MAC_OVERRIDE',
];

const rule: Rule = {
  meta: {
    id: 'dangerous-capabilities',
    category: 'security',
    severity: 'error',
    description: 'A container adds a Linux capability that gives it power over the node or kernel.',
    rationale:
      'Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE or DAC_READ_SEARCH are enough to break out of the container, and others (SYS_TIME, NET_ADMIN, BPF) change the whole node. The baseline Pod Security Standard only allows adding a short list of harmless capabilities; anything beyond it is rejected in namespaces that enforce it.',
    remediation: 'Remove the capability from capabilities.add; if the workload truly needs it, isolate it (dedicated nodes, a reviewed exception) rather than granting it by default.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    peers: { polaris: ['dangerousCapabilities'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
    options: {
      capabilities: {
        schema: { type: 'array', items: { type: 'string' } },
        default: DEFAULT_DANGEROUS_CAPABILITIES,
        description: 'Capabilities reported when added (with or without the CAP_ prefix, any case).',
      },
    },
  },
  check({ object, options, report }) {
    const configured = Array.isArray(options.capabilities) ? options.capabilities : DEFAULT_DANGEROUS_CAPABILITIES;
    const dangerous = new Set(configured.filter((c): c is string => typeof c === 'string').map(capabilityName));
    for (const container of podContainers(object, ['init', 'regular', 'ephemeral'])) {
      for (const capability of capabilityList(object, container, 'add')) {
        if (!dangerous.has(capability.name)) continue;
        report({ at: nodeSpan(capability.node), message: `${describe(object, container)}: capabilities.add includes ${capability.raw}` });
      }
    }
  },
};

export default rule;
