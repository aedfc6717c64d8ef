import rule from '../../../server/src/rules/labels/recommended-labels';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'Deployment with the name label',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  labels:', '    app.kubernetes.io/name: api', 'spec: {}'),
    },
    { name: 'Service with the name label, flow style', code: yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: api, labels: {app.kubernetes.io/name: api}}') },
    { name: 'ConfigMaps are not checked', code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}') },
    {
      name: 'version required on workloads only: a Service does not need it',
      code: yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: api, labels: {app.kubernetes.io/name: api}}'),
      options: { requiredOnWorkloads: ['app.kubernetes.io/version'] },
    },
    { name: 'nothing required', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}'), options: { required: [] } },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'metadata: {name: x}') },
  ],
  invalid: [
    {
      name: 'labels without the name label, finding on labels:',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  labels:', '    app: api', 'spec: {}'),
      errors: [{ message: 'Deployment "api": metadata.labels lacks recommended label app.kubernetes.io/name', line: 5, column: 3, endLine: 5, endColumn: 9 }],
    },
    {
      name: 'no labels at all, finding on metadata:',
      code: yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: api', 'spec: {ports: [{port: 80}]}'),
      errors: [{ message: 'Service "api": metadata.labels lacks recommended label app.kubernetes.io/name', line: 3, column: 1, endLine: 3, endColumn: 9 }],
    },
    {
      name: 'version required on workloads by option; an empty value counts as missing',
      code: yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata:', '  name: backup', '  labels: {app.kubernetes.io/name: ""}', 'spec: {}'),
      options: { requiredOnWorkloads: ['app.kubernetes.io/version'] },
      errors: [{ message: 'CronJob "backup": metadata.labels lacks recommended labels app.kubernetes.io/name, app.kubernetes.io/version', line: 5, column: 3, endLine: 5, endColumn: 9 }],
    },
    {
      name: 'labels merged from an anchor are seen',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '  name: db',
        '  labels:',
        '    <<: &common {app.kubernetes.io/part-of: shop}',
        'spec: {}',
      ),
      options: { required: ['app.kubernetes.io/name', 'app.kubernetes.io/part-of'] },
      errors: [{ message: 'StatefulSet "db": metadata.labels lacks recommended label app.kubernetes.io/name', line: 5, column: 3, endLine: 5, endColumn: 9 }],
    },
  ],
});
