import rule from '../../../server/src/rules/availability/rolling-update-unsafe';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const head = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:'];

ruleTester(rule, {
  valid: [
    { name: 'default strategy (25%/25%)', code: yaml(...head, '  replicas: 2', '  template: {spec: {containers: [{name: a, image: "a:1"}]}}') },
    { name: 'maxUnavailable 0', code: yaml(...head, '  replicas: 2', '  strategy:', '    type: RollingUpdate', '    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}') },
    { name: '25% of 3 replicas rounds down to 0', code: yaml(...head, '  replicas: 3', '  strategy:', '    rollingUpdate: {maxUnavailable: 25%}') },
    { name: 'one pod of four is acceptable', code: yaml(...head, '  replicas: 4', '  strategy:', '    rollingUpdate: {maxUnavailable: 1}') },
    { name: 'scaled to zero', code: yaml(...head, '  replicas: 0', '  strategy:', '    rollingUpdate: {maxUnavailable: 1}') },
    { name: 'replicas not a number (a placeholder)', code: yaml(...head, '  replicas: ${REPLICAS}', '  strategy:', '    rollingUpdate: {maxUnavailable: 1}') },
    {
      name: 'Recreate with a volume claim (a ReadWriteOnce volume cannot follow a surge pod)',
      code: yaml(
        ...head,
        '  strategy: {type: Recreate}',
        '  template:',
        '    spec:',
        '      containers: [{name: minio, image: "minio:1", volumeMounts: [{name: data, mountPath: /data}]}]',
        '      volumes:',
        '      - name: data',
        '        persistentVolumeClaim: {claimName: minio}',
      ),
    },
    { name: 'StatefulSets are not checked', code: yaml('apiVersion: apps/v1', 'kind: StatefulSet', 'metadata: {name: db}', 'spec:', '  updateStrategy: {type: OnDelete}') },
  ],
  invalid: [
    {
      name: 'Recreate',
      code: yaml(...head, '  strategy:', '    type: Recreate', '  template:', '    spec: {containers: [{name: a, image: "a:1"}]}'),
      errors: [{ message: 'Deployment "api": strategy type Recreate stops every pod before starting the new ones (downtime on each rollout)', line: 6, column: 5, endLine: 6, endColumn: 19 }],
    },
    {
      name: 'maxUnavailable 1 with the default single replica',
      code: yaml(...head, '  strategy:', '    rollingUpdate:', '      maxSurge: 1', '      maxUnavailable: 1'),
      errors: [{ message: 'Deployment "api": rollingUpdate.maxUnavailable 1 lets a rollout take 1 of 1 replica down', line: 8, column: 7, endLine: 8, endColumn: 24 }],
    },
    {
      name: 'a percentage of 2 replicas, flow style',
      code: yaml(...head, '  replicas: 2', '  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 0, maxUnavailable: 50%}}'),
      errors: [{ message: 'Deployment "api": rollingUpdate.maxUnavailable "50%" lets a rollout take 1 of 2 replicas down', line: 6, column: 64, endLine: 6, endColumn: 83 }],
    },
    {
      name: 'replicas and maxUnavailable written as strings',
      code: yaml(...head, '  replicas: "3"', '  strategy:', '    rollingUpdate:', '      maxUnavailable: "1"'),
      errors: [{ message: 'Deployment "api": rollingUpdate.maxUnavailable "1" lets a rollout take 1 of 3 replicas down', line: 8, column: 7, endLine: 8, endColumn: 26 }],
    },
  ],
});
