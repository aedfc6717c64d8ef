import rule from '../../../server/src/rules/lifecycle/cronjob-concurrency-allow';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'Forbid', code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: backup}', 'spec:', '  schedule: "0 2 * * *"', '  concurrencyPolicy: Forbid') },
    { name: 'Replace', code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: sync}', 'spec: {schedule: "*/10 * * * *", concurrencyPolicy: Replace}') },
    { name: 'a Job is not scheduled', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec: {template: {spec: {containers: []}}}') },
    { name: 'a CRD CronJob', code: yaml('apiVersion: example.com/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {schedule: "* * * * *"}') },
  ],
  invalid: [
    {
      name: 'absent, finding on the schedule',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: backup}', 'spec:', '  schedule: "0 2 * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec: {restartPolicy: OnFailure, containers: [{name: dump, image: "pg:16"}]}'),
      errors: [{ message: 'CronJob "backup": no concurrencyPolicy (it defaults to Allow: runs can overlap)', line: 5, column: 3, endLine: 5, endColumn: 24 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: backup}',
        'spec:',
        '  schedule: "0 2 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec: {restartPolicy: OnFailure, containers: [{name: dump, image: "pg:16"}]}',
        '  concurrencyPolicy: Forbid',
      ),
    },
    {
      name: 'explicit Allow, finding on the entry',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: report}', 'spec:', '  schedule: "@hourly"', '  concurrencyPolicy: Allow'),
      errors: [{ message: 'CronJob "report": concurrencyPolicy Allow lets runs overlap', line: 6, column: 3, endLine: 6, endColumn: 27 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec:',
        '  schedule: "@hourly"',
        '  concurrencyPolicy: Forbid',
      ),
    },
    {
      name: 'merged from an anchor shared by several CronJobs',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: sweep}', 'x-defaults: &defaults {concurrencyPolicy: Allow}', 'spec:', '  <<: *defaults', '  schedule: "@daily"'),
      errors: [{ message: 'CronJob "sweep": concurrencyPolicy Allow lets runs overlap', line: 4, column: 24, endLine: 4, endColumn: 48 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: sweep}',
        'x-defaults: &defaults {concurrencyPolicy: Allow}',
        'spec:',
        '  <<: *defaults',
        '  schedule: "@daily"',
        '  concurrencyPolicy: Forbid',
      ),
    },
    {
      name: 'a quoted Allow in a flow mapping; CRLF, second document without a final line break',
      code: yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: sync}', '---', 'apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: sync}', 'spec: {schedule: "*/10 * * * *", concurrencyPolicy: "Allow", suspend: false}')
        .slice(0, -1)
        .replace(/\n/g, '\r\n'),
      errors: [{ message: 'CronJob "sync": concurrencyPolicy Allow lets runs overlap', line: 8, column: 34, endLine: 8, endColumn: 60 }],
      output: yaml(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: {name: sync}',
        '---',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: sync}',
        'spec: {schedule: "*/10 * * * *", concurrencyPolicy: Forbid, suspend: false}',
      ).slice(0, -1).replace(/\n/g, '\r\n'),
    },
    {
      name: '4-space indentation, a comment on the schedule',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '    name: backup', 'spec:', '    schedule: "0 2 * * *" # nightly', '    jobTemplate:', '        spec: {template: {spec: {containers: []}}}'),
      errors: [{ message: 'CronJob "backup": no concurrencyPolicy (it defaults to Allow: runs can overlap)', line: 6, column: 5, endLine: 6, endColumn: 26 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata:',
        '    name: backup',
        'spec:',
        '    schedule: "0 2 * * *" # nightly',
        '    jobTemplate:',
        '        spec: {template: {spec: {containers: []}}}',
        '    concurrencyPolicy: Forbid',
      ),
    },
  ],
});
