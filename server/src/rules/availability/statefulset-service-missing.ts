import type { WorkspaceRule } from '../../engine/rule';

const rule: WorkspaceRule = {
  meta: {
    id: 'statefulset-service-missing',
    category: 'availability',
    severity: 'warning',
    description: 'A StatefulSet\'s serviceName names no Service in its namespace in the workspace.',
    rationale:
      'The governing (headless) Service gives each pod of a StatefulSet its stable DNS name (pod-0.service.namespace.svc); the API server does not check that it exists, so with a wrong name the pods start but peers that find each other by those names (databases, quorum systems) cannot.',
    remediation: 'Create a headless Service (clusterIP: None) with that name whose selector matches the pods, or correct serviceName.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    peers: { 'kube-score': ['statefulset-has-servicename'] },
    fixable: false,
    kinds: ['StatefulSet'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    // No serviceName: the pods get no per-pod DNS, by choice (the field is optional in recent API versions).
    const serviceName = facts.workload?.serviceName;
    const namespace = resource.namespace;
    if (!serviceName || namespace === undefined) return;
    if (index.find('Service', namespace, serviceName.value)) return;
    report(serviceName.at, `StatefulSet "${facts.name ?? '(unnamed)'}": serviceName "${serviceName.value}" names no Service in namespace "${namespace}"`);
  },
};

export default rule;
