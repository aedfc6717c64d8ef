import type { WorkspaceRule } from '../../engine/rule';

const rule: WorkspaceRule = {
  meta: {
    id: 'hpa-max-not-above-min',
    category: 'availability',
    severity: 'warning',
    description: 'A HorizontalPodAutoscaler\'s maxReplicas is not above its minReplicas.',
    rationale:
      'With maxReplicas equal to minReplicas the HPA can never change the replica count, so the workload does not scale under load although an autoscaler appears to be configured; with maxReplicas below minReplicas the API server rejects the object.',
    remediation: 'Raise maxReplicas above minReplicas to the most pods the workload may need (or drop the HPA and set replicas).',
    docsUrl: 'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/',
    fixable: false,
    kinds: ['HorizontalPodAutoscaler'],
  },
  checkWorkspace({ facts, report }) {
    const hpa = facts.hpa;
    const max = hpa?.maxReplicas;
    if (!hpa || !max) return;
    const min = hpa.minReplicas?.value ?? 1;
    if (max.value > min) return;
    const minText = hpa.minReplicas ? `minReplicas ${min}` : 'minReplicas (default 1)';
    const name = `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}"`;
    const target = hpa.target ? `${hpa.target.kind} "${hpa.target.name}"` : 'its target';
    report(
      max.at,
      max.value < min
        ? `${name}: maxReplicas ${max.value} is below ${minText} (the API server rejects it)`
        : `${name}: maxReplicas ${max.value} equals ${minText}, so it can never scale ${target}`,
    );
  },
};

export default rule;
