import rule from '../../../server/src/rules/resources/namespace-quota-missing';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

// `kind:` is on line 2 of each document.
const deployment = (name: string, namespace?: string): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec: {containers: [{name: app, image: "app:1"}]}',
  );

const quota = (namespace?: string): string => yaml('apiVersion: v1', 'kind: ResourceQuota', 'metadata:', '  name: quota', ...ns(namespace), 'spec: {hard: {pods: "50"}}');
const limits = (namespace?: string): string =>
  yaml('apiVersion: v1', 'kind: LimitRange', 'metadata:', '  name: limits', ...ns(namespace), 'spec: {limits: [{type: Container, default: {memory: 512Mi}}]}');
const namespaceObject = (name: string): string => yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`);

const SIZE = '# kube-prod: size to the namespace\'s share of the cluster';
const SEED = '# kube-prod: seed default for containers that set none';
/** The documents the fix creates (`---` first). */
const createdQuota = (name: string, namespace?: string): string =>
  yaml(
    '---',
    'apiVersion: v1',
    'kind: ResourceQuota',
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    '  hard:',
    `    requests.cpu: "4" ${SIZE}`,
    `    requests.memory: 8Gi ${SIZE}`,
    `    limits.memory: 16Gi ${SIZE}`,
    `    pods: "50" ${SIZE}`,
  );
const createdLimits = (name: string, namespace?: string): string =>
  yaml(
    '---',
    'apiVersion: v1',
    'kind: LimitRange',
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    '  limits:',
    '  - type: Container',
    '    defaultRequest:',
    `      cpu: 250m ${SEED}`,
    `      memory: 256Mi ${SEED}`,
    '    default:',
    `      cpu: 500m ${SEED}`,
    `      memory: 512Mi ${SEED}`,
  );

workspaceRuleTester(rule, {
  valid: [
    { name: 'quota and limits in the same file', files: { 'app.yaml': `${deployment('api')}---\n${quota()}---\n${limits()}` } },
    { name: 'in other files, explicit namespace with a Namespace object', files: { 'ns.yaml': namespaceObject('shop'), 'deploy.yaml': deployment('api', 'shop'), 'quota.yaml': `${quota('shop')}---\n${limits('shop')}` } },
    { name: 'a namespace without workloads', files: { 'ns.yaml': namespaceObject('shop'), 'cm.yaml': yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c, namespace: shop}') } },
    { name: 'kube-system is exempt', files: { 'deploy.yaml': deployment('dns', 'kube-system') } },
  ],
  invalid: [
    {
      name: 'neither: one finding per namespace, on the first workload by file and line',
      files: { 'b.yaml': deployment('web'), 'a.yaml': `${deployment('api')}---\n${deployment('worker')}`, 'c.yaml': deployment('shop-api', 'shop') },
      errors: [
        { file: 'a.yaml', message: 'Namespace "default" has workloads but no ResourceQuota and no LimitRange in the workspace', line: 2, column: 1, endLine: 2, endColumn: 17 },
        { file: 'c.yaml', message: 'Namespace "shop" has workloads but no ResourceQuota and no LimitRange in the workspace', line: 2, column: 1, endLine: 2, endColumn: 17 },
      ],
      // Both objects, in one edit, right after the workload the finding is on (before the next document).
      output: {
        'a.yaml': `${deployment('api')}${createdQuota('default-quota')}${createdLimits('default-limits')}---\n${deployment('worker')}`,
        'c.yaml': `${deployment('shop-api', 'shop')}${createdQuota('shop-quota', 'shop')}${createdLimits('shop-limits', 'shop')}`,
      },
    },
    {
      name: 'on the Namespace object; a quota of another namespace does not count',
      files: { 'deploy.yaml': deployment('api', 'shop'), 'ns.yaml': namespaceObject('shop'), 'quota.yaml': `${quota('default')}---\n${limits('shop')}` },
      errors: [{ file: 'ns.yaml', message: 'Namespace "shop" has workloads but no ResourceQuota in the workspace', line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: { 'ns.yaml': `${namespaceObject('shop')}${createdQuota('shop-quota', 'shop')}` },
    },
    {
      name: 'objects without namespace are in the configured default namespace; same file',
      defaultNamespace: 'shop',
      files: { 'app.yaml': `${quota()}---\n${deployment('api')}` },
      errors: [{ file: 'app.yaml', message: 'Namespace "shop" has workloads but no LimitRange in the workspace', line: 8, column: 1, endLine: 8, endColumn: 17 }],
      output: { 'app.yaml': `${quota()}---\n${deployment('api')}${createdLimits('shop-limits')}` },
    },
    {
      name: '4-space Namespace file without a final line break; the name shop-quota is taken in another namespace only',
      files: {
        'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n    name: shop',
        'deploy.yaml': deployment('api', 'shop'),
        'other.yaml': yaml('apiVersion: v1', 'kind: ResourceQuota', 'metadata: {name: shop-quota, namespace: other}', 'spec: {hard: {pods: "5"}}', '---', 'apiVersion: v1', 'kind: LimitRange', 'metadata: {name: shop-limits, namespace: shop}', 'spec: {limits: []}'),
      },
      errors: [{ file: 'ns.yaml', message: 'Namespace "shop" has workloads but no ResourceQuota in the workspace', line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: {
        'ns.yaml': [
          'apiVersion: v1',
          'kind: Namespace',
          'metadata:',
          '    name: shop',
          '---',
          'apiVersion: v1',
          'kind: ResourceQuota',
          'metadata:',
          '    name: shop-quota',
          '    namespace: shop',
          'spec:',
          '    hard:',
          `        requests.cpu: "4" ${SIZE}`,
          `        requests.memory: 8Gi ${SIZE}`,
          `        limits.memory: 16Gi ${SIZE}`,
          `        pods: "50" ${SIZE}`,
        ].join('\n'),
      },
    },
  ],
});
