import rule from '../../../server/src/rules/availability/hpa-min-replicas-low';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'minReplicas 2, target in another file', files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'minReplicas 3, same file, explicit namespace', files: { 'app.yaml': join(workload({ name: 'api', namespace: 'shop' }), hpa({ target: 'api', namespace: 'shop', minReplicas: 3, maxReplicas: 9 })) } },
    { name: 'minReplicas 0 is deliberate scale-to-zero', files: { 'hpa.yaml': hpa({ target: 'worker', minReplicas: 0, maxReplicas: 5 }) } },
    { name: 'not an HPA', files: { 'deploy.yaml': workload({ name: 'api', replicas: 1 }) } },
  ],
  invalid: [
    {
      name: 'minReplicas 1',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 1, maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" can scale Deployment "api" down to 1 replica (minReplicas 1)', line: 10, column: 3, endLine: 10, endColumn: 17 }],
    },
    {
      name: 'minReplicas not set',
      files: { 'hpa.yaml': hpa({ target: 'api', maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" can scale Deployment "api" down to 1 replica (minReplicas is not set and defaults to 1)', line: 2, column: 1, endLine: 2, endColumn: 30 }],
    },
    {
      name: 'second document, a StatefulSet target in a namespace',
      files: { 'db.yaml': join(workload({ kind: 'StatefulSet', name: 'db', namespace: 'data' }), hpa({ name: 'db', target: 'db', targetKind: 'StatefulSet', namespace: 'data', minReplicas: 1, maxReplicas: 3 })) },
      errors: [{ file: 'db.yaml', message: 'HorizontalPodAutoscaler "db" can scale StatefulSet "db" down to 1 replica (minReplicas 1)', line: 24, column: 3, endLine: 24, endColumn: 17 }],
    },
  ],
});
