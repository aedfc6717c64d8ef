import rule from '../../../server/src/rules/availability/priority-class-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'priority class set', code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      priorityClassName: business-critical', '      containers: []') },
    { name: 'Jobs are not long-running', code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec: {containers: []}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'metadata: {name: x}', 'spec: {template: {spec: {containers: []}}}') },
  ],
  invalid: [
    {
      name: 'Deployment, finding on the pod template spec key',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      containers: [{name: web, image: "nginx:1.27"}]'),
      errors: [{ message: 'Deployment "api": no priorityClassName', line: 6, column: 5, endLine: 6, endColumn: 9 }],
    },
    {
      name: 'bare Pod, finding on its spec key; an empty value is no value',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {priorityClassName: "", containers: []}'),
      errors: [{ message: 'Pod "p": no priorityClassName', line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
  ],
});
