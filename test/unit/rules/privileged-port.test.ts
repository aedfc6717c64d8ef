import rule from '../../../server/src/rules/security/privileged-port';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'ports of 1024 and above', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    ports: [{containerPort: 1024}, {containerPort: 8080}]') },
    { name: 'a Service port 80 is not a container port', code: yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec: {ports: [{port: 80, targetPort: 8080}]}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: a, ports: [{containerPort: 80}]}]}') },
  ],
  invalid: [
    {
      name: 'HTTP and SSH, a number as a string',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: nginx',
        '        ports:',
        '        - containerPort: 80',
        '        - containerPort: "443"',
        '        - containerPort: 8443',
        '      - name: debug',
        '        ports: [{name: ssh, containerPort: 22}]',
      ),
      errors: [
        { message: 'Deployment "web", container "nginx": containerPort 80 is below 1024', line: 10, column: 11, endLine: 10, endColumn: 28 },
        { message: 'Deployment "web", container "nginx": containerPort 443 is below 1024', line: 11, column: 11, endLine: 11, endColumn: 31 },
        { message: 'Deployment "web", container "debug": containerPort 22 is below 1024 (SSH: containers should not run an SSH server)', line: 14, column: 29, endLine: 14, endColumn: 46 },
      ],
    },
    {
      name: 'init container of a CronJob, flow style',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {jobTemplate: {spec: {template: {spec: {initContainers: [{name: i, ports: [{containerPort: 53}]}]}}}}}'),
      errors: [{ message: 'CronJob "c", init container "i": containerPort 53 is below 1024', line: 4, column: 83, endLine: 4, endColumn: 100 }],
    },
  ],
});
