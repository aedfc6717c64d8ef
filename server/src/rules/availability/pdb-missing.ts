import type { WorkspaceRule } from '../../engine/rule';
import { matches } from '../../engine/selector';
import { pdbsSelecting, REPLICATED_WORKLOAD_KINDS } from '../../engine/workspace/queries';
import { describeReplicas, replicaRange, runsSeveralReplicas } from '../../engine/workspace/replicas';

const rule: WorkspaceRule = {
  meta: {
    id: 'pdb-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A workload that runs several replicas (or whose HorizontalPodAutoscaler can scale it to several) has no PodDisruptionBudget selecting its pods anywhere in the workspace.',
    rationale:
      'Node drains during upgrades and autoscaler scale-downs evict pods through the eviction API, which only holds back when a PodDisruptionBudget says so. Without one, a drain can take every replica of the workload down at the same time. A workload whose HorizontalPodAutoscaler has minReplicas 1 but a higher maxReplicas runs several replicas whenever there is load, and needs the budget then; a maxUnavailable: 1 budget never blocks a drain, even at one replica.',
    remediation: 'Add a policy/v1 PodDisruptionBudget whose selector matches the pod template labels, with maxUnavailable: 1 (or, for a fixed replica count, a minAvailable below it).',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    peers: { 'kube-score': ['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget'], polaris: ['missingPodDisruptionBudget'] },
    fixable: true,
    kinds: REPLICATED_WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    if (!facts.workload) return;
    const replicas = replicaRange(index, resource);
    // Never more than one pod: there is nothing to keep serving during a drain; replicas-too-few says so instead.
    if (!runsSeveralReplicas(replicas)) return;
    if (pdbsSelecting(index, resource).length > 0) return;
    const name = facts.name ?? 'workload';
    const selector = facts.workload.selector;
    // The PDB selects what the workload selects; failing plain matchLabels that select its pods, its pod labels.
    const selectorLabels = selector && Object.keys(selector.matchLabels).length > 0 && matches({ matchLabels: selector.matchLabels, matchExpressions: [] }, facts.workload.podLabels) ? selector.matchLabels : undefined;
    const matchLabels = selectorLabels ?? facts.workload.podLabels;
    report(undefined, `${facts.kind} "${name}" runs ${describeReplicas(replicas, resource)} and no PodDisruptionBudget selects its pods`, Object.keys(matchLabels).length === 0 ? undefined : {
      title: `Create a PodDisruptionBudget for ${facts.kind} "${name}"`,
      edits: (editor) =>
        editor.appendDocument({
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: `${name}-pdb`, ...(facts.namespace ? { namespace: facts.namespace } : {}) },
          // One pod at a time: drains proceed, and the workload keeps replicas - 1 serving; at one replica it allows that one.
          spec: { maxUnavailable: 1, selector: { matchLabels: { ...matchLabels } } },
        }),
    });
  },
};

export default rule;
