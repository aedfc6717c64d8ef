import rule from '../../../server/src/rules/labels/namespace-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'namespace set', code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  namespace: shop', 'spec: {}') },
    { name: 'cluster-scoped kinds have no namespace', code: yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata: {name: reader}', 'rules: []') },
    { name: 'a Namespace itself', code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop}') },
    { name: 'a CRD instance', code: yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: api}') },
  ],
  invalid: [
    {
      name: 'Deployment without namespace, finding on the name entry',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: api', '  labels: {app: api}', 'spec: {}'),
      errors: [{ message: 'Deployment "api": no metadata.namespace (it lands in the current context\'s namespace, usually default)', line: 4, column: 3, endLine: 4, endColumn: 12 }],
    },
    {
      name: 'ConfigMap, flow style',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: cfg}', 'data: {a: "1"}'),
      errors: [{ message: 'ConfigMap "cfg": no metadata.namespace (it lands in the current context\'s namespace, usually default)', line: 3, column: 12, endLine: 3, endColumn: 21 }],
    },
    {
      name: 'an empty namespace is no namespace',
      code: yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: api', '  namespace: ""'),
      errors: [{ message: 'Service "api": no metadata.namespace (it lands in the current context\'s namespace, usually default)', line: 4, column: 3, endLine: 4, endColumn: 12 }],
    },
  ],
});
