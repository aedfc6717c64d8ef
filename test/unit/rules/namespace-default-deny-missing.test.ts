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

/** The policy the fix creates, as a `---` document; no namespace line when the object it follows states none. */
const created = (types: string[], namespace?: string, name = 'default-deny'): string =>
  yaml('---', 'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${name}`, ...ns(namespace), 'spec:', '  podSelector: {}', '  policyTypes:', ...types.map((type) => `  - ${type}`));

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
    {
      name: 'no policyTypes: Ingress is implied, even beside an egress section',
      files: { 'deploy.yaml': deployment('api'), 'policy.yaml': policy(['podSelector: {}', 'egress: [{to: [{namespaceSelector: {}}]}]']) },
    },
  ],
  invalid: [
    {
      name: 'no policy: one finding, on the first workload by file name',
      files: { 'b.yaml': deployment('web'), 'a.yaml': `${deployment('api')}---\n${deployment('worker')}` },
      errors: [{ file: 'a.yaml', message: 'Namespace "default" has 3 workloads and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
      // Right after the workload the finding is on, before the next document; no namespace, as the workload states none.
      output: { 'a.yaml': `${deployment('api')}${created(['Ingress'])}---\n${deployment('worker')}` },
    },
    {
      name: 'on the Namespace object; policies that allow ingress or select some pods do not deny by default',
      files: {
        'deploy.yaml': deployment('api', 'shop'),
        'ns.yaml': namespaceObject('shop'),
        'policy.yaml': `${policy(['podSelector: {}', 'ingress: [{}]'], 'shop')}---\n${policy(['podSelector: {matchLabels: {app: api}}', 'policyTypes: [Ingress]'], 'shop')}`,
      },
      errors: [{ file: 'ns.yaml', message: 'Namespace "shop" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: { 'ns.yaml': `${namespaceObject('shop')}${created(['Ingress'], 'shop')}` },
    },
    {
      name: 'a default-deny for egress only leaves ingress open',
      files: { 'app.yaml': `${policy(['podSelector: {}', 'policyTypes: [Egress]'])}---\n${deployment('api')}` },
      errors: [{ file: 'app.yaml', message: 'Namespace "default" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 10, column: 1, endLine: 10, endColumn: 17 }],
      output: { 'app.yaml': `${policy(['podSelector: {}', 'policyTypes: [Egress]'])}---\n${deployment('api')}${created(['Ingress'])}` },
    },
    {
      name: 'requireEgress: ingress denied, egress not',
      options: { requireEgress: true },
      files: { 'app.yaml': `${policy(denyIngress)}---\n${deployment('api')}` },
      errors: [{ file: 'app.yaml', message: 'Namespace "default" has 1 workload and no default-deny NetworkPolicy for egress (podSelector: {} with no egress rules)', line: 10, column: 1, endLine: 10, endColumn: 17 }],
      output: { 'app.yaml': `${policy(denyIngress)}---\n${deployment('api')}${created(['Ingress', 'Egress'])}` },
    },
    {
      name: 'objects without namespace are in the configured default namespace, not in "default"',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': deployment('api'), 'policy.yaml': policy(denyIngress, 'default') },
      errors: [{ file: 'deploy.yaml', message: 'Namespace "shop" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
      output: { 'deploy.yaml': `${deployment('api')}${created(['Ingress'])}` },
    },
    {
      name: 'the name default-deny is taken by a policy that allows ingress; CRLF Namespace file without a final line break',
      files: {
        'ns.yaml': 'apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n    name: shop',
        'deploy.yaml': deployment('api', 'shop'),
        'policy.yaml': yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: default-deny, namespace: shop}', 'spec: {podSelector: {}, ingress: [{}]}'),
      },
      errors: [{ file: 'ns.yaml', message: 'Namespace "shop" has 1 workload and no default-deny NetworkPolicy for ingress (podSelector: {} with no ingress rules)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: {
        'ns.yaml': [
          'apiVersion: v1',
          'kind: Namespace',
          'metadata:',
          '    name: shop',
          '---',
          'apiVersion: networking.k8s.io/v1',
          'kind: NetworkPolicy',
          'metadata:',
          '    name: default-deny-2',
          '    namespace: shop',
          'spec:',
          '    podSelector: {}',
          '    policyTypes:',
          '    - Ingress',
        ].join('\r\n'),
      },
    },
  ],
});
