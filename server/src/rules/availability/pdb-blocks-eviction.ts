import type { WorkspaceRule } from '../../engine/rule';
import { describeSelection, percentOf, requiredHealthy, selectedWorkloads } from '../../engine/workspace/budget';

/** `0`, `"0%"`: how the value reads in the manifest. */
const shown = (value: number | string): string => (typeof value === 'number' ? String(value) : `"${value}"`);

const rule: WorkspaceRule = {
  meta: {
    id: 'pdb-blocks-eviction',
    category: 'availability',
    severity: 'warning',
    description: 'A PodDisruptionBudget can never allow an eviction: maxUnavailable 0, minAvailable 100%, or a minAvailable at least the replicas of the workloads it selects.',
    rationale:
      'The eviction API refuses every eviction a budget does not allow, and a budget that allows none makes `kubectl drain`, cluster upgrades and autoscaler scale-downs hang on these pods until someone deletes the budget by hand. A budget must leave at least one pod evictable to protect availability without blocking maintenance. Where a HorizontalPodAutoscaler scales the selected workload, pdb-hpa-conflict reports the count instead (evictions are only blocked at low scale).',
    remediation: 'Use maxUnavailable: 1 (or a minAvailable below the number of selected replicas), or raise the workload\'s replicas above minAvailable.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
    peers: { 'kube-linter': ['pdb-max-unavailable', 'pdb-min-available'], polaris: ['pdbDisruptionsIsZero'] },
    fixable: false,
    kinds: ['PodDisruptionBudget'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const pdb = facts.pdb;
    if (!pdb) return;
    const name = `PodDisruptionBudget "${facts.name ?? '(unnamed)'}"`;
    const { workloads, countable } = selectedWorkloads(index, resource);
    const selection = workloads.length > 0 ? `: it selects ${describeSelection(workloads, resource)}` : '';

    // These values block whatever the pod count: the disruption controller rounds percentages up.
    const max = pdb.maxUnavailable;
    if (max && (max.value === 0 || percentOf(max.value) === 0)) {
      report(max.at, `${name}: maxUnavailable ${shown(max.value)} never allows an eviction${selection}`);
      return;
    }
    const min = pdb.minAvailable;
    if (!min) return;
    const percent = percentOf(min.value);
    if (percent !== undefined && percent >= 100) {
      report(min.at, `${name}: minAvailable ${shown(min.value)} never allows an eviction${selection}`);
      return;
    }

    // Counting needs every selected pod to come from a workload with a fixed count. Under an HPA the
    // count moves with load: pdb-hpa-conflict reports that case, so one finding says one thing.
    if (workloads.length === 0 || !countable || workloads.some((w) => w.hpas.length > 0)) return;
    const expected = workloads.reduce((sum, w) => sum + w.replicas, 0);
    // Scaled to zero on purpose: there is no pod to evict.
    if (expected === 0) return;
    const required = requiredHealthy(min.value, expected);
    if (required === undefined || required < expected) return;
    report(min.at, `${name}: minAvailable ${shown(min.value)} never allows an eviction${selection}`);
  },
};

export default rule;
