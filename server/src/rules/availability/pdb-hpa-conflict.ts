import type { WorkspaceRule } from '../../engine/rule';
import { describeSelection, percentOf, requiredHealthy, selectedWorkloads } from '../../engine/workspace/budget';
import { nameOf, whereIs } from '../../engine/workspace/queries';
import type { IndexedResource } from '../../engine/workspace/index';

const shown = (value: number | string): string => (typeof value === 'number' ? String(value) : `"${value}"`);

const rule: WorkspaceRule = {
  meta: {
    id: 'pdb-hpa-conflict',
    category: 'availability',
    severity: 'warning',
    description: 'A PodDisruptionBudget requires at least as many available pods as the HorizontalPodAutoscaler of the workloads it selects keeps at its minimum.',
    rationale:
      'When load is low the HPA scales the workload down to minReplicas; a minAvailable that is not below that count then leaves no eviction allowed, so node drains, cluster upgrades and autoscaler scale-downs hang exactly when the cluster is quiet enough to do them. Budgets that block at every scale (maxUnavailable 0, minAvailable 100%) are reported by pdb-blocks-eviction instead.',
    remediation: 'Use maxUnavailable: 1 (it scales with the replica count), or lower minAvailable below the HPA\'s minReplicas, or raise minReplicas.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#think-about-how-your-application-reacts-to-disruptions',
    fixable: false,
    kinds: ['PodDisruptionBudget'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const min = facts.pdb?.minAvailable;
    if (!min) return;
    const percent = percentOf(min.value);
    // 100% blocks at every scale: pdb-blocks-eviction says so.
    if (percent !== undefined && percent >= 100) return;
    const { workloads, countable } = selectedWorkloads(index, resource);
    const hpas = [...new Set(workloads.flatMap((w) => w.hpas))];
    if (hpas.length === 0 || !countable) return;
    const expected = workloads.reduce((sum, w) => sum + w.replicas, 0);
    if (expected === 0) return;
    const required = requiredHealthy(min.value, expected);
    if (required === undefined || required < expected) return;
    const scalers = hpas.map((hpa: IndexedResource) => `${nameOf(hpa)}${whereIs(hpa, resource)}`).join(' and ');
    const minimums = hpas.map((hpa: IndexedResource) => hpa.facts.hpa?.minReplicas?.value ?? 1).join(' and ');
    report(
      min.at,
      `PodDisruptionBudget "${facts.name ?? '(unnamed)'}": minAvailable ${shown(min.value)} blocks every eviction when ${scalers} ${hpas.length > 1 ? 'scale' : 'scales'} down to minReplicas ${minimums}: it selects ${describeSelection(workloads, resource)}`,
    );
  },
};

export default rule;
