import { hostPathVolumes, isReportedAsSensitive } from '../../engine/hostPath';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'host-path-volume',
    category: 'security',
    severity: 'warning',
    description: 'A pod mounts a directory or file of its node through a hostPath volume.',
    rationale:
      "hostPath ties the pod to whatever happens to be on its node, breaks when it is rescheduled elsewhere, and gives the container a window onto the node's filesystem that other isolation does not cover. The baseline Pod Security Standard forbids hostPath volumes.",
    remediation: 'Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret instead; if node access is really needed, mount the narrowest path with readOnly: true.',
    docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, report }) {
    for (const volume of hostPathVolumes(object)) {
      // Sensitive paths and writable mounts are sensitive-host-path's errors; one finding per volume.
      if (isReportedAsSensitive(volume)) continue;
      const what = volume.path !== undefined ? `mounts host path "${volume.path}"` : 'is a hostPath volume';
      report({ at: volume.anchor, message: `${describe(object)}: volume "${volume.name}" ${what}` });
    }
  },
};

export default rule;
