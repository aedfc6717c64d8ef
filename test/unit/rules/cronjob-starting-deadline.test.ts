import rule from '../../../server/src/rules/lifecycle/cronjob-starting-deadline';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const jobTemplate = ['  jobTemplate:', '    spec:', '      template:', '        spec: {restartPolicy: OnFailure, containers: [{name: poll, image: "curl:8"}]}'];

ruleTester(rule, {
  valid: [
    { name: 'deadline set', code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: poll}', 'spec:', '  schedule: "*/5 * * * *"', '  startingDeadlineSeconds: 120', ...jobTemplate) },
    { name: 'a deadline given as a string', code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: poll}', 'spec: {schedule: "@hourly", startingDeadlineSeconds: "300"}') },
    { name: 'Jobs have no schedule', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec: {template: {spec: {containers: []}}}') },
    { name: 'a CRD CronJob', code: yaml('apiVersion: example.com/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {schedule: "* * * * *"}') },
  ],
  invalid: [
    {
      name: 'no deadline, finding on the schedule',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: poll}', 'spec:', '  schedule: "*/5 * * * *"', ...jobTemplate),
      errors: [{ message: 'CronJob "poll": no spec.startingDeadlineSeconds (after more than 100 missed schedules the CronJob stops starting runs)', line: 5, column: 3, endLine: 5, endColumn: 26 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: poll}',
        'spec:',
        '  schedule: "*/5 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec: {restartPolicy: OnFailure, containers: [{name: poll, image: "curl:8"}]}',
        '  startingDeadlineSeconds: 300',
      ),
    },
    {
      name: 'batch/v1beta1 CronJob, flow style',
      code: yaml('apiVersion: batch/v1beta1', 'kind: CronJob', 'metadata: {name: report}', 'spec: {schedule: "@daily", concurrencyPolicy: Forbid}'),
      errors: [{ message: 'CronJob "report": no spec.startingDeadlineSeconds (after more than 100 missed schedules the CronJob stops starting runs)', line: 4, column: 8, endLine: 4, endColumn: 26 }],
      output: yaml(
        'apiVersion: batch/v1beta1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec: {schedule: "@daily", concurrencyPolicy: Forbid, startingDeadlineSeconds: 300}',
      ),
    },
    {
      name: '4-space indentation, CRLF, comments; second document without a final line break',
      code: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: poll-config}',
        '---',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata:',
        '    name: poll',
        'spec:',
        '    schedule: "*/5 * * * *" # every five minutes',
        '    # history',
        '    successfulJobsHistoryLimit: 3',
        '    jobTemplate:',
        '        spec:',
        '            template:',
        '                spec: {restartPolicy: OnFailure, containers: [{name: poll, image: "curl:8"}]}',
      )
        .slice(0, -1)
        .replace(/\n/g, '\r\n'),
      errors: [{ message: 'CronJob "poll": no spec.startingDeadlineSeconds (after more than 100 missed schedules the CronJob stops starting runs)', line: 10, column: 5, endLine: 10, endColumn: 28 }],
      output: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: poll-config}',
        '---',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata:',
        '    name: poll',
        'spec:',
        '    schedule: "*/5 * * * *" # every five minutes',
        '    # history',
        '    successfulJobsHistoryLimit: 3',
        '    jobTemplate:',
        '        spec:',
        '            template:',
        '                spec: {restartPolicy: OnFailure, containers: [{name: poll, image: "curl:8"}]}',
        '    startingDeadlineSeconds: 300',
      ).slice(0, -1).replace(/\n/g, '\r\n'),
    },
  ],
});
