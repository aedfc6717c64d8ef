import type { WorkspaceRule } from '../../engine/rule';
import { formatLabels } from '../../engine/selector';
import type { IndexedResource } from '../../engine/workspace/index';
import { objectsByName, selectsPodsOf, whereIs } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'statefulset-service-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A StatefulSet\'s serviceName names no Service in its namespace in the workspace, or one that is not headless or does not select the StatefulSet\'s pods.',
    rationale:
      'The governing Service gives each pod of a StatefulSet its stable DNS name (pod-0.service.namespace.svc), and only a headless Service (clusterIP: None) whose selector matches the pods publishes those names. The API server checks none of this, so with a wrong name, a Service with a cluster IP or a selector copied from another workload the pods start but peers that find each other by those names (databases, quorum systems) cannot.',
    remediation: 'Point serviceName at a headless Service (clusterIP: None) whose selector matches the pod labels, or create one; clusterIP cannot change on an existing Service, so replace it or add a second, headless one.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    peers: { 'kube-score': ['statefulset-has-servicename'] },
    fixable: false,
    kinds: ['StatefulSet'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    // No serviceName: the pods get no per-pod DNS, by choice (the field is optional in recent API versions).
    const serviceName = facts.workload?.serviceName;
    const namespace = resource.namespace;
    if (!facts.workload || !serviceName || namespace === undefined) return;
    const name = `StatefulSet "${facts.name ?? '(unnamed)'}"`;
    const services = objectsByName(index, 'Service', namespace);
    const governing = services.get(serviceName.value);
    // A Service that would do, named when serviceName points elsewhere (often the chart's client Service).
    const suitable = [...services.values()].find((s) => s !== governing && s.facts.service?.selector !== undefined && problemsOf(s, resource).length === 0);
    const instead = suitable ? `; Service "${suitable.facts.name}"${whereIs(suitable, resource)} is headless and selects its pods` : '';
    if (!governing) {
      report(serviceName.at, `${name}: serviceName "${serviceName.value}" names no Service in namespace "${namespace}"${instead}`);
      return;
    }
    const problems = problemsOf(governing, resource);
    if (problems.length === 0) return;
    report(serviceName.at, `${name}: Service "${serviceName.value}"${whereIs(governing, resource)} ${problems.join(' and ')}, so the pods get no stable DNS names${instead}`);
  },
};

/**
 * What keeps a Service from governing the StatefulSet's pods. A Service without a selector has
 * its endpoints written by someone else (an operator, a mesh): whether they publish the pods'
 * hostnames cannot be seen from the manifests, so it is not held against it.
 */
function problemsOf(service: IndexedResource, statefulSet: IndexedResource): string[] {
  const facts = service.facts.service;
  if (!facts) return [];
  const problems: string[] = [];
  if (facts.type === 'ExternalName') problems.push('is an ExternalName Service');
  else if (facts.clusterIP !== 'None') problems.push(`is not headless (${facts.clusterIP === undefined ? 'clusterIP: None is not set' : `clusterIP: ${facts.clusterIP}`})`);
  const selector = facts.selector;
  if (selector && !selectsPodsOf({ matchLabels: selector, matchExpressions: [] }, statefulSet)) {
    problems.push(`selects ${formatLabels(selector)}, not this StatefulSet's pods (${formatLabels(statefulSet.facts.workload?.podLabels ?? {})})`);
  }
  return problems;
}

export default rule;
