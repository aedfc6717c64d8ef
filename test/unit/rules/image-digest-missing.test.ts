import rule from '../../../server/src/rules/images/image-digest-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(rule, {
  valid: [
    { name: 'tag and digest', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', `  - {name: web, image: "nginx:1.27.3@${DIGEST}"}`) },
    { name: 'digest with a registry port', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', `  - {name: web, image: "localhost:5000/app@${DIGEST}"}`) },
    { name: 'a placeholder', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: web, image: "<YOUR-CONTAINER>"}]') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: w, image: "nginx:1"}]}') },
  ],
  invalid: [
    {
      name: 'a version tag without digest, init containers included',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  initContainers:', '  - name: init', '    image: busybox:1.36', '  containers:', '  - name: web', `    image: nginx:1.27.3@${DIGEST}`),
      errors: [{ message: 'Pod "p", init container "init": image "busybox:1.36" is not pinned by digest', line: 7, column: 5, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'CronJob nesting, flow style',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: run, image: "r:1"}]}}}}}'),
      errors: [{ message: 'CronJob "c", container "run": image "r:1" is not pinned by digest', line: 4, column: 92, endLine: 4, endColumn: 104 }],
    },
  ],
});
