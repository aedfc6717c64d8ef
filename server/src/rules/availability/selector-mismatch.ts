import { isScalar } from 'yaml';
import { keyAnchor, kindAnchor } from '../../engine/anchors';
import { describe, type K8sObject } from '../../engine/model';
import type { NodeReader } from '../../engine/nodes';
import type { Rule, RuleContext } from '../../engine/rule';
import { formatLabels, formatSelector, isEmptySelector, matches, parseLabelSelector, parseMapSelector, type LabelSelector } from '../../engine/selector';

const CONTROLLER_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'DeploymentConfig', 'Rollout'] as const;

/**
 * apps/v1 made the selector required; older versions (removed anyway) defaulted it from the template
 * labels, as a DeploymentConfig still does. A Rollout with a template needs one too (its controller
 * refuses the Rollout otherwise; with workloadRef it has no template and this rule never gets that far).
 */
function selectorRequired(object: K8sObject): boolean {
  return object.apiVersion === 'apps/v1' || object.kind === 'Rollout';
}

/** Who refuses a wrong selector: the API server, or for a Rollout (a custom resource) its controller. */
function refuser(object: K8sObject): string {
  return object.kind === 'Rollout' ? 'the Argo Rollouts controller' : 'the API server';
}

function isNull(node: unknown): boolean {
  return node === undefined || (isScalar(node) && node.value === null);
}

function parseSelector(object: K8sObject, read: NodeReader, node: unknown): LabelSelector | undefined {
  // ReplicationController (and OpenShift's DeploymentConfig) predate LabelSelector: the selector is a plain map of equalities.
  return object.kind === 'ReplicationController' || object.kind === 'DeploymentConfig' ? parseMapSelector(read, node) : parseLabelSelector(read, node);
}

function check({ object, read, report }: RuleContext): void {
  const spec = read.map(object.root, 'spec');
  // A Job's selector is generated (and always matches) unless the author takes over with manualSelector.
  if (object.kind === 'Job' && read.boolean(spec, 'manualSelector') !== true) return;
  const template = read.map(spec, 'template');
  // No template: a partial document (a kustomize patch); the API server would not take it anyway.
  if (!template) return;
  const labels = read.stringMap(template, 'metadata', 'labels');
  const selectorNode = read.get(spec, 'selector');
  if (isNull(selectorNode)) {
    const required = selectorRequired(object) || object.kind === 'Job';
    // Without template labels the object is a fragment too, not a migrated manifest missing its selector.
    if (required && Object.keys(labels).length > 0) {
      // Points at `spec:`, the mapping the selector belongs in.
      report({ at: keyAnchor(read, object.root, 'spec', kindAnchor(object)), message: `${describe(object)}: no spec.selector (required ${object.kind === 'Job' ? 'with manualSelector: true' : `in ${object.apiVersion}`})` });
    }
    return;
  }
  const selector = parseSelector(object, read, selectorNode);
  if (!selector) return;
  const at = keyAnchor(read, spec, 'selector', kindAnchor(object));
  if (isEmptySelector(selector)) {
    // An empty map defaults from the template labels for a ReplicationController; apps/v1 rejects it.
    if (selectorRequired(object)) report({ at, message: `${describe(object)}: spec.selector is empty (${refuser(object)} rejects it)` });
    return;
  }
  if (!matches(selector, labels)) {
    const target = Object.keys(labels).length > 0 ? `the pod template labels (${formatLabels(labels)})` : 'the pod template, which has no labels';
    report({ at, message: `${describe(object)}: spec.selector (${formatSelector(selector)}) does not match ${target}` });
  }
}

const rule: Rule = {
  meta: {
    id: 'selector-mismatch',
    category: 'availability',
    severity: 'error',
    description: "The controller's spec.selector does not select the pods its own template creates.",
    rationale:
      'The API server rejects a controller whose selector does not match its pod template labels, so the rollout fails at apply time. The selector is also immutable in apps/v1: getting it right before the first apply avoids having to delete and recreate the workload later.',
    remediation: 'Make spec.selector a subset of spec.template.metadata.labels (usually the app.kubernetes.io/name and instance labels), and keep version-like labels out of the selector.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
    peers: { 'kube-linter': ['mismatching-selector'], 'kube-score': ['deployment-pod-selector-labels-match-template-metadata-labels', 'statefulset-pod-selector-labels-match-template-metadata-labels'] },
    fixable: false,
    kinds: CONTROLLER_KINDS,
  },
  check,
};

export default rule;
