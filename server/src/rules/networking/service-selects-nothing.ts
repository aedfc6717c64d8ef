import type { WorkspaceRule } from '../../engine/rule';
import { formatLabels } from '../../engine/selector';
import { selectedElsewhereHint, workloadsSelectedElsewhere } from '../../engine/workspace/otherNamespaces';
import { namespaceHasCustomResources, namespaceHasWorkloads, workloadsWithPodsSelectedBy } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'service-selects-nothing',
    category: 'networking',
    severity: 'warning',
    description: 'A Service selector matches the pod labels of no workload in its namespace.',
    rationale:
      'A Service whose selector matches no pod has no endpoints: clients connect to its virtual IP and get refused or time out, and nothing in the cluster reports an error. A label renamed on one side only, or a Service copied into the wrong namespace, is the usual cause: when workloads of another namespace have the labels, the message names one. The rule stays silent in namespaces that hold custom resources (an operator may create the pods) and in namespaces whose workloads the workspace does not show at all, unless another namespace of the workspace has such pods.',
    remediation: 'Make the Service selector a subset of the pod template labels of the workload it fronts (or fix the namespace of one of them).',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service',
    peers: { 'kube-linter': ['dangling-service'], 'kube-score': ['service-targets-pod'] },
    fixable: false,
    kinds: ['Service'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const service = facts.service;
    const namespace = resource.namespace;
    // No selector: endpoints are managed by hand (or ExternalName), there is nothing to match.
    if (!service?.selector || service.type === 'ExternalName' || namespace === undefined) return;
    if (namespaceHasCustomResources(index, namespace)) return;
    const selector = { matchLabels: service.selector, matchExpressions: [] };
    // Without any workload in the namespace its pods come from elsewhere (another repository, a
    // chart), unless another namespace has them: then the namespace is a copy-paste slip.
    const home = namespaceHasWorkloads(index, namespace);
    if (home && workloadsWithPodsSelectedBy(index, selector, namespace).length > 0) return;
    const elsewhere = workloadsSelectedElsewhere(index, selector, namespace);
    const hint = selectedElsewhereHint(elsewhere, resource, true);
    if (!home && hint === '') return;
    report(service.selectorAt, `Service "${facts.name ?? '(unnamed)'}" selects no pods: no workload in namespace "${namespace}" has labels ${formatLabels(service.selector)}${hint}`);
  },
};

export default rule;
