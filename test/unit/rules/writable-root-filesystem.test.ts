import rule from '../../../server/src/rules/security/writable-root-filesystem';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'readOnlyRootFilesystem: true everywhere',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers: [{name: init, securityContext: {readOnlyRootFilesystem: true}}]',
        '      containers:',
        '      - name: pg',
        '        securityContext: &ro',
        '          readOnlyRootFilesystem: true',
        '      - name: exporter',
        '        securityContext: *ro',
      ),
    },
    { name: 'Windows pod (not supported there)', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec:', '  nodeSelector: {kubernetes.io/os: windows}', '  containers:', '  - name: a') },
    { name: 'not Kubernetes', code: yaml('containers:', '- name: a') },
  ],
  invalid: [
    {
      name: 'explicit false on an init container, missing on a container',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: once}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: fetch',
        '        securityContext:',
        '          readOnlyRootFilesystem: false',
        '      containers:',
        '      - name: run',
        '        securityContext: {runAsNonRoot: true}',
      ),
      errors: [
        { message: 'Job "once", init container "fetch": readOnlyRootFilesystem is false', line: 10, column: 11, endLine: 10, endColumn: 40 },
        { message: 'Job "once", container "run": readOnlyRootFilesystem is not true', line: 12, column: 9, endLine: 12, endColumn: 18 },
      ],
    },
    {
      name: 'flow style, second container only',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {readOnlyRootFilesystem: true}}, {name: b}]}'),
      errors: [{ message: 'Pod "p", container "b": readOnlyRootFilesystem is not true', line: 4, column: 82, endLine: 4, endColumn: 89 }],
    },
  ],
});
