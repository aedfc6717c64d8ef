import rule from '../../../server/src/rules/availability/pdb-missing';
import { hpa as autoscaler, join, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const deployment = (name: string, replicas: number | undefined, labels = `app: ${name}`, namespace?: string): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    ...(replicas === undefined ? [] : [`  replicas: ${replicas}`]),
    `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec:',
    '      containers: [{name: app, image: "app:1"}]',
  );

const pdb = (selector: string, apiVersion = 'policy/v1', namespace?: string): string =>
  yaml(`apiVersion: ${apiVersion}`, 'kind: PodDisruptionBudget', 'metadata:', '  name: budget', ...(namespace ? [`  namespace: ${namespace}`] : []), 'spec:', '  maxUnavailable: 1', `  selector: ${selector}`);

const hpa = (target: string, minReplicas: number): string =>
  yaml('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: h}', 'spec:', `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}`, `  minReplicas: ${minReplicas}`, '  maxReplicas: 10');

workspaceRuleTester(rule, {
  valid: [
    { name: 'PDB in the same file', files: { 'app.yaml': `${deployment('api', 3)}---\n${pdb('{matchLabels: {app: api}}')}` } },
    { name: 'PDB in another file', files: { 'deploy.yaml': deployment('api', 3), 'pdb.yaml': pdb('{matchLabels: {app: api}}') } },
    { name: 'PDB with matchExpressions', files: { 'deploy.yaml': deployment('api', 2, 'app: api, tier: web'), 'pdb.yaml': pdb('{matchExpressions: [{key: app, operator: In, values: [api, web]}]}') } },
    { name: 'an empty policy/v1 selector selects every pod of the namespace', files: { 'deploy.yaml': deployment('api', 3), 'pdb.yaml': pdb('{}') } },
    { name: 'single replica (default)', files: { 'deploy.yaml': deployment('api', undefined) } },
    { name: 'an HPA that never scales past one replica (replicas overridden)', files: { 'deploy.yaml': deployment('api', 3), 'hpa.yaml': autoscaler({ target: 'api', minReplicas: 1, maxReplicas: 1 }) } },
    { name: 'an HPA without maxReplicas (an unrendered value) counts its minimum only', files: { 'deploy.yaml': deployment('api', undefined), 'hpa.yaml': autoscaler({ target: 'api' }) } },
    { name: 'an HPA of another Deployment', files: { 'deploy.yaml': deployment('api', undefined), 'hpa.yaml': autoscaler({ target: 'web', minReplicas: 1, maxReplicas: 10 }) } },
    { name: 'an HPA from 1 to 10 with a budget', files: { 'deploy.yaml': deployment('api', undefined), 'hpa.yaml': autoscaler({ target: 'api', maxReplicas: 10 }), 'pdb.yaml': pdb('{matchLabels: {app: api}}') } },
    { name: 'a Rollout with a PDB', files: { 'rollout.yaml': workload({ kind: 'Rollout', name: 'web', replicas: 3 }), 'pdb.yaml': pdb('{matchLabels: {app: web}}') } },
    { name: 'a Rollout with workloadRef: its Deployment is the one checked', files: { 'rollout.yaml': yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata: {name: web}', 'spec:', '  replicas: 3', '  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}') } },
  ],
  invalid: [
    {
      name: 'no PDB at all: the fix adds one right after the workload',
      files: { 'deploy.yaml': `# the API\n${deployment('api', 3, 'app: api', 'shop')}---\n${pdb('{matchLabels: {app: other}}', 'policy/v1', 'shop')}` },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 3 replicas and no PodDisruptionBudget selects its pods', line: 3, column: 1, endLine: 3, endColumn: 17 }],
      output: {
        'deploy.yaml': `# the API\n${deployment('api', 3, 'app: api', 'shop')}${yaml(
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '  name: api-pdb',
          '  namespace: shop',
          'spec:',
          '  maxUnavailable: 1',
          '  selector:',
          '    matchLabels:',
          '      app: api',
        )}---\n${pdb('{matchLabels: {app: other}}', 'policy/v1', 'shop')}`,
      },
    },
    {
      name: 'PDB selecting other pods, and a PDB in another namespace',
      files: { 'deploy.yaml': deployment('api', 2), 'pdb.yaml': `${pdb('{matchLabels: {app: web}}')}---\n${pdb('{matchLabels: {app: api}}', 'policy/v1', 'other')}` },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 2 replicas and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'an empty policy/v1beta1 selector selects nothing',
      files: { 'deploy.yaml': deployment('api', 2), 'pdb.yaml': pdb('{}', 'policy/v1beta1') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 2 replicas and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'an HPA with minReplicas 1 runs up to maxReplicas most of the day: the budget it gets lets the last pod go',
      files: { 'deploy.yaml': deployment('api', 3), 'hpa.yaml': hpa('api', 1) },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 1 to 10 replicas under HorizontalPodAutoscaler "h" (hpa.yaml) and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 17 }],
      output: {
        'deploy.yaml': `${deployment('api', 3)}${yaml(
          '---',
          'apiVersion: policy/v1',
          'kind: PodDisruptionBudget',
          'metadata:',
          '  name: api-pdb',
          'spec:',
          '  maxUnavailable: 1',
          '  selector:',
          '    matchLabels:',
          '      app: api',
        )}`,
      },
    },
    {
      name: 'minReplicas not set (1) in the same file; the larger maxReplicas of two HPAs is named',
      files: { 'app.yaml': join(deployment('api', undefined, 'app: api', 'shop'), autoscaler({ name: 'small', namespace: 'shop', target: 'api', maxReplicas: 3 }), autoscaler({ name: 'big', namespace: 'shop', target: 'api', maxReplicas: 6 })) },
      errors: [{ file: 'app.yaml', message: 'Deployment "api" runs 1 to 6 replicas under HorizontalPodAutoscaler "big" and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
    {
      name: 'HPA-managed with minReplicas 2, second document of the file',
      files: { 'app.yaml': `${hpa('api', 2)}---\n${deployment('api', undefined)}` },
      errors: [{ file: 'app.yaml', message: 'Deployment "api" runs 2 replicas and no PodDisruptionBudget selects its pods', line: 10, column: 1, endLine: 10, endColumn: 17 }],
    },
    {
      name: 'a Rollout: the fix adds a PDB selecting its pods',
      files: { 'rollout.yaml': workload({ kind: 'Rollout', name: 'web', replicas: 3 }) },
      errors: [{ file: 'rollout.yaml', message: 'Rollout "web" runs 3 replicas and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 14 }],
      output: { 'rollout.yaml': `${workload({ kind: 'Rollout', name: 'web', replicas: 3 })}${yaml('---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: web-pdb', 'spec:', '  maxUnavailable: 1', '  selector:', '    matchLabels:', '      app: web')}` },
    },
    {
      name: 'a DeploymentConfig whose HPA (named in apps.openshift.io) keeps 2',
      files: { 'dc.yaml': workload({ kind: 'DeploymentConfig', name: 'api' }), 'hpa.yaml': autoscaler({ target: 'api', targetKind: 'DeploymentConfig', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'dc.yaml', message: 'DeploymentConfig "api" runs 2 replicas and no PodDisruptionBudget selects its pods', line: 2, column: 1, endLine: 2, endColumn: 23 }],
      output: { 'dc.yaml': `${workload({ kind: 'DeploymentConfig', name: 'api' })}${yaml('---', 'apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata:', '  name: api-pdb', 'spec:', '  maxUnavailable: 1', '  selector:', '    matchLabels:', '      app: api')}` },
    },
  ],
});
