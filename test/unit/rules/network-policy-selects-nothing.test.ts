import rule from '../../../server/src/rules/networking/network-policy-selects-nothing';
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
    '    spec: {containers: [{name: app, image: "app:1"}]}',
  );

// `podSelector:` is on line 6 without a namespace, line 7 with one.
const policy = (podSelector: string, namespace?: string): string =>
  yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: allow-web', ...ns(namespace), 'spec:', `  podSelector: ${podSelector}`, '  policyTypes: [Ingress]');

workspaceRuleTester(rule, {
  valid: [
    { name: 'selects the pods, same file', files: { 'app.yaml': `${workload('Deployment', 'web', 'app: web, tier: front')}---\n${policy('{matchLabels: {app: web}}')}` } },
    { name: 'matchExpressions, another file and namespace', files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop'), 'policy.yaml': policy('{matchExpressions: [{key: app, operator: In, values: [web, api]}]}', 'shop') } },
    { name: 'an empty podSelector selects every pod', files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web'), 'policy.yaml': policy('{}') } },
    {
      name: 'pods of a custom resource may match',
      files: {
        'deploy.yaml': workload('Deployment', 'web', 'app: web'),
        'policy.yaml': policy('{matchLabels: {app: alertmanager}}'),
        'am.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: Alertmanager', 'metadata: {name: main}', 'spec: {replicas: 3}'),
      },
    },
    { name: 'the workspace shows no workload of the namespace', files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web'), 'policy.yaml': policy('{matchLabels: {app: api}}', 'shop') } },
    { name: 'a label the StatefulSet controller adds', files: { 'sts.yaml': workload('StatefulSet', 'db', 'app: db'), 'policy.yaml': policy('{matchLabels: {apps.kubernetes.io/pod-index: "0"}}') } },
  ],
  invalid: [
    {
      name: 'no workload of the namespace, and the match is in another namespace and another file: a copy-paste slip all the same',
      files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop-staging'), 'policy.yaml': policy('{matchLabels: {app: web}}', 'shop') },
      errors: [{ file: 'policy.yaml', message: 'NetworkPolicy "allow-web" selects no pods: no workload in namespace "shop" has labels matching app=web; Deployment "web" in namespace "shop-staging" (deploy.yaml) has these labels', line: 7, column: 3, endLine: 7, endColumn: 14 }],
    },
    {
      name: 'no pod has the labels, same file',
      files: { 'app.yaml': `${workload('Deployment', 'web', 'app: web')}---\n${policy('{matchLabels: {app: api}}')}` },
      errors: [{ file: 'app.yaml', message: 'NetworkPolicy "allow-web" selects no pods: no workload in namespace "default" has labels matching app=api', line: 16, column: 3, endLine: 16, endColumn: 14 }],
    },
    {
      name: 'the matching workload is in another namespace',
      files: { 'deploy.yaml': `${workload('Deployment', 'web', 'app: web')}---\n${workload('Deployment', 'other', 'app: other', 'shop')}`, 'policy.yaml': policy('{matchLabels: {app: web}}', 'shop') },
      errors: [{ file: 'policy.yaml', message: 'NetworkPolicy "allow-web" selects no pods: no workload in namespace "shop" has labels matching app=web; Deployment "web" in namespace "default" (deploy.yaml) has these labels', line: 7, column: 3, endLine: 7, endColumn: 14 }],
    },
    {
      name: 'the copy-paste slip: one file, the policy in a namespace without workloads, a CronJob\'s pods in another',
      files: {
        'backup.yaml': `${yaml(
          'apiVersion: batch/v1',
          'kind: CronJob',
          'metadata: {name: backup, namespace: shop-prod}',
          'spec:',
          '  schedule: "@daily"',
          '  jobTemplate: {spec: {template: {metadata: {labels: {app: backup}}, spec: {restartPolicy: Never, containers: [{name: app, image: "app:1"}]}}}}',
        )}---\n${policy('{matchExpressions: [{key: app, operator: In, values: [backup]}]}', 'shop')}`,
      },
      errors: [{ file: 'backup.yaml', message: 'NetworkPolicy "allow-web" selects no pods: no workload in namespace "shop" has labels matching app in (backup); CronJob "backup" in namespace "shop-prod" has matching labels', line: 14, column: 3, endLine: 14, endColumn: 14 }],
    },
    {
      name: 'matchExpressions excluding every pod, configured default namespace',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': workload('Deployment', 'web', 'app: web', 'shop'), 'policy.yaml': policy('{matchExpressions: [{key: app, operator: NotIn, values: [web]}]}') },
      errors: [{ file: 'policy.yaml', message: 'NetworkPolicy "allow-web" selects no pods: no workload in namespace "shop" has labels matching app notin (web)', line: 6, column: 3, endLine: 6, endColumn: 14 }],
    },
  ],
});
