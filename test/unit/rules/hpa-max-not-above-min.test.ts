import rule from '../../../server/src/rules/availability/hpa-max-not-above-min';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

workspaceRuleTester(rule, {
  valid: [
    { name: 'max above min', files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 2, maxReplicas: 5 }) } },
    { name: 'max 2 above the default min of 1, same file', files: { 'app.yaml': join(workload({ name: 'api' }), hpa({ target: 'api', maxReplicas: 2 })) } },
    { name: 'no maxReplicas to compare (a schema error, not this rule)', files: { 'hpa.yaml': hpa({ target: 'api', minReplicas: 2 }) } },
  ],
  invalid: [
    {
      name: 'max equal to min',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': hpa({ target: 'api', minReplicas: 3, maxReplicas: 3 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler": maxReplicas 3 equals minReplicas 3, so it can never scale Deployment "api"', line: 11, column: 3, endLine: 11, endColumn: 17 }],
    },
    {
      name: 'max 1 with min left at its default, namespaced, second document',
      files: { 'app.yaml': join(workload({ name: 'api', namespace: 'shop' }), hpa({ target: 'api', namespace: 'shop', maxReplicas: 1 })) },
      errors: [{ file: 'app.yaml', message: 'HorizontalPodAutoscaler "scaler": maxReplicas 1 equals minReplicas (default 1), so it can never scale Deployment "api"', line: 24, column: 3, endLine: 24, endColumn: 17 }],
    },
    {
      name: 'max below min',
      files: { 'hpa.yaml': hpa({ target: 'api', minReplicas: 4, maxReplicas: 2 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler": maxReplicas 2 is below minReplicas 4 (the API server rejects it)', line: 11, column: 3, endLine: 11, endColumn: 17 }],
    },
  ],
});
