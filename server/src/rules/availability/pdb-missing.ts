import type { WorkspaceRule } from '../../engine/rule';
import { minimumReplicas, pdbsSelecting, REPLICATED_WORKLOAD_KINDS } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'pdb-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A workload that runs several replicas has no PodDisruptionBudget selecting its pods anywhere in the workspace.',
    rationale:
      'Node drains during upgrades and autoscaler scale-downs evict pods through the eviction API, which only holds back when a PodDisruptionBudget says so. Without one, a drain can take every replica of the workload down at the same time.',
    remediation: 'Add a policy/v1 PodDisruptionBudget whose selector matches the pod template labels, with maxUnavailable: 1 (or a minAvailable below the replica count).',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    fixable: true,
    kinds: REPLICATED_WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    if (!facts.workload) return;
    const replicas = minimumReplicas(index, resource);
    // A single replica cannot be protected by a budget without blocking every drain; replicas-too-few says so instead.
    if (replicas < 2) return;
    if (pdbsSelecting(index, resource).length > 0) return;
    report(undefined, `${facts.kind} "${facts.name ?? '(unnamed)'}" runs ${replicas} replicas and no PodDisruptionBudget selects its pods`);
  },
};

export default rule;
