import rule from '../../../server/src/rules/lifecycle/prestop-hook-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'preStop sleep present',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        lifecycle:',
        '          preStop:',
        '            exec: {command: ["sleep", "5"]}',
      ),
    },
    {
      name: 'init containers need none; hook shared by an alias',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: migrate',
        '  containers:',
        '  - name: a',
        '    lifecycle: &hook {preStop: {sleep: {seconds: 5}}}',
        '  - name: b',
        '    lifecycle: *hook',
      ),
    },
    {
      name: 'Jobs are not long-running',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: once}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: run'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: web') },
  ],
  invalid: [
    {
      name: 'no lifecycle, and a lifecycle with only postStart',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
        '      - name: proxy',
        '        lifecycle:',
        '          postStart: {exec: {command: [touch, /tmp/started]}}',
      ),
      errors: [
        { message: 'Deployment "api", container "web": no lifecycle.preStop hook', line: 8, column: 9, endLine: 8, endColumn: 18, severity: 'info' },
        { message: 'Deployment "api", container "proxy": no lifecycle.preStop hook', line: 10, column: 9, endLine: 10, endColumn: 20 },
      ],
    },
    {
      name: 'flow style, empty lifecycle',
      code: yaml('apiVersion: apps/v1', 'kind: DaemonSet', 'metadata: {name: agent}', 'spec: {template: {spec: {containers: [{name: agent, lifecycle: {}}]}}}'),
      errors: [{ message: 'DaemonSet "agent", container "agent": no lifecycle.preStop hook', line: 4, column: 40, endLine: 4, endColumn: 51 }],
    },
  ],
});
