import { kindAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

/**
 * Pods that a tool creates and deletes on purpose around a deployment (chart tests, sync hooks):
 * being bare is their design, not an oversight.
 */
const HOOK_ANNOTATIONS = ['helm.sh/hook', 'argocd.argoproj.io/hook'];

const rule: Rule = {
  meta: {
    id: 'naked-pod',
    category: 'availability',
    severity: 'warning',
    description: 'A bare Pod is not managed by any controller.',
    rationale:
      'Nothing recreates a bare Pod when its node fails, is drained for an upgrade, or evicts it under pressure: the workload silently disappears. A Deployment, StatefulSet or Job also gives rolling updates, scaling and retries that a bare Pod cannot have.',
    remediation: 'Wrap the pod spec in a Deployment (long-running), StatefulSet (stable identity/storage) or Job (run to completion) template.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/overview/#naked-pods-vs-replicasets-deployments-and-jobs',
    fixable: false,
    kinds: ['Pod'],
  },
  check({ object, read, report }) {
    if (HOOK_ANNOTATIONS.some((key) => key in object.annotations)) return;
    // A manifest that names its owner (an exported object) is managed, whatever it looks like.
    if (read.seq(object.metadata, 'ownerReferences')?.items.length) return;
    report({ at: kindAnchor(object), message: `${describe(object)}: bare Pod, not managed by a controller (nothing recreates it if its node fails or is drained)` });
  },
};

export default rule;
