import { referenceReaches } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { namedElsewhere, namedElsewhereHint } from '../../engine/workspace/otherNamespaces';

const rule: WorkspaceRule = {
  meta: {
    id: 'hpa-target-missing',
    category: 'availability',
    severity: 'info',
    description: 'A HorizontalPodAutoscaler\'s scaleTargetRef names no object of that kind in its namespace in the workspace.',
    rationale:
      'An HPA whose target does not exist scales nothing and only reports FailedGetScale events: a renamed Deployment, a wrong kind (Deployment for a StatefulSet) or a wrong namespace silently disables autoscaling. When the target is in another namespace of the workspace, the message names it. The rule stays silent in namespaces that hold neither workloads nor objects of the target kind in the workspace, whose objects come from elsewhere, unless another namespace of the workspace has the target.',
    remediation: 'Point scaleTargetRef at the workload\'s kind and name, in the HPA\'s namespace.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#how-does-a-horizontalpodautoscaler-work',
    peers: { 'kube-linter': ['dangling-horizontalpodautoscaler'], 'kube-score': ['horizontalpodautoscaler-has-target'] },
    fixable: false,
    kinds: ['HorizontalPodAutoscaler'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const target = facts.hpa?.target;
    const namespace = resource.namespace;
    if (!target || namespace === undefined) return;
    const sameKind = index.ofKind(target.kind, namespace);
    const named = sameKind.filter((r) => r.facts.name === target.name);
    if (named.some((r) => referenceReaches(target.apiVersion, r.facts.apiVersion, r.facts.kind))) return;
    if (named.length > 0) {
      report(target.at, `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}" scales ${target.kind} "${target.name}" of ${target.apiVersion}, but that ${target.kind} is ${named[0].facts.apiVersion}`);
      return;
    }
    // Nothing of the namespace's workloads in the workspace: the target is deployed from another
    // repository or chart, unless another namespace has it: then the namespace is a copy-paste slip.
    const home = sameKind.length > 0 || index.workloads(namespace).length > 0;
    const elsewhere = namedElsewhere(index, target.kind, target.name, namespace);
    const hint = namedElsewhereHint(elsewhere, resource);
    if (!home && hint === '') return;
    report(target.at, `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}" scales ${target.kind} "${target.name}", which is not in namespace "${namespace}" in the workspace${hint}`);
  },
};

export default rule;
