import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { seccompFix } from '../../engine/fix/securityContext';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { effectiveSeccomp, isWindowsPod, type SeccompSetting } from '../../engine/securityContext';

function unconfinedMessage(setting: SeccompSetting): string {
  if (setting.source === 'annotation') return `annotation ${setting.key} is unconfined`;
  return `seccompProfile type is Unconfined${setting.level === 'pod' ? ' in the pod securityContext' : ''}`;
}

const rule: Rule = {
  meta: {
    id: 'seccomp-profile-missing',
    category: 'security',
    severity: 'warning',
    description: 'A container runs without a RuntimeDefault or Localhost seccomp profile.',
    rationale:
      'Without a seccomp profile the container runs Unconfined: every system call of the kernel is reachable, including the rarely used ones behind many container-escape exploits. RuntimeDefault blocks them at negligible cost and is required by the restricted Pod Security Standard.',
    remediation: 'Set seccompProfile: {type: RuntimeDefault} in the pod securityContext (or a Localhost profile), and do not override it with Unconfined in a container.',
    docsUrl: 'https://kubernetes.io/docs/tutorials/security/seccomp/',
    peers: { 'kube-score': ['container-seccomp-profile'], polaris: ['linuxHardening'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // seccomp is Linux-only; the API rejects seccompProfile for Windows pods.
    if (isWindowsPod(object)) return;
    for (const container of podContainers(object)) {
      const setting = effectiveSeccomp(object, container);
      if (setting?.value === 'RuntimeDefault' || setting?.value === 'Localhost') continue;
      const who = describe(object, container);
      const fix = seccompFix(object, container, setting);
      if (setting?.value === 'Unconfined') {
        report({ at: fieldAnchor(read, setting.owner, setting.key, containerAnchor(object, container)), message: `${who}: ${unconfinedMessage(setting)}`, fix });
      } else {
        report({ at: containerAnchor(object, container), message: `${who}: no seccompProfile (RuntimeDefault or Localhost)`, fix });
      }
    }
  },
};

export default rule;
