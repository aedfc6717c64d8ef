import rule from '../../../server/src/rules/networking/workload-network-policy-missing';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

// `kind:` is on line 2 of each document.
const workload = (kind: string, name: string, namespace?: string, labels = `app: ${name}`): string =>
  yaml(
    kind === 'Job' ? 'apiVersion: batch/v1' : 'apiVersion: apps/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec: {containers: [{name: app, image: "app:1"}]}',
  );

const policy = (podSelector: string, namespace?: string, apiVersion = 'networking.k8s.io/v1', kind = 'NetworkPolicy'): string =>
  yaml(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: p', ...ns(namespace), 'spec:', `  podSelector: ${podSelector}`, '  ingress: [{from: [{podSelector: {}}]}]');

workspaceRuleTester(rule, {
  valid: [
    { name: 'a policy selecting the pods, same file', files: { 'app.yaml': `${workload('Deployment', 'api')}---\n${policy('{matchLabels: {app: api}}')}` } },
    { name: 'a default-deny policy in another file selects every pod', files: { 'deploy.yaml': workload('StatefulSet', 'db', 'shop'), 'policy.yaml': policy('{}', 'shop') } },
    { name: 'matchExpressions', files: { 'deploy.yaml': workload('Deployment', 'api', undefined, 'app: api, tier: back'), 'policy.yaml': policy('{matchExpressions: [{key: tier, operator: In, values: [back, db]}]}') } },
    { name: 'Jobs are not long-running', files: { 'job.yaml': workload('Job', 'migrate'), 'policy.yaml': policy('{matchLabels: {app: api}}') } },
    { name: 'a Cilium policy in the namespace, which we cannot evaluate', files: { 'deploy.yaml': workload('Deployment', 'api'), 'cnp.yaml': policy('{}', undefined, 'cilium.io/v2', 'CiliumNetworkPolicy') } },
    { name: 'an unreadable selector may select the pods', files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': policy('{matchExpressions: [{key: app, operator: Like, values: [a]}]}') } },
  ],
  invalid: [
    {
      name: 'no policy at all',
      files: { 'deploy.yaml': workload('Deployment', 'api') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": no NetworkPolicy in namespace "default" selects its pods (labels app=api)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'policies for other pods, and for these pods in another namespace; second document of the file',
      files: { 'app.yaml': `${policy('{matchLabels: {app: web}}', 'shop')}---\n${workload('StatefulSet', 'api', 'shop')}`, 'other.yaml': policy('{matchLabels: {app: api}}') },
      errors: [{ file: 'app.yaml', message: 'StatefulSet "api": no NetworkPolicy in namespace "shop" selects its pods (labels app=api)', line: 11, column: 1, endLine: 11, endColumn: 18 }],
    },
    {
      name: 'objects without namespace are in the configured default namespace',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': policy('{}', 'default') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": no NetworkPolicy in namespace "shop" selects its pods (labels app=api)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
  ],
});
