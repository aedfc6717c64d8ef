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

// `kind:` is on line 2; the pod labels sit where batch/v1 puts them, under jobTemplate.
const cronJob = (name: string, labels: string | undefined, namespace?: string): string =>
  yaml(
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    `  name: ${name}`,
    ...ns(namespace),
    'spec:',
    '  schedule: "0 3 * * *"',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    ...(labels ? [`        metadata: {labels: {${labels}}}`] : []),
    '        spec: {restartPolicy: OnFailure, containers: [{name: app, image: "app:1"}]}',
  );

const job = (name: string, labels: string | undefined): string =>
  yaml(
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    ...(labels ? [`    metadata: {labels: {${labels}}}`] : []),
    '    spec: {restartPolicy: Never, containers: [{name: app, image: "app:1"}]}',
  );

/** A policy with the given policyTypes (none: the API's default) and an egress section when `egress`. */
const typedPolicy = (name: string, podSelector: string, policyTypes: string | undefined, egress = true): string =>
  yaml(
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    `  podSelector: ${podSelector}`,
    ...(policyTypes ? [`  policyTypes: ${policyTypes}`] : []),
    ...(egress ? ['  egress: [{to: [{namespaceSelector: {}}]}]'] : []),
  );

workspaceRuleTester(rule, {
  valid: [
    { name: 'a policy selecting the pods, same file', files: { 'app.yaml': `${workload('Deployment', 'api')}---\n${policy('{matchLabels: {app: api}}')}` } },
    { name: 'a default-deny policy in another file selects every pod', files: { 'deploy.yaml': workload('StatefulSet', 'db', 'shop'), 'policy.yaml': policy('{}', 'shop') } },
    { name: 'matchExpressions', files: { 'deploy.yaml': workload('Deployment', 'api', undefined, 'app: api, tier: back'), 'policy.yaml': policy('{matchExpressions: [{key: tier, operator: In, values: [back, db]}]}') } },
    { name: 'a CronJob whose jobTemplate pod labels a policy selects', files: { 'cron.yaml': cronJob('backup', 'app: backup'), 'policy.yaml': policy('{matchLabels: {app: backup}}') } },
    { name: 'a CronJob under the namespace\'s default-deny policy', files: { 'cron.yaml': cronJob('backup', undefined, 'shop'), 'policy.yaml': policy('{}', 'shop') } },
    { name: 'a Job without template labels, selected by the job-name label its controller adds', files: { 'job.yaml': job('migrate', undefined), 'policy.yaml': policy('{matchLabels: {job-name: migrate}}') } },
    { name: 'policyTypes [Ingress, Egress] governs ingress too', files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': typedPolicy('api', '{matchLabels: {app: api}}', '[Ingress, Egress]') } },
    { name: 'no policyTypes and an egress section: Ingress and Egress', files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': typedPolicy('api', '{matchLabels: {app: api}}', undefined) } },
    {
      name: 'an egress-only policy beside a default-deny ingress policy',
      files: { 'deploy.yaml': workload('Deployment', 'api'), 'egress.yaml': typedPolicy('api-egress', '{matchLabels: {app: api}}', '[Egress]'), 'deny.yaml': typedPolicy('deny', '{}', '[Ingress]', false) },
    },
    { name: 'a Cilium policy in the namespace, which we cannot evaluate', files: { 'deploy.yaml': workload('Deployment', 'api'), 'cnp.yaml': policy('{}', undefined, 'cilium.io/v2', 'CiliumNetworkPolicy') } },
    { name: 'an unreadable selector may select the pods', files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': policy('{matchExpressions: [{key: app, operator: Like, values: [a]}]}') } },
  ],
  invalid: [
    {
      name: 'a CronJob that no policy selects (a policy for other pods)',
      files: { 'cron.yaml': cronJob('backup', 'app: backup'), 'policy.yaml': policy('{matchLabels: {app: api}}') },
      errors: [{ file: 'cron.yaml', message: 'CronJob "backup": no NetworkPolicy in namespace "default" selects its pods (labels app=backup)', line: 2, column: 1, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'a CronJob whose labels a policy of another namespace selects',
      files: { 'cron.yaml': cronJob('backup', 'app: backup', 'shop'), 'policy.yaml': policy('{matchLabels: {app: backup}}', 'shop-prod') },
      errors: [{ file: 'cron.yaml', message: 'CronJob "backup": no NetworkPolicy in namespace "shop" selects its pods (labels app=backup)', line: 2, column: 1, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'a Job without template labels and no policy',
      files: { 'job.yaml': job('migrate', undefined) },
      errors: [{ file: 'job.yaml', message: 'Job "migrate": no NetworkPolicy in namespace "default" selects its pods (no pod labels)', line: 2, column: 1, endLine: 2, endColumn: 10 }],
    },
    {
      name: 'an egress-only policy selects the pods',
      files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': typedPolicy('api-egress', '{matchLabels: {app: api}}', '[Egress]') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": only NetworkPolicy "api-egress" selects its pods, and it governs egress only: ingress is open', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'an egress default-deny and an egress-only policy select the CronJob\'s pods, named by file',
      files: { 'cron.yaml': cronJob('backup', 'app: backup'), 'b.yaml': typedPolicy('backup-egress', '{matchLabels: {app: backup}}', '[Egress]'), 'a.yaml': typedPolicy('deny-egress', '{}', '[Egress]', false) },
      errors: [{ file: 'cron.yaml', message: 'CronJob "backup": only NetworkPolicies "deny-egress", "backup-egress" select its pods, and they govern egress only: ingress is open', line: 2, column: 1, endLine: 2, endColumn: 14 }],
    },
    {
      name: 'an egress-only policy whose selector cannot be read does not silence the rule',
      files: { 'deploy.yaml': workload('Deployment', 'api'), 'policy.yaml': typedPolicy('odd', '{matchExpressions: [{key: app, operator: Like, values: [a]}]}', '[Egress]') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": no NetworkPolicy in namespace "default" selects its pods (labels app=api)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
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
