import rule from '../../../server/src/rules/resources/cpu-limit-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'limit set, as a number',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        resources:',
        '          limits:',
        '            cpu: 0.5',
      ),
    },
    {
      name: 'init and regular containers with limits, as strings',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers: [{name: init, resources: {limits: {cpu: "100m"}}}]',
        '  containers: [{name: web, resources: {limits: {cpu: "2"}}}]',
      ),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: web') },
  ],
  invalid: [
    {
      name: 'a request is not a limit',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        resources:',
        '          requests: {cpu: 250m}',
        '          limits: {memory: 1Gi}',
      ),
      errors: [{ message: 'Deployment "api", container "web": no resources.limits.cpu', line: 8, column: 9, endLine: 8, endColumn: 18, severity: 'info' }],
    },
    {
      name: 'Job with an init container, both missing; container from an alias',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: once}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - &c',
        '        name: step',
        '        image: busybox:1.36',
        '      containers:',
        '      - *c',
      ),
      errors: [
        { message: 'Job "once", init container "step": no resources.limits.cpu', line: 9, column: 9, endLine: 9, endColumn: 19 },
        { message: 'Job "once", container "step": no resources.limits.cpu', line: 9, column: 9, endLine: 9, endColumn: 19 },
      ],
    },
  ],
});
