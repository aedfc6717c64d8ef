import rule from '../../../server/src/rules/security/host-namespaces';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'explicitly false', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostNetwork: false', '  hostPID: false', '  containers: [{name: a}]') },
    { name: 'the string "true" is not a boolean (the API rejects it)', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {hostNetwork: "true", containers: [{name: a}]}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: DaemonSet', 'spec: {template: {spec: {hostNetwork: true}}}') },
  ],
  invalid: [
    {
      name: 'DaemonSet with hostNetwork and hostPID',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      hostPID: true',
        '      hostIPC: false',
        '      containers: [{name: a}]',
      ),
      errors: [
        { message: 'DaemonSet "agent": hostNetwork is true (the pod shares the node\'s network namespace)', line: 7, column: 7, endLine: 7, endColumn: 24 },
        { message: 'DaemonSet "agent": hostPID is true (the pod sees and can signal every process on the node)', line: 8, column: 7, endLine: 8, endColumn: 20 },
      ],
    },
    {
      name: 'CronJob in flow style, hostIPC',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {jobTemplate: {spec: {template: {spec: {hostIPC: true, containers: [{name: a}]}}}}}'),
      errors: [{ message: 'CronJob "c": hostIPC is true (the pod shares the node\'s IPC namespace)', line: 4, column: 47, endLine: 4, endColumn: 60 }],
    },
  ],
});
