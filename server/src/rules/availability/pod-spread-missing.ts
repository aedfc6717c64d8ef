import { topologySpread } from '../../engine/fix/availability';
import { mergeOwn } from '../../engine/fix/own';
import type { FixSpec, WorkspaceRule } from '../../engine/rule';
import { matches } from '../../engine/selector';
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
    peers: { 'kube-linter': ['no-anti-affinity'], 'kube-score': ['deployment-has-host-podantiaffinity', 'statefulset-has-host-podantiaffinity'], polaris: ['topologySpreadConstraint'] },
    fixable: true,
    kinds: REPLICATED_WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report, source }) {
    const workload = facts.workload;
    if (!workload || workload.spreadsPods) return;
    // Counted as pdb-missing counts them: at its lowest, under an HPA its minReplicas.
    const replicas = minimumReplicas(index, resource);
    if (replicas < 2) return;
    const name = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    // The constraints count the pods the workload selects, as pdb-missing's budget does: its plain
    // matchLabels when they select its pods, else its pod labels.
    const selector = workload.selector;
    const selectorLabels =
      selector && Object.keys(selector.matchLabels).length > 0 && matches({ matchLabels: selector.matchLabels, matchExpressions: [] }, workload.podLabels) ? selector.matchLabels : undefined;
    const matchLabels = selectorLabels ?? workload.podLabels;
    const object = source();
    const podSpec = object?.podSpec?.node;
    const edits = object && podSpec && Object.keys(matchLabels).length > 0 ? mergeOwn(object.reader, podSpec, topologySpread(matchLabels)) : undefined;
    const fix: FixSpec | undefined = edits && { title: `Spread the pods of ${name} over nodes and zones`, edits };
    report(workload.podSpecAt, `${name} runs ${replicas} replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`, fix);
  },
};

export default rule;
