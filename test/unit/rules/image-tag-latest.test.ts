import rule from '../../../server/src/rules/images/image-tag-latest';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(rule, {
  valid: [
    {
      name: 'version tags, a registry port, a digest',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        `  - {name: init, image: "busybox:latest@${DIGEST}"}`,
        '  containers:',
        '  - {name: web, image: "nginx:1.27.3"}',
        '  - {name: side, image: "localhost:5000/team/app:v2"}',
        `  - {name: pinned, image: "registry.example.com/app@${DIGEST}"}`,
      ),
    },
    {
      name: 'placeholders are not image references',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec: {template: {spec: {containers: [{name: a, image: "<image_url>"}, {name: b, image: "${IMAGE}"}, {name: c}]}}}'),
    },
    { name: 'ephemeral debug containers are not checked', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: web, image: "w:1"}]', '  ephemeralContainers: [{name: debug, image: busybox}]') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'spec: {template: {spec: {containers: [{name: w, image: nginx}]}}}') },
  ],
  invalid: [
    {
      name: 'no tag and latest, init containers included',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: wait',
        '        image: busybox:latest',
        '      containers:',
        '      - name: nginx',
        '        image: nginx',
      ),
      errors: [
        { message: 'Deployment "web", init container "wait": image "busybox:latest" uses the latest tag', line: 9, column: 9, endLine: 9, endColumn: 30 },
        { message: 'Deployment "web", container "nginx": image "nginx" has no tag (pulls latest)', line: 12, column: 9, endLine: 12, endColumn: 21 },
      ],
    },
    {
      name: 'a registry port is not a tag (CronJob, flow style)',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: report}',
        'spec:',
        '  schedule: "@hourly"',
        '  jobTemplate: {spec: {template: {spec: {containers: [{name: run, image: "localhost:5000/team/report"}]}}}}',
      ),
      errors: [{ message: 'CronJob "report", container "run": image "localhost:5000/team/report" has no tag (pulls latest)', line: 6, column: 67, endLine: 6, endColumn: 102 }],
    },
    {
      name: 'an image shared through a merge key',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - &base', '    name: a', '    image: "quay.io/org/app:latest"', '  - <<: *base', '    name: b'),
      errors: [
        { message: 'Pod "p", container "a": image "quay.io/org/app:latest" uses the latest tag', line: 8, column: 5, endLine: 8, endColumn: 36 },
        { message: 'Pod "p", container "b": image "quay.io/org/app:latest" uses the latest tag', line: 8, column: 5, endLine: 8, endColumn: 36 },
      ],
    },
  ],
});
