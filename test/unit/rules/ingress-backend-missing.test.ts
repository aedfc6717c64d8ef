import rule from '../../../server/src/rules/networking/ingress-backend-missing';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

const service = (name: string, ports: string, namespace?: string, type = 'ClusterIP'): string =>
  yaml('apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${name}`, ...ns(namespace), 'spec:', `  type: ${type}`, '  selector: {app: web}', `  ports: ${ports}`);

// Without a namespace the backend's `name:` is on line 12 and its port entry on line 14.
const ingress = (backend: string, port: string, namespace?: string): string =>
  yaml(
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: shop',
    ...ns(namespace),
    'spec:',
    '  rules:',
    '  - http:',
    '      paths:',
    '      - path: /',
    '        backend:',
    '          service:',
    `            name: ${backend}`,
    '            port:',
    `              ${port}`,
  );

const webPorts = '[{name: http, port: 80, targetPort: 8080}]';

workspaceRuleTester(rule, {
  valid: [
    { name: 'Service and port number, same file', files: { 'app.yaml': `${service('web', webPorts)}---\n${ingress('web', 'number: 80')}` } },
    { name: 'port by name, Service in another file, explicit namespace', files: { 'svc.yaml': service('web', webPorts, 'shop'), 'ing.yaml': ingress('web', 'name: http', 'shop') } },
    {
      name: 'extensions/v1beta1 serviceName and servicePort',
      files: {
        'svc.yaml': service('web', webPorts),
        'ing.yaml': yaml('apiVersion: extensions/v1beta1', 'kind: Ingress', 'metadata: {name: old}', 'spec:', '  backend: {serviceName: web, servicePort: http}', '  rules: [{http: {paths: [{path: /, backend: {serviceName: web, servicePort: 80}}]}}]'),
      },
    },
    { name: 'the workspace shows no Service of the namespace', files: { 'svc.yaml': service('web', webPorts), 'ing.yaml': ingress('api', 'number: 80', 'shop') } },
    {
      name: 'an operator may create the Service from a custom resource',
      files: { 'svc.yaml': service('web', webPorts), 'ing.yaml': ingress('prometheus-operated', 'number: 9090'), 'prom.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: Prometheus', 'metadata: {name: k8s}', 'spec: {}') },
    },
    { name: 'an ExternalName Service need not list ports', files: { 'svc.yaml': service('ext', '[]', undefined, 'ExternalName'), 'ing.yaml': ingress('ext', 'number: 443') } },
  ],
  invalid: [
    {
      name: 'no such Service in the namespace, same file',
      files: { 'app.yaml': `${service('web', webPorts)}---\n${ingress('frontend', 'number: 80')}` },
      errors: [{ file: 'app.yaml', message: 'Ingress "shop": backend Service "frontend" is not in namespace "default" in the workspace', line: 21, column: 13, endLine: 21, endColumn: 27 }],
    },
    {
      name: 'the Service lacks the port number, another file',
      files: { 'svc.yaml': service('web', webPorts), 'ing.yaml': ingress('web', 'number: 8080') },
      errors: [{ file: 'ing.yaml', message: 'Ingress "shop": Service "web" (svc.yaml) has no port 8080 (ports: 80/http)', line: 14, column: 15, endLine: 14, endColumn: 27 }],
    },
    {
      name: 'the Service lacks the port name; the Service of the same name in another namespace does not count',
      files: {
        'svc.yaml': `${service('web', '[{port: 80}, {name: https, port: 443}]', 'shop')}---\n${service('api', webPorts)}`,
        'ing.yaml': `${ingress('web', 'name: http', 'shop')}---\n${ingress('api', 'number: 80', 'shop')}`,
      },
      errors: [
        { file: 'ing.yaml', message: 'Ingress "shop": Service "web" (svc.yaml) has no port named "http" (ports: 80, 443/https)', line: 15, column: 15, endLine: 15, endColumn: 25 },
        { file: 'ing.yaml', message: 'Ingress "shop": backend Service "api" is not in namespace "shop" in the workspace', line: 29, column: 13, endLine: 29, endColumn: 22 },
      ],
    },
    {
      name: 'defaultBackend, configured default namespace',
      defaultNamespace: 'shop',
      files: { 'svc.yaml': service('web', webPorts, 'shop'), 'ing.yaml': yaml('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: shop}', 'spec:', '  defaultBackend:', '    service: {name: default-http, port: {number: 80}}') },
      errors: [{ file: 'ing.yaml', message: 'Ingress "shop": backend Service "default-http" is not in namespace "shop" in the workspace', line: 6, column: 15, endLine: 6, endColumn: 33 }],
    },
  ],
});
