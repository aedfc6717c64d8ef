import rule from '../../../server/src/rules/availability/replicas-too-few';
import { hpa, join, service, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'three replicas', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }) } },
    { name: 'a StatefulSet with two replicas', files: { 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', replicas: 2, serviceName: 'db' }) } },
    { name: 'an HPA in another file keeps two', files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'an HPA owns the count even with minReplicas 1 (hpa-min-replicas-low reports it)', files: { 'app.yaml': join(workload({ name: 'api', replicas: 1 }), hpa({ target: 'api', maxReplicas: 5 })) } },
    { name: 'replicas: 0 parks the workload', files: { 'deploy.yaml': workload({ name: 'api', replicas: 0 }) } },
    { name: 'a DaemonSet has no replicas', files: { 'ds.yaml': workload({ kind: 'DaemonSet', name: 'agent' }) } },
  ],
  invalid: [
    {
      name: 'replicas: 1',
      files: { 'deploy.yaml': workload({ name: 'api', replicas: 1 }) },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 1 replica (any node drain or crash takes it down)', line: 6, column: 3, endLine: 6, endColumn: 14 }],
    },
    {
      name: 'replicas not set on a StatefulSet, second document',
      files: { 'db.yaml': join(service('db', 'app: db'), workload({ kind: 'StatefulSet', name: 'db', serviceName: 'db' })) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db" runs 1 replica (replicas is not set and defaults to 1)', line: 11, column: 1, endLine: 11, endColumn: 18 }],
    },
    {
      name: 'HPAs of another kind or another namespace do not count',
      files: {
        'deploy.yaml': workload({ name: 'api', namespace: 'shop' }),
        'hpa.yaml': join(hpa({ target: 'api', targetKind: 'StatefulSet', namespace: 'shop', minReplicas: 3, maxReplicas: 5 }), hpa({ target: 'api', minReplicas: 3, maxReplicas: 5 })),
      },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 1 replica (replicas is not set and defaults to 1)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
    },
  ],
});
