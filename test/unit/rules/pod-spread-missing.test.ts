import rule from '../../../server/src/rules/availability/pod-spread-missing';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'topologySpreadConstraints', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3, spread: 'topology' }) } },
    { name: 'podAntiAffinity', files: { 'db.yaml': workload({ kind: 'StatefulSet', name: 'db', replicas: 3, spread: 'antiAffinity' }) } },
    { name: 'a single replica', files: { 'deploy.yaml': workload({ name: 'api' }) } },
    { name: 'an HPA in another file lets it shrink to one pod', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 1, maxReplicas: 5 }) } },
    { name: 'a DaemonSet runs one pod per node already', files: { 'ds.yaml': workload({ kind: 'DaemonSet', name: 'agent' }) } },
    { name: 'a ReplicaSet with topologySpreadConstraints', files: { 'rs.yaml': workload({ kind: 'ReplicaSet', name: 'api', replicas: 2, spread: 'topology' }) } },
  ],
  invalid: [
    {
      name: 'three replicas and nothing that spreads them',
      files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }) },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api" runs 3 replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node', line: 10, column: 5, endLine: 10, endColumn: 9 }],
    },
    {
      name: 'an HPA in the same file keeps two replicas, second document',
      files: { 'app.yaml': join(hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), workload({ name: 'api', namespace: 'default' })) },
      errors: [{ file: 'app.yaml', message: 'Deployment "api" runs 2 replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node', line: 22, column: 5, endLine: 22, endColumn: 9 }],
    },
    {
      name: 'an empty podAntiAffinity spreads nothing; a ReplicationController',
      files: { 'rc.yaml': workload({ kind: 'ReplicationController', name: 'legacy', replicas: 2, podSpec: ['      affinity:', '        podAntiAffinity: {}'] }) },
      errors: [{ file: 'rc.yaml', message: 'ReplicationController "legacy" runs 2 replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node', line: 10, column: 5, endLine: 10, endColumn: 9 }],
    },
  ],
});
