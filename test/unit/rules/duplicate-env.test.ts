import rule from '../../../server/src/rules/configuration/duplicate-env';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'distinct names',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: web', '    image: w:1', '    env:', '    - {name: A, value: "1"}', '    - {name: B, value: "2"}'),
    },
    {
      name: 'the same name in two containers',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers: [{name: init, image: "i:1", env: [{name: A, value: "1"}]}]', '  containers: [{name: web, image: "w:1", env: [{name: A, value: "2"}]}]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: w, env: [{name: A}, {name: A}]}]}') },
  ],
  invalid: [
    {
      name: 'the second name entry',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: w:1',
        '        env:',
        '        - name: LOG_LEVEL',
        '          value: info',
        '        - name: PORT',
        '          value: "8080"',
        '        - name: LOG_LEVEL',
        '          value: debug',
      ),
      errors: [{ message: 'Deployment "api", container "web": env var "LOG_LEVEL" is defined again; this later definition overrides the earlier one', line: 15, column: 11, endLine: 15, endColumn: 26 }],
    },
    {
      name: 'init container in flow style, under a CronJob',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {',
        '  initContainers: [{name: init, image: "i:1", env: [{name: A, value: "1"}, {name: A, value: "2"}]}],',
        '  containers: [{name: run, image: "r:1"}]}}}}}',
      ),
      errors: [{ message: 'CronJob "c", init container "init": env var "A" is defined again; this later definition overrides the earlier one', line: 5, column: 77, endLine: 5, endColumn: 84 }],
    },
    {
      name: 'a repeated alias and a merge are pointed at where they are written',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: web',
        '    image: w:1',
        '    env:',
        '    - &tz {name: TZ, value: UTC}',
        '    - *tz',
        '    - <<: *tz',
        '      value: Europe/Paris',
      ),
      errors: [
        { message: 'Pod "p", container "web": env var "TZ" is defined again; this later definition overrides the earlier one', line: 10, column: 7, endLine: 10, endColumn: 10 },
        { message: 'Pod "p", container "web": env var "TZ" is defined again; this later definition overrides the earlier one', line: 11, column: 7, endLine: 11, endColumn: 14 },
      ],
    },
  ],
});
