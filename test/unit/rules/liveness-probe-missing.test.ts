import rule from '../../../server/src/rules/health-checks/liveness-probe-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'probe present',
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
        '        livenessProbe:',
        '          httpGet: {path: /healthz, port: 8080}',
      ),
    },
    {
      name: 'Jobs are not long-running',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: once}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: run', '        image: busybox:1.36'),
    },
    {
      name: 'init containers need no probe',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: migrate',
        '    image: m:1',
        '  containers:',
        '  - name: web',
        '    image: w:1',
        '    livenessProbe: {tcpSocket: {port: 80}}',
      ),
    },
    { name: 'a CRD with a pod-like shape', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'spec:', '  template:', '    spec:', '      containers:', '      - name: web') },
    { name: 'not Kubernetes', code: yaml('name: build', 'on: push', 'jobs: {}') },
  ],
  invalid: [
    {
      name: 'missing probe, finding on the container name',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        image: nginx:1.27',
      ),
      errors: [{ message: 'Deployment "api", container "web": no livenessProbe', line: 9, column: 9, endLine: 9, endColumn: 18 }],
    },
    {
      name: 'flow style, two containers, one with a probe',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec: {template: {spec: {containers: [{name: pg, image: "postgres:16"}, {name: exporter, image: "e:1", livenessProbe: {tcpSocket: {port: 9187}}}]}}}',
      ),
      errors: [{ message: 'StatefulSet "db", container "pg": no livenessProbe', line: 4, column: 40, endLine: 4, endColumn: 48 }],
    },
    {
      name: 'anchors and aliases: the container is defined once and reused',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - &web',
        '    name: web',
        '    image: w:1',
      ),
      errors: [{ message: 'Pod "p", container "web": no livenessProbe', line: 7, column: 5, endLine: 7, endColumn: 14 }],
    },
  ],
});
