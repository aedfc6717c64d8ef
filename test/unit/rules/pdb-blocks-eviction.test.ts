import rule from '../../../server/src/rules/availability/pdb-blocks-eviction';
import { hpa, join, pdb, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const selectsApi = '{matchLabels: {app: api}}';

workspaceRuleTester(rule, {
  valid: [
    { name: 'maxUnavailable 1', files: { 'app.yaml': join(workload({ name: 'api', replicas: 3 }), pdb({ selector: selectsApi, maxUnavailable: 1 })) } },
    { name: 'minAvailable below the replicas, another file', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 2 }) } },
    {
      name: 'minAvailable below the replicas of two selected workloads together',
      files: {
        'deploy.yaml': join(workload({ name: 'api', labels: 'app: api, tier: web' }), workload({ name: 'web', replicas: 2, labels: 'app: web, tier: web' })),
        'pdb.yaml': pdb({ selector: '{matchLabels: {tier: web}}', minAvailable: 2 }),
      },
    },
    { name: 'a percentage that rounds up below the count', files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: '50%' }) } },
    { name: 'a DaemonSet has as many pods as nodes: no count to compare with', files: { 'ds.yaml': workload({ kind: 'DaemonSet', name: 'api' }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) } },
    {
      name: 'an HPA scales the workload: pdb-hpa-conflict speaks',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 2 }) },
    },
    { name: 'replicas: 0 leaves nothing to evict', files: { 'deploy.yaml': workload({ name: 'api', replicas: 0 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) } },
    { name: 'minAvailable with nothing selected in the workspace', files: { 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) } },
  ],
  invalid: [
    {
      name: 'maxUnavailable 0, same file',
      files: { 'app.yaml': join(workload({ name: 'api', replicas: 3 }), pdb({ selector: selectsApi, maxUnavailable: 0 })) },
      errors: [{ file: 'app.yaml', message: 'PodDisruptionBudget "budget": maxUnavailable 0 never allows an eviction: it selects Deployment "api" with 3 replicas', line: 19, column: 3, endLine: 19, endColumn: 20 }],
    },
    {
      name: 'minAvailable "100%" blocks whatever it selects',
      files: { 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: '100%' }) },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget": minAvailable "100%" never allows an eviction', line: 6, column: 3, endLine: 6, endColumn: 23 }],
    },
    {
      name: 'minAvailable 1 on a single replica (the default), another file',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget": minAvailable 1 never allows an eviction: it selects Deployment "api" (deploy.yaml) with 1 replica', line: 6, column: 3, endLine: 6, endColumn: 18 }],
    },
    {
      name: 'minAvailable equal to the replicas of two workloads, explicit namespace',
      files: {
        'a.yaml': workload({ name: 'a', namespace: 'shop', labels: 'app: a, tier: db' }),
        'b.yaml': workload({ kind: 'StatefulSet', name: 'b', namespace: 'shop', replicas: 2, labels: 'app: b, tier: db' }),
        'c.yaml': workload({ name: 'c', replicas: 5, labels: 'app: c, tier: db' }),
        'pdb.yaml': pdb({ namespace: 'shop', selector: '{matchLabels: {tier: db}}', minAvailable: 3 }),
      },
      errors: [
        {
          file: 'pdb.yaml',
          message: 'PodDisruptionBudget "budget": minAvailable 3 never allows an eviction: it selects Deployment "a" (a.yaml) with 1 replica and StatefulSet "b" (b.yaml) with 2 replicas (3 in all)',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'a percentage rounds up: 67% of 3 is 3',
      files: { 'db.yaml': join(workload({ kind: 'StatefulSet', name: 'db', replicas: 3 }), pdb({ selector: '{matchLabels: {app: db}}', minAvailable: '67%' })) },
      errors: [{ file: 'db.yaml', message: 'PodDisruptionBudget "budget": minAvailable "67%" never allows an eviction: it selects StatefulSet "db" with 3 replicas', line: 19, column: 3, endLine: 19, endColumn: 22 }],
    },
    {
      name: 'maxUnavailable "0%" under an HPA',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, maxUnavailable: '0%' }) },
      errors: [{ file: 'pdb.yaml', message: 'PodDisruptionBudget "budget": maxUnavailable "0%" never allows an eviction: it selects Deployment "api" (deploy.yaml) with at least 2 replicas', line: 6, column: 3, endLine: 6, endColumn: 23 }],
    },
  ],
});
