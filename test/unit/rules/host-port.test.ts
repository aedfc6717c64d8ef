import rule from '../../../server/src/rules/security/host-port';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'container ports only, hostPort 0', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    ports: [{containerPort: 8080}, {containerPort: 9090, hostPort: 0}]') },
    {
      name: 'hostNetwork pods: every port is a node port already (host-namespaces reports it)',
      code: yaml('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: d}', 'spec:', '  template:', '    spec:', '      hostNetwork: true', '      containers: [{name: a, ports: [{containerPort: 9100, hostPort: 9100}]}]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: a, ports: [{hostPort: 80}]}]}') },
  ],
  invalid: [
    {
      name: 'hostPort on a container and on an init container, numbers as strings',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        ports: [{containerPort: 53, hostPort: "5353"}]',
        '      containers:',
        '      - name: web',
        '        ports:',
        '        - containerPort: 8080',
        '          hostPort: 80',
        '        - containerPort: 9090',
      ),
      errors: [
        { message: 'Deployment "api", init container "init": hostPort 5353 is set', line: 9, column: 37, endLine: 9, endColumn: 53 },
        { message: 'Deployment "api", container "web": hostPort 80 is set', line: 14, column: 11, endLine: 14, endColumn: 23 },
      ],
    },
    {
      name: 'ports shared through an anchor: both containers',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: a',
        '    ports: &ports',
        '    - {containerPort: 80, hostPort: 8080}',
        '  - name: b',
        '    ports: *ports',
      ),
      errors: [
        { message: 'Pod "p", container "a": hostPort 8080 is set', line: 8, column: 27, endLine: 8, endColumn: 41 },
        { message: 'Pod "p", container "b": hostPort 8080 is set', line: 8, column: 27, endLine: 8, endColumn: 41 },
      ],
    },
  ],
});
