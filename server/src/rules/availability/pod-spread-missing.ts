import { topologySpread } from '../../engine/fix/availability';
import { mergeOwn } from '../../engine/fix/own';
import type { FixSpec, WorkspaceRule } from '../../engine/rule';
import { matches } from '../../engine/selector';
import { REPLICATED_WORKLOAD_KINDS } from '../../engine/workspace/queries';
import { describeReplicas, replicaRange, runsSeveralReplicas } from '../../engine/workspace/replicas';
import { spreadVerdict } from '../../engine/workspace/spread';

const rule: WorkspaceRule = {
  meta: {
    id: 'pod-spread-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A workload that runs several replicas (or whose HorizontalPodAutoscaler can scale it to several) has no podAntiAffinity or topologySpreadConstraints that select its own pods.',
    rationale:
      'Nothing then stops the scheduler from placing several or all replicas on the same node or in the same zone (the cluster\'s default spreading is only a soft preference), and one node failure or drain takes them down together: the replicas give capacity but not availability. A podAntiAffinity term or spread constraint only counts the pods its labelSelector selects: one copied from another workload, or without a labelSelector, keeps these replicas apart from nothing.',
    remediation: 'Add topologySpreadConstraints over kubernetes.io/hostname (and topology.kubernetes.io/zone) whose labelSelector matches the pod labels, or a preferred podAntiAffinity on them; correct a labelSelector that names other pods.',
    docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/',
    peers: { 'kube-linter': ['no-anti-affinity'], 'kube-score': ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'], polaris: ['topologySpreadConstraint'] },
    fixable: true,
    kinds: REPLICATED_WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report, source }) {
    const workload = facts.workload;
    if (!workload) return;
    // Counted as pdb-missing counts them: under an HPA, from its minReplicas to its maxReplicas.
    const replicas = replicaRange(index, resource);
    if (!runsSeveralReplicas(replicas)) return;
    const { spreads, misses } = spreadVerdict(resource);
    if (spreads) return;
    const name = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    // The constraints count the pods the workload selects, as pdb-missing's budget does: its plain
    // matchLabels when they select its pods, else its pod labels.
    const selector = workload.selector;
    const selectorLabels =
      selector && Object.keys(selector.matchLabels).length > 0 && matches({ matchLabels: selector.matchLabels, matchExpressions: [] }, workload.podLabels) ? selector.matchLabels : undefined;
    const matchLabels = selectorLabels ?? workload.podLabels;
    const object = source();
    const podSpec = object?.podSpec?.node;
    let fix: FixSpec | undefined;
    if (object && podSpec && Object.keys(matchLabels).length > 0) {
      const read = object.reader;
      // whenUnsatisfiable is required; a constraint without one is rejected anyway.
      const existing = read.maps(podSpec, 'topologySpreadConstraints').map((c) => `${read.text(c, 'topologyKey') ?? ''}\u0000${read.text(c, 'whenUnsatisfiable') ?? ''}`);
      const patch = topologySpread(matchLabels, (topologyKey, whenUnsatisfiable) => existing.includes(`${topologyKey}\u0000${whenUnsatisfiable}`));
      const edits = patch && mergeOwn(read, podSpec, patch);
      fix = edits && { title: `Spread the pods of ${name} over nodes and zones`, edits };
    }
    const count = describeReplicas(replicas, resource);
    const message =
      misses.length === 0
        ? `${name} runs ${count} with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`
        : `${name} runs ${count} and nothing spreads them (${misses.join('; ')}): they may all land on one node`;
    report(workload.podSpecAt, message, fix);
  },
};

export default rule;
