import rule from '../../../server/src/rules/networking/service-selects-nothing';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

const workload = (kind: string, name: string, labels: string, namespace?: string): string =>
  yaml(
    'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec:',
    '      containers: [{name: app, image: "app:1"}]',
  );

// The selector key is on line 6 without a namespace, line 7 with one.
const service = (selector: string | undefined, namespace?: string, type = 'ClusterIP'): string =>
  yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: web', ...ns(namespace), 'spec:', ...(selector ? [`  selector: ${selector}`] : []), `  type: ${type}`, '  ports: [{port: 80}]');

const prometheus = (namespace: string): string => yaml('apiVersion: monitoring.coreos.com/v1', 'kind: Prometheus', 'metadata:', '  name: k8s', `  namespace: ${namespace}`, 'spec: {replicas: 2}');

workspaceRuleTester(rule, {
  valid: [
    { name: 'selector a subset of the pod labels, same file', files: { 'app.yaml': `${workload('Deployment', 'web', 'app: web, tier: front')}---\n${service('{app: web}')}` } },
    { name: 'Service and workload in different files, explicit namespace', files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop'), 'svc.yaml': service('{app: web}', 'shop') } },
    {
      name: 'Service without namespace in the configured default namespace',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop'), 'svc.yaml': service('{app: web}') },
    },
    { name: 'no selector, and ExternalName', files: { 'deploy.yaml': workload('Deployment', 'api', 'app: api'), 'svc.yaml': `${service(undefined)}---\n${service('{app: web}', undefined, 'ExternalName')}` } },
    { name: 'pods of a custom resource (Prometheus) may match', files: { 'deploy.yaml': workload('Deployment', 'api', 'app: api', 'monitoring'), 'svc.yaml': service('{app: prometheus}', 'monitoring'), 'prom.yaml': prometheus('monitoring') } },
    { name: 'the workspace shows no workload of the namespace', files: { 'deploy.yaml': workload('Deployment', 'api', 'app: api'), 'svc.yaml': service('{app: web}', 'shop') } },
    {
      name: 'the same file, another namespace, but the pods are also at home',
      files: { 'app.yaml': `${workload('Deployment', 'web', 'app: web', 'shop-prod')}---\n${service('{app: web}', 'shop')}`, 'home.yaml': workload('Deployment', 'web', 'app: web', 'shop') },
    },
    {
      name: 'a per-pod Service of a StatefulSet selects the label the controller adds',
      files: { 'sts.yaml': workload('StatefulSet', 'redis', 'app: redis'), 'svc.yaml': service('{app: redis, statefulset.kubernetes.io/pod-name: redis-0}') },
    },
  ],
  invalid: [
    {
      name: 'no workload of the namespace, and the match is in another namespace and another file: a copy-paste slip all the same',
      files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop-staging'), 'svc.yaml': service('{app: web}', 'shop') },
      errors: [{ file: 'svc.yaml', message: 'Service "web" selects no pods: no workload in namespace "shop" has labels app=web; Deployment "web" in namespace "shop-staging" (deploy.yaml) has these labels', line: 7, column: 3, endLine: 7, endColumn: 11 }],
    },
    {
      name: 'labels differ, same file',
      files: { 'app.yaml': `${workload('Deployment', 'api', 'app: api')}---\n${service('{app: web}')}` },
      errors: [{ file: 'app.yaml', message: 'Service "web" selects no pods: no workload in namespace "default" has labels app=web', line: 17, column: 3, endLine: 17, endColumn: 11 }],
    },
    {
      name: 'one label of the selector missing from the pods, another file',
      files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web'), 'svc.yaml': service('{app: web, tier: front}') },
      errors: [{ file: 'svc.yaml', message: 'Service "web" selects no pods: no workload in namespace "default" has labels app=web,tier=front', line: 6, column: 3, endLine: 6, endColumn: 11 }],
    },
    {
      name: 'the matching workload is in another namespace',
      files: { 'deploy.yaml': `${workload('Deployment', 'web', 'app: web')}---\n${workload('Deployment', 'other', 'app: other', 'shop')}`, 'svc.yaml': service('{app: web}', 'shop') },
      errors: [{ file: 'svc.yaml', message: 'Service "web" selects no pods: no workload in namespace "shop" has labels app=web; Deployment "web" in namespace "default" (deploy.yaml) has these labels', line: 7, column: 3, endLine: 7, endColumn: 11 }],
    },
    {
      name: 'pods with these labels in several other namespaces: the first by name, then how many more',
      files: {
        'staging.yaml': workload('Deployment', 'web', 'app: web, tier: front', 'shop-staging'),
        'prod.yaml': `${workload('StatefulSet', 'cache', 'app: cache', 'shop-prod')}---\n${workload('Deployment', 'web', 'app: web', 'shop-prod')}`,
        'prod-canary.yaml': workload('Deployment', 'web-canary', 'app: web', 'shop-prod'),
        'shop.yaml': `${workload('Deployment', 'api', 'app: api', 'shop')}---\n${service('{app: web}', 'shop')}`,
      },
      errors: [
        {
          file: 'shop.yaml',
          message: 'Service "web" selects no pods: no workload in namespace "shop" has labels app=web; Deployment "web-canary" in namespace "shop-prod" (prod-canary.yaml) has these labels, and so do workloads in 1 more namespace',
          line: 19,
          column: 3,
          endLine: 19,
          endColumn: 11,
        },
      ],
    },
    {
      name: 'the copy-paste slip: one file, the Service in a namespace without workloads, its pods in another',
      files: { 'orders.yaml': `${workload('Deployment', 'orders', 'app: orders', 'shop-prod')}---\n${service('{app: orders}', 'shop')}` },
      errors: [{ file: 'orders.yaml', message: 'Service "web" selects no pods: no workload in namespace "shop" has labels app=orders; Deployment "orders" in namespace "shop-prod" has these labels', line: 19, column: 3, endLine: 19, endColumn: 11 }],
    },
    {
      name: 'a pod name the StatefulSet never creates; custom resources in another namespace do not count',
      files: { 'sts.yaml': workload('StatefulSet', 'redis', 'app: redis'), 'svc.yaml': service('{statefulset.kubernetes.io/pod-name: cache-0}'), 'prom.yaml': prometheus('monitoring') },
      errors: [{ file: 'svc.yaml', message: 'Service "web" selects no pods: no workload in namespace "default" has labels statefulset.kubernetes.io/pod-name=cache-0', line: 6, column: 3, endLine: 6, endColumn: 11 }],
    },
  ],
});
