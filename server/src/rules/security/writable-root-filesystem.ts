import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { readOnlyRootFix } from '../../engine/fix/securityContext';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { containerSecurityContext, isWindowsPod } from '../../engine/securityContext';

const rule: Rule = {
  meta: {
    id: 'writable-root-filesystem',
    category: 'security',
    severity: 'warning',
    description: 'A container does not set readOnlyRootFilesystem: true.',
    rationale:
      'A writable root filesystem lets an attacker who gets code execution drop tools, modify binaries or persist until the container restarts. A read-only root also makes every place the application writes explicit (emptyDir or volume mounts), which keeps containers immutable and reproducible.',
    remediation: 'Set readOnlyRootFilesystem: true in the container securityContext and mount an emptyDir for paths the process must write (/tmp, caches).',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    peers: { 'kube-linter': ['no-read-only-root-fs'], 'kube-score': ['container-security-context-readonlyrootfilesystem', 'container-security-context'], polaris: ['notReadOnlyRootFilesystem'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    // Windows containers do not support a read-only root filesystem.
    if (isWindowsPod(object)) return;
    for (const container of podContainers(object)) {
      const securityContext = containerSecurityContext(object, container);
      const value = read.boolean(securityContext, 'readOnlyRootFilesystem');
      if (value === true) continue;
      report({
        at: fieldAnchor(read, securityContext, 'readOnlyRootFilesystem', containerAnchor(object, container)),
        message: `${describe(object, container)}: readOnlyRootFilesystem is ${value === false ? 'false' : 'not true'}`,
        fix: readOnlyRootFix(object, container),
      });
    }
  },
};

export default rule;
