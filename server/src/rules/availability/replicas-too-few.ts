import { SEED_REPLICAS } from '../../engine/fix/availability';
import { mergeOwn } from '../../engine/fix/own';
import type { FixSpec, WorkspaceRule } from '../../engine/rule';
import { hpasTargeting } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'replicas-too-few',
    category: 'availability',
    severity: 'warning',
    description: 'A Deployment, StatefulSet, DeploymentConfig or Rollout runs fewer than 2 replicas and no HorizontalPodAutoscaler scales it.',
    rationale:
      'With a single pod, every node drain, eviction, rollout hiccup or crash is an outage until a replacement is scheduled and ready. Two or more replicas (spread over nodes) let one go while the others keep serving.',
    remediation: 'Set spec.replicas to 3 (at least 2), or let a HorizontalPodAutoscaler with minReplicas >= 2 manage the count.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas',
    peers: { 'kube-linter': ['minimum-three-replicas'], 'kube-score': ['deployment-replicas'], polaris: ['deploymentMissingReplicas'] },
    fixable: true,
    kinds: ['Deployment', 'StatefulSet', 'DeploymentConfig', 'Rollout'],
  },
  checkWorkspace({ resource, facts, index, report, source }) {
    const workload = facts.workload;
    if (!workload) return;
    // Under an HPA its minReplicas decides the count, and `replicas` is overwritten: hpa-min-replicas-low reports on the HPA.
    if (hpasTargeting(index, resource).length > 0) return;
    const replicas = workload.replicas;
    const count = replicas?.value ?? 1;
    // replicas: 0 parks the workload on purpose; nothing runs to be unavailable.
    if (count >= 2 || count === 0) return;
    const why = replicas ? 'any node drain or crash takes it down' : 'replicas is not set and defaults to 1';
    const name = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    const object = source();
    const spec = object?.reader.map(object.root, 'spec');
    // An existing `replicas` is replaced, a missing one added at the end of spec (one merged from a shared anchor is overridden here).
    const edits = object && spec && mergeOwn(object.reader, spec, { replicas: SEED_REPLICAS });
    const fix: FixSpec | undefined = edits && { title: `Set replicas: ${SEED_REPLICAS} on ${name}`, edits };
    report(replicas?.at, `${name} runs 1 replica (${why})`, fix);
  },
};

export default rule;
