import rule from '../../../server/src/rules/images/image-pull-policy';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

ruleTester(rule, {
  valid: [
    {
      name: 'IfNotPresent with a version tag or a digest; Always with latest; no policy',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - {name: a, image: "nginx:1.27", imagePullPolicy: IfNotPresent}',
        `  - {name: b, image: "nginx:latest@${DIGEST}", imagePullPolicy: IfNotPresent}`,
        '  - {name: c, image: "nginx:latest", imagePullPolicy: Always}',
        '  - {name: d, image: "nginx"}',
      ),
    },
    { name: 'IfNotPresent with a placeholder image', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: "<image_url>", imagePullPolicy: IfNotPresent}]') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: w, image: nginx, imagePullPolicy: Never}]}') },
  ],
  invalid: [
    {
      name: 'Never, and IfNotPresent with latest and with no tag: the imagePullPolicy entry',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: copy',
        '        image: quay.io/argoproj/argocd:latest',
        '        imagePullPolicy: IfNotPresent',
        '      containers:',
        '      - name: web',
        '        image: registry.local:5000/web:1.2',
        '        imagePullPolicy: Never',
        '      - name: side',
        '        image: localhost:5000/side',
        '        imagePullPolicy: IfNotPresent',
      ),
      errors: [
        {
          message: 'Deployment "api", init container "copy": imagePullPolicy is IfNotPresent for image "quay.io/argoproj/argocd:latest" with the latest tag (nodes keep whichever version they pulled first)',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 38,
        },
        { message: 'Deployment "api", container "web": imagePullPolicy is Never (the pod only starts on nodes that already have the image)', line: 14, column: 9, endLine: 14, endColumn: 31 },
        {
          message: 'Deployment "api", container "side": imagePullPolicy is IfNotPresent for image "localhost:5000/side" with no tag (nodes keep whichever version they pulled first)',
          line: 17,
          column: 9,
          endLine: 17,
          endColumn: 38,
        },
      ],
    },
    {
      name: 'CronJob nesting, flow style',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: c}', 'spec: {schedule: "@daily", jobTemplate: {spec: {template: {spec: {containers: [{name: run, image: busybox, imagePullPolicy: IfNotPresent}]}}}}}'),
      errors: [
        {
          message: 'CronJob "c", container "run": imagePullPolicy is IfNotPresent for image "busybox" with no tag (nodes keep whichever version they pulled first)',
          line: 4,
          column: 108,
          endLine: 4,
          endColumn: 137,
        },
      ],
    },
  ],
});
