import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { containerSecurityContext, podSecurityContext } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'windows-host-process',
    category: 'security',
    severity: 'error',
    description: 'A pod or container runs as a Windows HostProcess container.',
    rationale:
      "A HostProcess container runs directly on the Windows node, with the node's network and filesystem and, typically, as SYSTEM or an administrator account: it is the Windows equivalent of a privileged container. The baseline Pod Security Standard forbids it.",
    remediation: 'Remove windowsOptions.hostProcess (or set it to false); keep HostProcess containers to reviewed node-management DaemonSets.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    const podOptions = read.map(podSecurityContext(object), 'windowsOptions');
    if (read.boolean(podOptions, 'hostProcess') === true) {
      report({ at: fieldAnchor(read, podOptions, 'hostProcess', undefined), message: `${describe(object)}: windowsOptions.hostProcess is true in the pod securityContext` });
    }
    for (const container of podContainers(object, ['init', 'regular', 'ephemeral'])) {
      const options = read.map(containerSecurityContext(object, container), 'windowsOptions');
      if (read.boolean(options, 'hostProcess') !== true) continue;
      report({ at: fieldAnchor(read, options, 'hostProcess', undefined), message: `${describe(object, container)}: windowsOptions.hostProcess is true` });
    }
  },
};

export default rule;
