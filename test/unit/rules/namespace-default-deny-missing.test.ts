import rule from '../../../server/src/rules/networking/namespace-default-deny-missing';
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

const policy = (spec: string[], namespace?: string): string =>
  yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: deny', ...ns(namespace), 'spec:', ...spec.map((line) => `  ${line}`));

const denyIngress = ['podSelector: {}', 'policyTypes: [Ingress]'];
const namespaceObject = (name: string): string => yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`);

workspaceRuleTester(rule, {
  valid: [
    { name: 'default-deny in the same file', files: { 'app.yaml': `${deployment('api')}---\n${policy(denyIngress)}` } },
    {
      name: 'default-deny in another file, explicit namespace with a Namespace object',
      files: { 'ns.yaml': namespaceObject('shop'), 'deploy.yaml': deployment('api', 'shop'), 'policy.yaml': policy(['podSelector: {}', 'ingress: []'], 'shop') },
    },
    { name: 'a namespace without workloads', files: { 'ns.yaml': namespaceObject('shop'), 'svc.yaml': yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s, namespace: shop}', 'spec: {selector: {app: x}}') } },
    { name: 'kube-system is exempt', files: { 'ds.yaml': deployment('dns', 'kube-system') } },
    {
      name: 'a cluster-wide Cilium policy may deny by default',
      files: { 'deploy.yaml': deployment('api'), 'ccnp.yaml': yaml('apiVersion: cilium.io/v2', 'kind: CiliumClusterwideNetworkPolicy', 'metadata: {name: deny}', 'spec: {endpointSelector: {}}') },
    },
    {
      name: 'requireEgress with one policy denying both directions',
      options: { requireEgress: true },
      files: { 'deploy.yaml': deployment('api'), 'policy.yaml': policy(['podSelector: {}', 'policyTypes: [Ingress, Egress]']) },
    },
  ],
  invalid: [
    {
      name: 'no policy: one finding, on the first workload by file name',
      files: { 'b.yaml': deployment('web'), 'a.yaml': `${deployment('api')}---\n${deployment('worker')}` },
      errors: [{ file: 'a.yaml', message: 'Namespace "default" has 3 workloads and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'on the Namespace object; policies that allow ingress or select some pods do not deny by default',
      files: {
        'deploy.yaml': deployment('api', 'shop'),
        'ns.yaml': namespaceObject('shop'),
        'policy.yaml': `${policy(['podSelector: {}', 'ingress: [{}]'], 'shop')}---\n${policy(['podSelector: {matchLabels: {app: api}}', 'policyTypes: [Ingress]'], 'shop')}`,
      },
      errors: [{ file: 'ns.yaml', message: 'Namespace "shop" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'requireEgress: ingress denied, egress not',
      options: { requireEgress: true },
      files: { 'app.yaml': `${policy(denyIngress)}---\n${deployment('api')}` },
      errors: [{ file: 'app.yaml', message: 'Namespace "default" has 1 workload and no default-deny NetworkPolicy for egress (podSelector: {} with no egress rules)', line: 10, column: 1, endLine: 10, endColumn: 17 }],
    },
    {
      name: 'objects without namespace are in the configured default namespace, not in "default"',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': deployment('api'), 'policy.yaml': policy(denyIngress, 'default') },
      errors: [{ file: 'deploy.yaml', message: 'Namespace "shop" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
  ],
});
