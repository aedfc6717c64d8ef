import rule from '../../../server/src/rules/lifecycle/job-ttl-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const template = ['  template:', '    spec: {restartPolicy: Never, containers: [{name: run, image: "busybox:1.36"}]}'];

ruleTester(rule, {
  valid: [
    { name: 'TTL set', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  ttlSecondsAfterFinished: 86400', ...template) },
    { name: 'TTL 0 (delete right away)', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec: {ttlSecondsAfterFinished: 0, template: {spec: {containers: []}}}') },
    {
      name: 'a Helm hook deleted by its delete policy',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: migrate', '  annotations:', '    helm.sh/hook: pre-upgrade', '    helm.sh/hook-delete-policy: hook-succeeded', 'spec:', ...template),
    },
    {
      name: 'CronJobs are governed by their history limits',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec:', '  schedule: "0 3 * * *"', '  jobTemplate:', '    spec:', '      template: {spec: {containers: []}}'),
    },
    { name: 'a CRD Job', code: yaml('apiVersion: example.com/v1', 'kind: Job', 'metadata: {name: j}', 'spec: {}') },
  ],
  invalid: [
    {
      name: 'no TTL, finding on the spec key',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: migrate}', 'spec:', '  backoffLimit: 2', ...template),
      errors: [{ message: 'Job "migrate": no spec.ttlSecondsAfterFinished (the finished Job and its pods stay until deleted)', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: migrate}',
        'spec:',
        '  backoffLimit: 2',
        '  template:',
        '    spec: {restartPolicy: Never, containers: [{name: run, image: "busybox:1.36"}]}',
        '  ttlSecondsAfterFinished: 86400 # kube-prod: seed default: keep the finished Job and its pods a day, then delete them',
      ),
    },
    {
      name: 'a null TTL is no TTL; flow style',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: once}', 'spec: {ttlSecondsAfterFinished: null, template: {spec: {containers: []}}}'),
      errors: [{ message: 'Job "once": no spec.ttlSecondsAfterFinished (the finished Job and its pods stay until deleted)', line: 4, column: 1, endLine: 4, endColumn: 5 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: once}',
        'spec: {ttlSecondsAfterFinished: 86400, template: {spec: {containers: []}}}',
      ),
    },
    {
      name: '4-space indentation, CRLF, a comment after the last entry of spec',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '    name: migrate',
        'spec:',
        '    backoffLimit: 2 # retries',
        '    template:',
        '        spec:',
        '            restartPolicy: Never',
        '            containers:',
        '                - name: run',
        '                  image: busybox:1.36',
        '    # more settings later',
      ).replace(/\n/g, '\r\n'),
      errors: [{ message: 'Job "migrate": no spec.ttlSecondsAfterFinished (the finished Job and its pods stay until deleted)', line: 5, column: 1, endLine: 5, endColumn: 5 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata:',
        '    name: migrate',
        'spec:',
        '    backoffLimit: 2 # retries',
        '    template:',
        '        spec:',
        '            restartPolicy: Never',
        '            containers:',
        '                - name: run',
        '                  image: busybox:1.36',
        '    ttlSecondsAfterFinished: 86400 # kube-prod: seed default: keep the finished Job and its pods a day, then delete them',
        '    # more settings later',
      ).replace(/\n/g, '\r\n'),
    },
    {
      name: 'second document without a final line break',
      code: yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: runner}', '---', 'apiVersion: batch/v1', 'kind: Job', 'metadata: {name: seed}', 'spec:', ...template).slice(0, -1),
      errors: [{ message: 'Job "seed": no spec.ttlSecondsAfterFinished (the finished Job and its pods stay until deleted)', line: 8, column: 1, endLine: 8, endColumn: 5 }],
      output: yaml(
        'apiVersion: v1',
        'kind: ServiceAccount',
        'metadata: {name: runner}',
        '---',
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: seed}',
        'spec:',
        '  template:',
        '    spec: {restartPolicy: Never, containers: [{name: run, image: "busybox:1.36"}]}',
        '  ttlSecondsAfterFinished: 86400 # kube-prod: seed default: keep the finished Job and its pods a day, then delete them',
      ).slice(0, -1),
    },
  ],
});
