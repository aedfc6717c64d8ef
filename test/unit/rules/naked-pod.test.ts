import rule from '../../../server/src/rules/availability/naked-pod';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'a Deployment is not a bare Pod', code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec: {containers: [{name: a, image: "a:1"}]}') },
    {
      name: 'a Helm chart test pod is bare on purpose',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: test-connection', '  annotations:', '    "helm.sh/hook": test', 'spec: {containers: [{name: wget, image: "busybox:1.36"}]}'),
    },
    {
      name: 'a Pod that names its owner',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-abc12', '  ownerReferences:', '  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9, uid: 1234}', 'spec: {containers: []}'),
    },
    { name: 'a CRD called Pod', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'metadata: {name: p}') },
  ],
  invalid: [
    {
      name: 'bare Pod, finding on kind',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: debug}', 'spec: {containers: [{name: a, image: "busybox:1.36"}]}'),
      errors: [{ message: 'Pod "debug": bare Pod, not managed by a controller (nothing recreates it if its node fails or is drained)', line: 2, column: 1, endLine: 2, endColumn: 10 }],
    },
    {
      name: 'flow style; other annotations do not exempt it',
      code: yaml('{apiVersion: v1, kind: Pod, metadata: {name: p, annotations: {"helm.sh/hook-weight": "1"}}, spec: {containers: []}}'),
      errors: [{ message: 'Pod "p": bare Pod, not managed by a controller (nothing recreates it if its node fails or is drained)', line: 1, column: 18, endLine: 1, endColumn: 27 }],
    },
  ],
});
