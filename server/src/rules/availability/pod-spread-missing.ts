import type { WorkspaceRule } from '../../engine/rule';
import { minimumReplicas, REPLICATED_WORKLOAD_KINDS } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'pod-spread-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A workload that runs several replicas has neither podAntiAffinity nor topologySpreadConstraints.',
    rationale:
      'Nothing then stops the scheduler from placing several or all replicas on the same node or in the same zone (the cluster\'s default spreading is only a soft preference), and one node failure or drain takes them down together: the replicas give capacity but not availability.',
    remediation: 'Add topologySpreadConstraints over kubernetes.io/hostname (and topology.kubernetes.io/zone) whose labelSelector matches the pod labels, or a preferred podAntiAffinity on them.',
    docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    fixable: true,
    kinds: REPLICATED_WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    const workload = facts.workload;
    if (!workload || workload.spreadsPods) return;
    // Counted as pdb-missing counts them: at its lowest, under an HPA its minReplicas.
    const replicas = minimumReplicas(index, resource);
    if (replicas < 2) return;
    report(
      workload.podSpecAt,
      `${facts.kind} "${facts.name ?? '(unnamed)'}" runs ${replicas} replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`,
    );
  },
};

export default rule;
