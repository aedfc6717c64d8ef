import type { WorkspaceRule } from '../../engine/rule';
import type { ServiceFacts } from '../../engine/workspace/facts';
import { namespaceHasCustomResources, objectsByName, whereIs } from '../../engine/workspace/queries';

const portList = (service: ServiceFacts): string =>
  service.ports.map((port) => [port.port, port.name].filter((part) => part !== undefined).join('/')).join(', ') || 'none';

const rule: WorkspaceRule = {
  meta: {
    id: 'ingress-backend-missing',
    category: 'networking',
    severity: 'warning',
    description: 'An Ingress backend names a Service that is not in the workspace, or a port that Service does not expose.',
    rationale:
      'The ingress controller answers a request for a missing backend Service or port with 503 (or drops the whole Ingress), and the API server accepts the Ingress without complaint. A missing Service is only reported when the workspace shows the namespace\'s Services (it holds at least one) and holds no custom resources, whose operators may create the Service.',
    remediation: 'Point the backend at a Service of the Ingress\'s namespace and at one of its ports (ports[].port as number, or ports[].name as name).',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource',
    peers: { 'kube-linter': ['dangling-ingress'], 'kube-score': ['ingress-targets-service'] },
    fixable: false,
    kinds: ['Ingress'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const namespace = resource.namespace;
    if (!facts.ingress || namespace === undefined) return;
    const services = objectsByName(index, 'Service', namespace);
    const ingress = `Ingress "${facts.name ?? '(unnamed)'}"`;
    for (const backend of facts.ingress.backends) {
      const name = backend.service.value;
      const target = services.get(name);
      if (!target) {
        if (services.size === 0 || namespaceHasCustomResources(index, namespace)) continue;
        report(backend.service.at, `${ingress}: backend Service "${name}" is not in namespace "${namespace}" in the workspace`);
        continue;
      }
      const service = target.facts.service;
      const port = backend.port;
      // An ExternalName Service need not list ports: the controller connects to the named port as given.
      if (!service || !port || service.type === 'ExternalName') continue;
      const exposed = typeof port.value === 'number' ? service.ports.some((p) => p.port === port.value) : service.ports.some((p) => p.name === port.value);
      if (exposed) continue;
      const what = typeof port.value === 'number' ? `port ${port.value}` : `port named "${port.value}"`;
      report(port.at, `${ingress}: Service "${name}"${whereIs(target, resource)} has no ${what} (ports: ${portList(service)})`);
    }
  },
};

export default rule;
