import rule from '../../../server/src/rules/availability/hpa-target-missing';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const rollout = yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata:', '  name: api', 'spec:', '  replicas: 2');

workspaceRuleTester(rule, {
  valid: [
    { name: 'target in the same file', files: { 'app.yaml': join(workload({ name: 'api' }), hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 })) } },
    { name: 'target in another file, explicit namespace', files: { 'deploy.yaml': workload({ name: 'api', namespace: 'shop' }), 'hpa.yaml': hpa({ target: 'api', namespace: 'shop', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'a custom resource with a scale subresource', files: { 'rollout.yaml': rollout, 'hpa.yaml': hpa({ target: 'api', targetKind: 'Rollout', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'a DeploymentConfig named in apps.openshift.io', files: { 'dc.yaml': workload({ kind: 'DeploymentConfig', name: 'api' }), 'hpa.yaml': hpa({ target: 'api', targetKind: 'DeploymentConfig', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'the namespace shows no workload at all: deployed from elsewhere', files: { 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) } },
  ],
  invalid: [
    {
      name: 'no workload of the namespace, and the match is in another namespace and another file: a copy-paste slip all the same',
      files: { 'deploy.yaml': workload({ name: 'api', namespace: 'shop-staging' }), 'hpa.yaml': hpa({ target: 'api', namespace: 'shop', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "shop" in the workspace; it is in namespace "shop-staging" (deploy.yaml)', line: 10, column: 5, endLine: 10, endColumn: 14 }],
    },
    {
      name: 'a renamed Deployment',
      files: { 'deploy.yaml': workload({ name: 'api-v2' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "default" in the workspace', line: 9, column: 5, endLine: 9, endColumn: 14 }],
    },
    {
      name: 'the workload is a StatefulSet, same file, namespaced',
      files: { 'app.yaml': join(workload({ kind: 'StatefulSet', name: 'api', namespace: 'shop' }), hpa({ target: 'api', namespace: 'shop', minReplicas: 2, maxReplicas: 5 })) },
      errors: [{ file: 'app.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "shop" in the workspace', line: 23, column: 5, endLine: 23, endColumn: 14 }],
    },
    {
      name: 'the Deployment lives in another namespace',
      files: { 'deploy.yaml': join(workload({ name: 'api', namespace: 'shop' }), workload({ name: 'web' })), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "default" in the workspace; it is in namespace "shop" (deploy.yaml)', line: 9, column: 5, endLine: 9, endColumn: 14 }],
    },
    {
      name: 'the target in two other namespaces: the first by name, then how many more; a StatefulSet of that name does not count',
      files: {
        'staging.yaml': workload({ name: 'api', namespace: 'shop-staging' }),
        'prod.yaml': join(workload({ name: 'api', namespace: 'shop-prod' }), workload({ kind: 'StatefulSet', name: 'api', namespace: 'shop-dev' })),
        'app.yaml': join(workload({ name: 'web', namespace: 'shop' }), hpa({ target: 'api', namespace: 'shop', minReplicas: 2, maxReplicas: 5 })),
      },
      errors: [{ file: 'app.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "shop" in the workspace; it is in namespace "shop-prod" (prod.yaml), and in 1 more namespace', line: 23, column: 5, endLine: 23, endColumn: 14 }],
    },
    {
      name: 'the copy-paste slip: one file, the HPA in a namespace without workloads, its target in another',
      files: { 'app.yaml': join(workload({ name: 'api', namespace: 'shop-prod' }), hpa({ target: 'api', namespace: 'shop', minReplicas: 2, maxReplicas: 5 })) },
      errors: [{ file: 'app.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Deployment "api", which is not in namespace "shop" in the workspace; it is in namespace "shop-prod"', line: 23, column: 5, endLine: 23, endColumn: 14 }],
    },
    {
      name: 'a Rollout named in apps/v1: the HPA finds no such kind there',
      files: { 'rollout.yaml': workload({ kind: 'Rollout', name: 'api' }), 'hpa.yaml': hpa({ target: 'api', targetKind: 'Rollout', targetApiVersion: 'apps/v1', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Rollout "api" of apps/v1, but that Rollout is argoproj.io/v1alpha1', line: 9, column: 5, endLine: 9, endColumn: 14 }],
    },
    {
      name: 'a renamed Rollout',
      files: { 'rollout.yaml': workload({ kind: 'Rollout', name: 'api-v2' }), 'hpa.yaml': hpa({ target: 'api', targetKind: 'Rollout', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" scales Rollout "api", which is not in namespace "default" in the workspace', line: 9, column: 5, endLine: 9, endColumn: 14 }],
    },
  ],
});
