import rule from '../../../server/src/rules/security/privilege-escalation-allowed';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'allowPrivilegeEscalation: false on every container',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - {name: init, securityContext: {allowPrivilegeEscalation: false}}',
        '  containers:',
        '  - name: a',
        '    securityContext: {allowPrivilegeEscalation: false}',
      ),
    },
    {
      name: 'privileged containers are privileged-container\'s finding (and the API rejects false with privileged)',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    securityContext: {privileged: true}'),
    },
    { name: 'Windows pod', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: w}', 'spec:', '  os: {name: windows}', '  containers:', '  - name: a') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a') },
  ],
  invalid: [
    {
      name: 'explicit true in an init container, missing in a container',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        securityContext:',
        '          allowPrivilegeEscalation: true',
        '      containers:',
        '      - name: web',
        '      - name: sidecar',
        '        securityContext: {allowPrivilegeEscalation: false}',
      ),
      errors: [
        { message: 'Deployment "api", init container "init": allowPrivilegeEscalation is true', line: 10, column: 11, endLine: 10, endColumn: 41 },
        { message: 'Deployment "api", container "web": allowPrivilegeEscalation is not false', line: 12, column: 9, endLine: 12, endColumn: 18 },
      ],
    },
    {
      name: 'CAP_SYS_ADMIN makes escalation possible whatever the field says',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: fuse',
        '    securityContext:',
        '      allowPrivilegeEscalation: false',
        '      capabilities: {add: [CAP_SYS_ADMIN]}',
      ),
      errors: [{ message: 'Pod "p", container "fuse": allowPrivilegeEscalation is always true with capability CAP_SYS_ADMIN added', line: 8, column: 7, endLine: 8, endColumn: 38 }],
    },
    {
      name: 'CronJob in flow style',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {jobTemplate: {spec: {template: {spec: {containers: [{name: run, image: "r:1"}]}}}}}'),
      errors: [{ message: 'CronJob "c", container "run": allowPrivilegeEscalation is not false', line: 4, column: 61, endLine: 4, endColumn: 70 }],
    },
  ],
});
