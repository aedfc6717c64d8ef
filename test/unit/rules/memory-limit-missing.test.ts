import rule from '../../../server/src/rules/resources/memory-limit-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'limit set',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        resources: {limits: {memory: 64Mi}}',
        '      containers:',
        '      - name: web',
        '        resources:',
        '          limits:',
        '            memory: 512Mi',
      ),
    },
    {
      name: 'limits through a merge key',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'x-defaults: &limits {memory: 1Gi}',
        'spec:',
        '  containers:',
        '  - name: web',
        '    resources:',
        '      limits:',
        '        <<: *limits',
        '        cpu: 1',
      ),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '      - name: web') },
    { name: 'not Kubernetes', code: yaml('steps:', '- name: build') },
  ],
  invalid: [
    {
      name: 'a request is not a limit; init container checked too',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: migrate',
        '      containers:',
        '      - name: web',
        '        resources:',
        '          requests: {memory: 512Mi}',
        '          limits: {cpu: 1}',
      ),
      errors: [
        { message: 'Deployment "api", init container "migrate": no resources.limits.memory', line: 8, column: 9, endLine: 8, endColumn: 22, severity: 'warning' },
        { message: 'Deployment "api", container "web": no resources.limits.memory', line: 10, column: 9, endLine: 10, endColumn: 18 },
      ],
    },
    {
      name: 'CronJob nesting, flow style',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        'spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: run, resources: {limits: {memory: null}}}]}}}}}',
      ),
      errors: [{ message: 'CronJob "nightly", container "run": no resources.limits.memory', line: 4, column: 81, endLine: 4, endColumn: 90 }],
    },
  ],
});
