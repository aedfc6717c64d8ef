import rule from '../../../server/src/rules/security/capabilities-not-dropped';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'drop ALL (any case) with an added capability',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: init',
        '    securityContext: {capabilities: {drop: [all]}}',
        '  containers:',
        '  - name: web',
        '    securityContext:',
        '      capabilities:',
        '        add: [NET_BIND_SERVICE]',
        '        drop:',
        '        - ALL',
      ),
    },
    { name: 'privileged container (all capabilities anyway; privileged-container reports it)', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {privileged: true}}]}') },
    { name: 'Windows pod', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec: {os: {name: windows}, containers: [{name: a}]}') },
  ],
  invalid: [
    {
      name: 'drop list without ALL points at the drop key; no securityContext points at the container',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '      containers:',
        '      - name: agent',
        '        securityContext:',
        '          capabilities:',
        '            drop:',
        '            - NET_RAW',
        '            - CAP_ALL',
      ),
      errors: [
        { message: 'DaemonSet "agent", init container "init": capabilities.drop does not include ALL', line: 8, column: 9, endLine: 8, endColumn: 19 },
        { message: 'DaemonSet "agent", container "agent": capabilities.drop [NET_RAW, CAP_ALL] does not include ALL', line: 13, column: 13, endLine: 13, endColumn: 17 },
      ],
    },
    {
      name: 'CronJob, capabilities present but only add',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '          - name: run',
        '            securityContext: {capabilities: {add: [CHOWN]}}',
      ),
      errors: [{ message: 'CronJob "c", container "run": capabilities.drop does not include ALL', line: 10, column: 13, endLine: 10, endColumn: 22 }],
    },
  ],
});
