import { containerAnchor, keyAnchor } from '../../engine/anchors';
import { dropAllFix } from '../../engine/fix/securityContext';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { capabilityList, containerSecurityContext, isWindowsPod } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'capabilities-not-dropped',
    category: 'security',
    severity: 'warning',
    description: 'A container does not drop ALL Linux capabilities.',
    rationale:
      'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE and more) that almost no application needs and that widen what an attacker can do after a compromise, for example spoofing packets with NET_RAW. Dropping ALL and adding back only what is needed is the restricted Pod Security Standard.',
    remediation: 'Add capabilities: {drop: [ALL]} to the container securityContext; add back individual capabilities (e.g. NET_BIND_SERVICE) only where needed.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
    peers: { 'kube-linter': ['drop-net-raw-capability'], polaris: ['insecureCapabilities', 'linuxHardening'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // Linux capabilities do not exist for Windows containers.
    if (isWindowsPod(object)) return;
    for (const container of podContainers(object)) {
      const securityContext = containerSecurityContext(object, container);
      // A privileged container has every capability whatever it drops; privileged-container reports that.
      if (read.boolean(securityContext, 'privileged') === true) continue;
      const drop = capabilityList(object, container, 'drop');
      // Runtimes accept "all" in any case, but not "CAP_ALL": compare the raw value.
      if (drop.some((c) => c.raw.trim().toUpperCase() === 'ALL')) continue;
      const capabilities = read.map(securityContext, 'capabilities');
      const listed = drop.length > 0 ? ` [${drop.map((c) => c.raw).join(', ')}]` : '';
      report({
        at: keyAnchor(read, capabilities, 'drop', containerAnchor(object, container)),
        message: `${describe(object, container)}: capabilities.drop${listed} does not include ALL`,
        fix: dropAllFix(object, container),
      });
    }
  },
};

export default rule;
