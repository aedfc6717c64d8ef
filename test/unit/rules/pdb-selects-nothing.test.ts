import rule from '../../../server/src/rules/availability/pdb-selects-nothing';
import { join, pdb, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const prometheus = yaml('apiVersion: monitoring.coreos.com/v1', 'kind: Prometheus', 'metadata:', '  name: k8s', '  namespace: monitoring', 'spec:', '  replicas: 2');

workspaceRuleTester(rule, {
  valid: [
    { name: 'selects the workload of the same file', files: { 'app.yaml': join(workload({ name: 'api', replicas: 2 }), pdb({ selector: '{matchLabels: {app: api}}', maxUnavailable: 1 })) } },
    {
      name: 'matchExpressions selecting a workload of another file',
      files: { 'deploy.yaml': workload({ name: 'api', labels: 'app: api, tier: web' }), 'pdb.yaml': pdb({ selector: '{matchExpressions: [{key: tier, operator: In, values: [web, db]}]}', minAvailable: 1 }) },
    },
    { name: 'an empty policy/v1 selector selects every pod of the namespace', files: { 'deploy.yaml': workload({ name: 'api' }), 'pdb.yaml': pdb({ selector: '{}', maxUnavailable: 1 }) } },
    {
      name: 'a namespace with custom resources: an operator may create the pods',
      files: { 'prometheus.yaml': prometheus, 'other.yaml': workload({ name: 'grafana', namespace: 'monitoring' }), 'pdb.yaml': pdb({ namespace: 'monitoring', selector: '{matchLabels: {app.kubernetes.io/name: prometheus}}', minAvailable: 1 }) },
    },
    { name: 'no workload of the namespace in the workspace', files: { 'pdb.yaml': pdb({ selector: '{matchLabels: {app: api}}', maxUnavailable: 1 }) } },
    {
      name: 'a selector that cannot be evaluated',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'pdb.yaml': pdb({ selector: '{matchExpressions: [{key: app, operator: Like, values: [api]}]}', maxUnavailable: 1 }) },
    },
    {
      name: 'the default namespace is configurable',
      defaultNamespace: 'shop',
      files: { 'deploy.yaml': workload({ name: 'api', namespace: 'shop' }), 'pdb.yaml': pdb({ selector: '{matchLabels: {app: api}}', maxUnavailable: 1 }) },
    },
  ],
  invalid: [
    {
      name: 'no workload of the namespace, and the match is in another namespace and another file: a copy-paste slip all the same',
      files: { 'deploy.yaml': workload({ name: 'api', namespace: 'shop-staging' }), 'pdb.yaml': pdb({ namespace: 'shop', selector: '{matchLabels: {app: api}}', maxUnavailable: 1 }) },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget" selects no pods: no workload in namespace "shop" has labels app=api; Deployment "api" in namespace "shop-staging" (deploy.yaml) has these labels', line: 8, column: 3, endLine: 8, endColumn: 11 }],
    },
    {
      name: 'a label that matches no pod template, second document of the file',
      files: { 'app.yaml': join(workload({ name: 'api', replicas: 2 }), pdb({ selector: '{matchLabels: {app: web}}', maxUnavailable: 1 })) },
      errors: [{ file: 'app.yaml', message: 'PodDisruptionBudget "budget" selects no pods: no workload in namespace "default" has labels app=web', line: 20, column: 3, endLine: 20, endColumn: 11 }],
    },
    {
      name: 'the selected workload lives in another namespace',
      files: { 'deploy.yaml': join(workload({ name: 'api', namespace: 'shop' }), workload({ name: 'web' })), 'pdb.yaml': pdb({ selector: '{matchLabels: {app: api}}', maxUnavailable: 1 }) },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget" selects no pods: no workload in namespace "default" has labels app=api; Deployment "api" in namespace "shop" (deploy.yaml) has these labels', line: 7, column: 3, endLine: 7, endColumn: 11 }],
    },
    {
      name: 'the copy-paste slip: one file, the budget in a namespace without workloads, matchExpressions matching pods in another',
      files: { 'app.yaml': join(workload({ name: 'api', namespace: 'shop-prod', labels: 'app: api, tier: web' }), pdb({ namespace: 'shop', selector: '{matchExpressions: [{key: tier, operator: In, values: [web]}]}', minAvailable: 1 })) },
      errors: [{ file: 'app.yaml', message: 'PodDisruptionBudget "budget" selects no pods: no workload in namespace "shop" has labels matching tier in (web); Deployment "api" in namespace "shop-prod" has matching labels', line: 21, column: 3, endLine: 21, endColumn: 11 }],
    },
    {
      name: 'matchExpressions in an explicit namespace',
      files: {
        'deploy.yaml': workload({ name: 'api', namespace: 'shop', labels: 'app: api, tier: web' }),
        'pdb.yaml': pdb({ namespace: 'shop', selector: '{matchLabels: {app: api}, matchExpressions: [{key: tier, operator: NotIn, values: [web]}]}', minAvailable: 1 }),
      },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget" selects no pods: no workload in namespace "shop" has labels matching app=api,tier notin (web)', line: 8, column: 3, endLine: 8, endColumn: 11 }],
    },
    {
      name: 'an empty policy/v1beta1 selector selects nothing, whatever the namespace holds',
      files: { 'pdb.yaml': pdb({ apiVersion: 'policy/v1beta1', selector: '{}', maxUnavailable: 1 }), 'prometheus.yaml': prometheus },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget" selects no pods: an empty selector selects nothing in policy/v1beta1 (policy/v1 reads it as every pod of the namespace)', line: 7, column: 3, endLine: 7, endColumn: 11 }],
    },
  ],
});
