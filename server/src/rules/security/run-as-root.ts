import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { nonRootFix } from '../../engine/fix/securityContext';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { effectiveSecurityContext, isWindowsPod } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'run-as-root',
    category: 'security',
    severity: 'warning',
    description: 'A container may run as root: runAsNonRoot is not true and no non-zero runAsUser is set, or runAsUser is 0.',
    rationale:
      'Most images default to UID 0, and root inside a container is root on the node as far as the kernel is concerned: any container escape or writable host mount becomes a node compromise. With runAsNonRoot: true the kubelet refuses to start a container whose image would run as root, instead of silently running it.',
    remediation:
      'Add a pod securityContext with runAsNonRoot: true, a non-zero runAsUser (and runAsGroup/fsGroup), and seccompProfile RuntimeDefault; remove runAsUser: 0.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    peers: { 'kube-linter': ['run-as-non-root'], polaris: ['runAsRootAllowed'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // Windows containers have no UIDs (runAsUser is Linux-only); only runAsNonRoot means something there.
    const windows = isWindowsPod(object);
    for (const container of podContainers(object)) {
      const { runAsNonRoot, runAsUser } = effectiveSecurityContext(object, container);
      const who = describe(object, container);
      if (!windows && runAsUser?.value === 0) {
        const where = runAsUser.level === 'pod' ? ' in the pod securityContext' : '';
        report({ at: fieldAnchor(read, runAsUser.owner, 'runAsUser', containerAnchor(object, container)), message: `${who}: runAsUser is 0 (root)${where}`, fix: nonRootFix(object, container) });
        continue;
      }
      if (runAsNonRoot?.value === true) continue;
      if (!windows && runAsUser !== undefined && runAsUser.value > 0) continue;
      const state = runAsNonRoot?.value === false ? 'runAsNonRoot is false' : 'runAsNonRoot is not true';
      report({
        at: containerAnchor(object, container),
        message: windows ? `${who}: ${state}` : `${who}: ${state} and no non-zero runAsUser is set`,
        fix: nonRootFix(object, container),
      });
    }
  },
};

export default rule;
