import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podSpecKeyAnchor } from '../../engine/anchors';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'priority-class-missing',
    category: 'availability',
    severity: 'info',
    disabledByDefault: true,
    description: 'A long-running workload does not set priorityClassName.',
    rationale:
      'Without a priority class the pods get the cluster default (usually 0), so under resource pressure the scheduler may preempt them for batch work, and they cannot preempt less important pods to get scheduled. Off by default because it only matters once a cluster defines its priority classes.',
    remediation: "Set spec.template.spec.priorityClassName to one of the cluster's PriorityClasses that matches the service's importance.",
    docsUrl: 'https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/',
    peers: { polaris: ['priorityClassNotSet'] },
    fixable: false,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    const podSpec = object.podSpec?.node;
    if (!podSpec || read.text(podSpec, 'priorityClassName')) return;
    // Points at the pod spec's `spec:` key, where the field belongs.
    report({ at: podSpecKeyAnchor(object), message: `${describe(object)}: no priorityClassName` });
  },
};

export default rule;
