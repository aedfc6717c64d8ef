import rule from '../../../server/src/rules/resources/ephemeral-storage-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'limit set (the request defaults from it)',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        resources:',
        '          limits:',
        '            ephemeral-storage: 2Gi',
      ),
    },
    {
      name: 'init and regular containers, flow style',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec: {initContainers: [{name: i, resources: {limits: {ephemeral-storage: 1Gi}}}], containers: [{name: w, resources: {requests: {ephemeral-storage: 1Gi}, limits: {ephemeral-storage: 1Gi}}}]}',
      ),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: web') },
  ],
  invalid: [
    {
      name: 'nothing set, and a request without a limit',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '      containers:',
        '      - name: pg',
        '        resources:',
        '          requests: {ephemeral-storage: 1Gi}',
      ),
      errors: [
        { message: 'StatefulSet "db", init container "init": no resources.limits.ephemeral-storage', line: 8, column: 9, endLine: 8, endColumn: 19, severity: 'info' },
        { message: 'StatefulSet "db", container "pg": no resources.limits.ephemeral-storage', line: 10, column: 9, endLine: 10, endColumn: 17 },
      ],
    },
    {
      name: 'CronJob nesting',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        'spec:',
        '  schedule: "@daily"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '          - name: run',
        '            resources: {limits: {memory: 1Gi}}',
      ),
      errors: [{ message: 'CronJob "nightly", container "run": no resources.limits.ephemeral-storage', line: 11, column: 13, endLine: 11, endColumn: 22 }],
    },
  ],
});
