import { HPA_MIN_REPLICAS } from '../../engine/fix/availability';
import { mergeOwn } from '../../engine/fix/own';
import type { PlainMap } from '../../engine/fix/yamlEdit';
import type { FixSpec, WorkspaceRule } from '../../engine/rule';

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
    peers: { 'kube-linter': ['hpa-minimum-three-replicas'], 'kube-score': ['horizontalpodautoscaler-replicas'] },
    fixable: true,
    kinds: ['HorizontalPodAutoscaler'],
  },
  // Reads only the HPA itself; it lives with the other availability rules that reason about replica counts.
  checkWorkspace({ facts, report, source }) {
    const hpa = facts.hpa;
    if (!hpa) return;
    const min = hpa.minReplicas;
    const value = min?.value ?? 1;
    // minReplicas 0 is deliberate scale-to-zero (HPAScaleToZero): not a forgotten default.
    if (value >= 2 || value === 0) return;
    const target = hpa.target ? `${hpa.target.kind} "${hpa.target.name}"` : 'its target';
    const name = `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}"`;
    const object = source();
    const spec = object?.reader.map(object.root, 'spec');
    // maxReplicas must stay above minReplicas: equal, the HPA could never scale (hpa-max-not-above-min); below, the API server rejects it.
    const max = hpa.maxReplicas?.value;
    const raise: PlainMap = max !== undefined && max <= HPA_MIN_REPLICAS ? { maxReplicas: HPA_MIN_REPLICAS + 1 } : {};
    const edits = object && spec && mergeOwn(object.reader, spec, { minReplicas: HPA_MIN_REPLICAS, ...raise });
    const fix: FixSpec | undefined = edits && { title: `Set minReplicas: ${HPA_MIN_REPLICAS}${'maxReplicas' in raise ? ` and maxReplicas: ${HPA_MIN_REPLICAS + 1}` : ''} on ${name}`, edits };
    report(min?.at, `${name} can scale ${target} down to 1 replica (${min ? 'minReplicas 1' : 'minReplicas is not set and defaults to 1'})`, fix);
  },
};

export default rule;
