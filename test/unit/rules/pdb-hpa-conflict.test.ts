import rule from '../../../server/src/rules/availability/pdb-hpa-conflict';
import { hpa, join, pdb, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const selectsApi = '{matchLabels: {app: api}}';

workspaceRuleTester(rule, {
  valid: [
    {
      name: 'minAvailable below minReplicas',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) },
    },
    { name: 'maxUnavailable scales with the count', files: { 'app.yaml': join(workload({ name: 'api' }), hpa({ target: 'api', maxReplicas: 5 }), pdb({ selector: selectsApi, maxUnavailable: 1 })) } },
    {
      name: 'minAvailable "100%" blocks at every scale: pdb-blocks-eviction speaks',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: '100%' }) },
    },
    { name: 'no HPA: pdb-blocks-eviction speaks', files: { 'deploy.yaml': workload({ name: 'api' }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 1 }) } },
    {
      name: 'the HPA lives in another namespace',
      files: { 'deploy.yaml': workload({ name: 'api', replicas: 3 }), 'hpa.yaml': hpa({ target: 'api', namespace: 'other', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 2 }) },
    },
    {
      name: 'another selected workload keeps enough pods',
      files: {
        'deploy.yaml': join(workload({ name: 'api', labels: 'app: api, tier: web' }), workload({ name: 'web', replicas: 2, labels: 'app: web, tier: web' })),
        'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }),
        'pdb.yaml': pdb({ selector: '{matchLabels: {tier: web}}', minAvailable: 2 }),
      },
    },
  ],
  invalid: [
    {
      name: 'minAvailable equal to minReplicas, three files',
      files: { 'deploy.yaml': workload({ name: 'api', replicas: 4 }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }), 'pdb.yaml': pdb({ selector: selectsApi, minAvailable: 2 }) },
      errors: [
        {
          file: 'pdb.yaml',
          message: 'PodDisruptionBudget "budget": minAvailable 2 blocks every eviction when HorizontalPodAutoscaler "scaler" (hpa.yaml) scales down to minReplicas 2: it selects Deployment "api" (deploy.yaml) with at least 2 replicas',
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'minReplicas left at its default of 1, one file',
      files: { 'app.yaml': join(workload({ name: 'api' }), hpa({ target: 'api', maxReplicas: 5 }), pdb({ selector: selectsApi, minAvailable: 1 })) },
      errors: [
        {
          file: 'app.yaml',
          message: 'PodDisruptionBudget "budget": minAvailable 1 blocks every eviction when HorizontalPodAutoscaler "scaler" scales down to minReplicas 1: it selects Deployment "api" with at least 1 replica',
          line: 29,
          column: 3,
          endLine: 29,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'a percentage rounds up at the minimum scale, explicit namespace',
      files: {
        'deploy.yaml': workload({ kind: 'StatefulSet', name: 'api', namespace: 'shop' }),
        'hpa.yaml': hpa({ target: 'api', targetKind: 'StatefulSet', namespace: 'shop', minReplicas: 1, maxReplicas: 5 }),
        'pdb.yaml': pdb({ namespace: 'shop', selector: selectsApi, minAvailable: '50%' }),
      },
      errors: [
        {
          file: 'pdb.yaml',
          message: 'PodDisruptionBudget "budget": minAvailable "50%" blocks every eviction when HorizontalPodAutoscaler "scaler" (hpa.yaml) scales down to minReplicas 1: it selects StatefulSet "api" (deploy.yaml) with at least 1 replica',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 22,
        },
      ],
    },
  ],
});
