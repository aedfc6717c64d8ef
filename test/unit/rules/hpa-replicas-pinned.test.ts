import rule from '../../../server/src/rules/availability/hpa-replicas-pinned';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'no replicas under an HPA', files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'replicas without an HPA', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }) } },
    { name: 'the HPA targets another namespace', files: { 'app.yaml': join(workload({ name: 'api', replicas: 3 }), hpa({ target: 'api', namespace: 'other', minReplicas: 2, maxReplicas: 5 })) } },
    { name: 'a DaemonSet is not scaled by an HPA', files: { 'ds.yaml': workload({ kind: 'DaemonSet', name: 'api' }), 'hpa.yaml': hpa({ target: 'api', targetKind: 'DaemonSet', minReplicas: 2, maxReplicas: 5 }) } },
  ],
  invalid: [
    {
      name: 'replicas and an HPA in another file',
      files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }), 'hpa.yaml': hpa({ name: 'api', target: 'api', minReplicas: 2, maxReplicas: 5 }) },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" sets replicas: 3 while HorizontalPodAutoscaler "api" (hpa.yaml) scales it: every apply resets the scale the HPA chose', line: 6, column: 3, endLine: 6, endColumn: 14 }],
    },
    {
      name: 'a StatefulSet and its HPA in one file, namespaced',
      files: { 'db.yaml': join(hpa({ target: 'db', targetKind: 'StatefulSet', namespace: 'data', minReplicas: 2, maxReplicas: 5 }), workload({ kind: 'StatefulSet', name: 'db', namespace: 'data', replicas: 2 })) },
      errors: [{ file: 'db.yaml', message: 'StatefulSet "db" sets replicas: 2 while HorizontalPodAutoscaler "scaler" scales it: every apply resets the scale the HPA chose', line: 20, column: 3, endLine: 20, endColumn: 14 }],
    },
    {
      name: 'two HPAs on one ReplicaSet',
      files: { 'rs.yaml': workload({ kind: 'ReplicaSet', name: 'api', replicas: 1 }), 'hpa.yaml': join(hpa({ name: 'cpu', target: 'api', targetKind: 'ReplicaSet', minReplicas: 2, maxReplicas: 5 }), hpa({ name: 'queue', target: 'api', targetKind: 'ReplicaSet', minReplicas: 2, maxReplicas: 5 })) },
      errors: [
        {
          file: 'rs.yaml',
          message: 'ReplicaSet "api" sets replicas: 1 while HorizontalPodAutoscaler "cpu" (hpa.yaml) and HorizontalPodAutoscaler "queue" (hpa.yaml) scale it: every apply resets the scale the HPA chose',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 14,
        },
      ],
    },
  ],
});
