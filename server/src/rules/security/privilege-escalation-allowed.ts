import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { noEscalationFix } from '../../engine/fix/securityContext';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { capabilityList, containerSecurityContext, isWindowsPod } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'privilege-escalation-allowed',
    category: 'security',
    severity: 'warning',
    description: 'A container does not set allowPrivilegeEscalation: false.',
    rationale:
      'Unless allowPrivilegeEscalation is false, the container process can gain more privileges than it started with through setuid binaries or file capabilities, turning a compromised non-root process into root. Setting it to false sets no_new_privs on the process, and the restricted Pod Security Standard requires it.',
    remediation: 'Set allowPrivilegeEscalation: false in the container securityContext (and do not add SYS_ADMIN).',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    peers: { 'kube-linter': ['privilege-escalation-container'], polaris: ['privilegeEscalationAllowed'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // no_new_privs is a Linux notion; the API rejects the field for Windows pods.
    if (isWindowsPod(object)) return;
    for (const container of podContainers(object)) {
      const securityContext = containerSecurityContext(object, container);
      // A privileged container escalates by definition (privileged-container reports it), and the API
      // rejects allowPrivilegeEscalation: false next to privileged: true, so the fix would not apply.
      if (read.boolean(securityContext, 'privileged') === true) continue;
      const who = describe(object, container);
      const at = fieldAnchor(read, securityContext, 'allowPrivilegeEscalation', containerAnchor(object, container));
      const sysAdmin = capabilityList(object, container, 'add').find((c) => c.name === 'SYS_ADMIN' || c.name === 'ALL');
      if (sysAdmin) {
        report({ at, message: `${who}: allowPrivilegeEscalation is always true with capability ${sysAdmin.raw} added` });
        continue;
      }
      const value = read.boolean(securityContext, 'allowPrivilegeEscalation');
      if (value === false) continue;
      report({ at, message: `${who}: allowPrivilegeEscalation is ${value === true ? 'true' : 'not false'}`, fix: noEscalationFix(object, container) });
    }
  },
};

export default rule;
