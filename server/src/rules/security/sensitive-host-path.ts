import { hostPathVolumes, isReportedAsSensitive, type HostPathVolume } from '../../engine/hostPath';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe, type ContainerRef } from '../../engine/model';
import type { Rule } from '../../engine/rule';

function containerLabel(container: ContainerRef): string {
  const role = container.role === 'init' ? 'init container' : container.role === 'ephemeral' ? 'ephemeral container' : 'container';
  return `${role} "${container.name}"`;
}

function problem(volume: HostPathVolume): string {
  const path = volume.path !== undefined ? `"${volume.path}"` : '(no path)';
  const mounted = volume.sensitive !== undefined ? `mounts sensitive host path ${path} (${volume.sensitive})` : `mounts host path ${path}`;
  if (volume.writableIn.length === 0) return mounted;
  return `${mounted} writable (no readOnly: true in ${volume.writableIn.map(containerLabel).join(', ')})`;
}

const rule: Rule = {
  meta: {
    id: 'sensitive-host-path',
    category: 'security',
    severity: 'error',
    description: 'A pod mounts a sensitive node path (runtime socket, /, /etc, /proc, /sys, kubelet state...) or mounts a hostPath writable.',
    rationale:
      "Mounting the container runtime socket, the node's root, /etc, /proc, /sys or the kubelet's directory hands the pod the node: it can start privileged containers, read every Secret on the node or rewrite host configuration. A writable hostPath lets a compromised container plant files the node or other pods will execute.",
    remediation: 'Remove the hostPath volume; if a node agent truly needs it, mount the narrowest path with readOnly: true in every volumeMount and run the agent in a dedicated, locked-down namespace.',
    docsUrl: 'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    peers: { 'kube-linter': ['docker-sock', 'sensitive-host-mounts', 'writable-host-mount'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, report }) {
    for (const volume of hostPathVolumes(object)) {
      if (!isReportedAsSensitive(volume)) continue;
      report({ at: volume.anchor, message: `${describe(object)}: volume "${volume.name}" ${problem(volume)}` });
    }
  },
};

export default rule;
