import { fieldAnchor, podSpecKeyAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import type { Rule, RuleContext } from '../../engine/rule';

// Category: lifecycle rather than configuration. restartPolicy decides what happens to a pod when
// its containers exit, which is the pod lifecycle; the configuration section is about externalised
// configuration and secrets.

const LONG_RUNNING = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig', 'Rollout'] as const;
const RUN_TO_COMPLETION = ['Job', 'CronJob'] as const;

function isRunToCompletion(kind: string): boolean {
  return (RUN_TO_COMPLETION as readonly string[]).includes(kind);
}

function check({ object, read, report }: RuleContext): void {
  const podSpec = object.podSpec?.node;
  if (!podSpec) return;
  const policy = read.text(podSpec, 'restartPolicy');
  if (isRunToCompletion(object.kind)) {
    if (policy === undefined) {
      report({ at: podSpecKeyAnchor(object), message: `${describe(object)}: no restartPolicy (the API server requires OnFailure or Never for a ${object.kind})` });
    } else if (policy === 'Always') {
      report({ at: fieldAnchor(read, podSpec, 'restartPolicy', undefined), message: `${describe(object)}: restartPolicy Always is not allowed for a ${object.kind} (use OnFailure or Never)` });
    }
    return;
  }
  if (policy !== undefined && policy !== 'Always') {
    report({ at: fieldAnchor(read, podSpec, 'restartPolicy', undefined), message: `${describe(object)}: restartPolicy ${policy} is not allowed for a ${object.kind} (only Always)` });
  }
}

const rule: Rule = {
  meta: {
    id: 'restart-policy-invalid',
    category: 'lifecycle',
    severity: 'error',
    description: "The pod template's restartPolicy is not one its controller accepts.",
    rationale:
      'Controllers that keep pods running accept only restartPolicy Always, and Jobs (and the Jobs of a CronJob) accept only OnFailure or Never, because Always would never let a pod complete. The API server rejects anything else, including a Job that leaves it unset.',
    remediation: 'Use restartPolicy Always (or leave it out) in Deployments, StatefulSets, DaemonSets and ReplicaSets; set OnFailure or Never in Job and CronJob pod templates.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/job/#pod-template',
    fixable: false,
    kinds: [...LONG_RUNNING, ...RUN_TO_COMPLETION],
  },
  check,
};

export default rule;
