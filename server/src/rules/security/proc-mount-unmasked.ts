import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { containerSecurityContext } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'proc-mount-unmasked',
    category: 'security',
    severity: 'error',
    description: 'A container sets procMount to anything other than Default (such as Unmasked).',
    rationale:
      "The container runtime masks parts of /proc (kcore, keys, sysrq-trigger, timer lists) and makes others read-only because they leak host information or control the node's kernel. Unmasked removes that protection; the baseline Pod Security Standard only allows the Default proc mount. Every other value is either Unmasked or one the API server rejects (a lowercase typo, a template left empty), so the pod does not run as written.",
    remediation: 'Remove procMount or set it to Default.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    peers: { 'kube-linter': ['unsafe-proc-mount'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular', 'ephemeral'])) {
      const securityContext = containerSecurityContext(object, container);
      // Any scalar counts (a number, a quoted ""); `procMount:` with no value is unset, which defaults to Default.
      const value = read.text(securityContext, 'procMount');
      if (value === undefined || value === 'Default') continue;
      const shown = value === 'Unmasked' ? value : JSON.stringify(value);
      report({ at: fieldAnchor(read, securityContext, 'procMount', undefined), message: `${describe(object, container)}: procMount is ${shown}, not Default` });
    }
  },
};

export default rule;
