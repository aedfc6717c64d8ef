import rule from '../../../server/src/rules/lifecycle/restart-policy-invalid';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'Deployment without restartPolicy (Always)', code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec: {containers: [{name: a, image: "a:1"}]}') },
    { name: 'DaemonSet with Always', code: yaml('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec:', '  template:', '    spec: {restartPolicy: Always, containers: []}') },
    { name: 'Job with OnFailure', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec: {restartPolicy: OnFailure, containers: []}') },
    {
      name: 'CronJob with Never, nested template',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec:', '  schedule: "0 3 * * *"', '  jobTemplate:', '    spec:', '      template:', '        spec: {restartPolicy: Never, containers: []}'),
    },
    { name: 'a bare Pod may use any policy', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {restartPolicy: Never, containers: []}') },
    { name: 'a CRD Job', code: yaml('apiVersion: example.com/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec: {restartPolicy: Always}') },
  ],
  invalid: [
    {
      name: 'Deployment with OnFailure',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      restartPolicy: OnFailure', '      containers: [{name: web, image: "nginx:1.27"}]'),
      errors: [{ message: 'Deployment "api": restartPolicy OnFailure is not allowed for a Deployment (only Always)', line: 7, column: 7, endLine: 7, endColumn: 31 }],
    },
    {
      name: 'CronJob with Always',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          restartPolicy: Always',
        '          containers: [{name: run, image: "busybox:1.36"}]',
      ),
      errors: [{ message: 'CronJob "nightly": restartPolicy Always is not allowed for a CronJob (use OnFailure or Never)', line: 10, column: 11, endLine: 10, endColumn: 32 }],
    },
    {
      name: 'Job without restartPolicy, finding on the pod spec key',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: once}', 'spec:', '  template:', '    spec:', '      containers: [{name: run, image: "busybox:1.36"}]'),
      errors: [{ message: 'Job "once": no restartPolicy (the API server requires OnFailure or Never for a Job)', line: 6, column: 5, endLine: 6, endColumn: 9 }],
    },
    {
      name: 'pod spec merged from an anchor',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      <<: &pod {restartPolicy: Never}',
        '      containers: []',
      ),
      errors: [{ message: 'StatefulSet "db": restartPolicy Never is not allowed for a StatefulSet (only Always)', line: 7, column: 17, endLine: 7, endColumn: 37 }],
    },
  ],
});
