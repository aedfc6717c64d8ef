import rule from '../../../server/src/rules/networking/service-target-port-unknown';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

const deployment = (name: string, ports: string, namespace?: string, labels = 'app: web'): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: "app:1"',
    `        ports: ${ports}`,
  );

// Ports start on line 8 without a namespace: one `- port:` line and one `targetPort:` line each.
const service = (targetPorts: Array<string | number>, namespace?: string, selector = '{app: web}'): string =>
  yaml(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: web',
    ...ns(namespace),
    'spec:',
    `  selector: ${selector}`,
    '  ports:',
    ...targetPorts.flatMap((target, i) => [`  - port: ${80 + i}`, `    targetPort: ${target}`]),
  );

const sidecar = yaml(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web}',
  'spec:',
  '  selector: {matchLabels: {app: web}}',
  '  template:',
  '    metadata: {labels: {app: web}}',
  '    spec:',
  '      initContainers: [{name: proxy, image: "proxy:1", restartPolicy: Always, ports: [{name: proxy, containerPort: 15001}]}]',
  '      containers: [{name: app, image: "app:1"}]',
);

workspaceRuleTester(rule, {
  valid: [
    { name: 'named port declared, same file', files: { 'app.yaml': `${deployment('web', '[{name: http, containerPort: 8080}]')}---\n${service(['http'])}` } },
    { name: 'numeric targetPorts are not checked', files: { 'deploy.yaml': deployment('web', '[]'), 'svc.yaml': service([8080, '"9090"']) } },
    {
      name: 'one of several selected workloads declares it, other files and namespace',
      files: { 'a.yaml': deployment('web', '[{name: http, containerPort: 8080}]', 'shop'), 'b.yaml': deployment('web-canary', '[]', 'shop'), 'svc.yaml': service(['http'], 'shop') },
    },
    { name: 'a sidecar init container declares it', files: { 'deploy.yaml': sidecar, 'svc.yaml': service(['proxy']) } },
    { name: 'no workload selected (service-selects-nothing says so)', files: { 'deploy.yaml': deployment('web', '[]', undefined, 'app: api'), 'svc.yaml': service(['http']) } },
  ],
  invalid: [
    {
      name: 'port name absent, same file',
      files: { 'app.yaml': `${deployment('web', '[{name: metrics, containerPort: 9090}]')}---\n${service(['http', 'metrics'])}` },
      errors: [{ file: 'app.yaml', message: 'Service "web": targetPort "http" is declared by no container of Deployment "web" (named container ports: metrics)', line: 23, column: 5, endLine: 23, endColumn: 21 }],
    },
    {
      name: 'two selected workloads in other files, neither names its ports',
      files: {
        'a.yaml': deployment('web', '[{containerPort: 8080}]', 'shop'),
        'b.yaml': deployment('web-canary', '[]', 'shop'),
        'svc.yaml': service([8080, 'http'], 'shop'),
      },
      errors: [
        {
          file: 'svc.yaml',
          message: 'Service "web": targetPort "http" is declared by no container of Deployment "web" (a.yaml), Deployment "web-canary" (b.yaml) (no named container ports)',
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 21,
        },
      ],
    },
    {
      name: 'Service without namespace lands in the configured default namespace',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': deployment('web', '[{name: web, containerPort: 80}]', 'shop'), 'svc.yaml': service(['"http"']) },
      errors: [{ file: 'svc.yaml', message: 'Service "web": targetPort "http" is declared by no container of Deployment "web" (deploy.yaml) (named container ports: web)', line: 9, column: 5, endLine: 9, endColumn: 23 }],
    },
  ],
});
