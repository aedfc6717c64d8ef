import type { WorkspaceRule } from '../../engine/rule';
import { formatSelector, isEmptySelector } from '../../engine/selector';
import { selectedElsewhereHint, workloadsSelectedElsewhere } from '../../engine/workspace/otherNamespaces';
import { namespaceHasCustomResources, namespaceHasWorkloads, workloadsWithPodsSelectedBy } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'pdb-selects-nothing',
    category: 'availability',
    severity: 'warning',
    description: 'A PodDisruptionBudget selector matches the pods of no workload in its namespace.',
    rationale:
      'A budget that selects no pods protects nothing: drains and autoscaler scale-downs evict the pods it was written for as if it did not exist, while everyone believes they are covered. A label renamed on one side only, or a budget in the wrong namespace, is the usual cause: when workloads of another namespace have the labels, the message names one. In policy/v1beta1 an empty selector selected no pods at all. The rule stays silent in namespaces that hold custom resources (an operator may create the pods) and in namespaces whose workloads the workspace does not show at all, unless another namespace of the workspace has such pods.',
    remediation: 'Make the selector match the pod template labels of the workload it protects (and put the budget in that workload\'s namespace); in policy/v1 an empty selector means every pod of the namespace.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/#specifying-a-poddisruptionbudget',
    fixable: false,
    kinds: ['PodDisruptionBudget'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const pdb = facts.pdb;
    const namespace = resource.namespace;
    // No selector or one we cannot evaluate: saying "selects nothing" would be a guess.
    if (!pdb?.selector || namespace === undefined) return;
    const name = `PodDisruptionBudget "${facts.name ?? '(unnamed)'}"`;
    if (isEmptySelector(pdb.selector)) {
      // policy/v1 reads `{}` as every pod of the namespace; policy/v1beta1 read it as none, whatever the namespace holds.
      if (facts.apiVersion !== 'policy/v1') report(pdb.selectorAt, `${name} selects no pods: an empty selector selects nothing in ${facts.apiVersion} (policy/v1 reads it as every pod of the namespace)`);
      return;
    }
    if (namespaceHasCustomResources(index, namespace)) return;
    // Without any workload in the namespace its pods come from elsewhere (another repository, a
    // chart), unless another namespace has them: then the namespace is a copy-paste slip.
    const home = namespaceHasWorkloads(index, namespace);
    if (home && workloadsWithPodsSelectedBy(index, pdb.selector, namespace).length > 0) return;
    const labelsOnly = pdb.selector.matchExpressions.length === 0;
    const elsewhere = workloadsSelectedElsewhere(index, pdb.selector, namespace);
    const hint = selectedElsewhereHint(elsewhere, resource, labelsOnly);
    if (!home && hint === '') return;
    report(pdb.selectorAt, `${name} selects no pods: no workload in namespace "${namespace}" has labels ${labelsOnly ? '' : 'matching '}${formatSelector(pdb.selector)}${hint}`);
  },
};

export default rule;
