import rule from '../../../server/src/rules/availability/hpa-min-replicas-low';
import { hpa, join, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
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
      output: {
        'hpa.yaml': yaml(
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata:',
          '  name: scaler',
          'spec:',
          '  scaleTargetRef:',
          '    apiVersion: apps/v1',
          '    kind: Deployment',
          '    name: api',
          '  minReplicas: 2',
          '  maxReplicas: 5',
        ),
      },
    },
    {
      name: 'minReplicas not set',
      files: { 'hpa.yaml': hpa({ target: 'api', maxReplicas: 5 }) },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "scaler" can scale Deployment "api" down to 1 replica (minReplicas is not set and defaults to 1)', line: 2, column: 1, endLine: 2, endColumn: 30 }],
      output: {
        'hpa.yaml': yaml(
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata:',
          '  name: scaler',
          'spec:',
          '  scaleTargetRef:',
          '    apiVersion: apps/v1',
          '    kind: Deployment',
          '    name: api',
          '  maxReplicas: 5',
          '  minReplicas: 2',
        ),
      },
    },
    {
      name: 'second document, a StatefulSet target in a namespace',
      files: { 'db.yaml': join(workload({ kind: 'StatefulSet', name: 'db', namespace: 'data' }), hpa({ name: 'db', target: 'db', targetKind: 'StatefulSet', namespace: 'data', minReplicas: 1, maxReplicas: 3 })) },
      errors: [{ file: 'db.yaml', message: 'HorizontalPodAutoscaler "db" can scale StatefulSet "db" down to 1 replica (minReplicas 1)', line: 24, column: 3, endLine: 24, endColumn: 17 }],
      output: {
        'db.yaml': yaml(
          'apiVersion: apps/v1',
          'kind: StatefulSet',
          'metadata:',
          '  name: db',
          '  namespace: data',
          'spec:',
          '  selector: {matchLabels: {app: db}}',
          '  template:',
          '    metadata: {labels: {app: db}}',
          '    spec:',
          '      containers:',
          '      - {name: app, image: "app:1"}',
          '---',
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata:',
          '  name: db',
          '  namespace: data',
          'spec:',
          '  scaleTargetRef:',
          '    apiVersion: apps/v1',
          '    kind: StatefulSet',
          '    name: db',
          '  minReplicas: 2',
          '  maxReplicas: 3',
        ),
      },
    },
    {
      name: 'maxReplicas 2 is raised above the new minimum; flow style, CRLF, no final line break',
      files: {
        'hpa.yaml': yaml('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', 'metadata: {name: web}', 'spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 1, maxReplicas: 2}')
          .slice(0, -1)
          .replace(/\n/g, '\r\n'),
      },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "web" can scale Deployment "web" down to 1 replica (minReplicas 1)', line: 4, column: 76, endLine: 4, endColumn: 90 }],
      output: {
        'hpa.yaml': yaml(
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata: {name: web}',
          'spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 3}',
        ).slice(0, -1).replace(/\n/g, '\r\n'),
      },
    },
    {
      name: '4-space indentation, comments',
      files: {
        'hpa.yaml': yaml(
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata:',
          '    name: web',
          'spec:',
          '    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
          '    minReplicas: 1 # save money at night',
          '    maxReplicas: 10',
          '    # metrics: CPU by default',
        ),
      },
      errors: [{ file: 'hpa.yaml', message: 'HorizontalPodAutoscaler "web" can scale Deployment "web" down to 1 replica (minReplicas 1)', line: 7, column: 5, endLine: 7, endColumn: 19 }],
      output: {
        'hpa.yaml': yaml(
          'apiVersion: autoscaling/v2',
          'kind: HorizontalPodAutoscaler',
          'metadata:',
          '    name: web',
          'spec:',
          '    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
          '    minReplicas: 2 # save money at night',
          '    maxReplicas: 10',
          '    # metrics: CPU by default',
        ),
      },
    },
  ],
});
