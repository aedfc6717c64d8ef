import type { WorkspaceRule } from '../../engine/rule';

const rule: WorkspaceRule = {
  meta: {
    id: 'hpa-min-replicas-low',
    category: 'availability',
    severity: 'warning',
    description: 'A HorizontalPodAutoscaler may scale its target down to a single pod (minReplicas below 2).',
    rationale:
      'At low load the HPA removes pods down to minReplicas; with one pod left, any node drain, eviction or crash is an outage until a replacement is ready, and the workload\'s own replicas no longer help because the HPA overrides them.',
    remediation: 'Set minReplicas to 2 or more (and maxReplicas above it).',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    fixable: true,
    kinds: ['HorizontalPodAutoscaler'],
  },
  // Reads only the HPA itself; it lives with the other availability rules that reason about replica counts.
  checkWorkspace({ facts, report }) {
    const hpa = facts.hpa;
    if (!hpa) return;
    const min = hpa.minReplicas;
    const value = min?.value ?? 1;
    // minReplicas 0 is deliberate scale-to-zero (HPAScaleToZero): not a forgotten default.
    if (value >= 2 || value === 0) return;
    const target = hpa.target ? `${hpa.target.kind} "${hpa.target.name}"` : 'its target';
    report(min?.at, `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}" can scale ${target} down to 1 replica (${min ? 'minReplicas 1' : 'minReplicas is not set and defaults to 1'})`);
  },
};

export default rule;
