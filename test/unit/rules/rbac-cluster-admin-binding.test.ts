import rule from '../../../server/src/rules/security/rbac-cluster-admin-binding';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

ruleTester(rule, {
  valid: [
    {
      name: 'binding a narrower ClusterRole',
      code: yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: devs, namespace: dev}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}', 'subjects: [{kind: Group, name: devs}]'),
    },
    {
      name: 'a Role that happens to be called cluster-admin',
      code: yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: x, namespace: dev}', 'roleRef:', '  kind: Role', '  name: cluster-admin'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: ClusterRoleBinding', 'metadata: {name: x}', 'roleRef: {kind: ClusterRole, name: cluster-admin}') },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding: the roleRef name entry',
      code: yaml(
        RBAC,
        'kind: ClusterRoleBinding',
        'metadata: {name: ci-admin}',
        'roleRef:',
        '  apiGroup: rbac.authorization.k8s.io',
        '  kind: ClusterRole',
        '  name: cluster-admin',
        'subjects:',
        '- {kind: ServiceAccount, name: ci, namespace: ci}',
      ),
      errors: [{ message: 'ClusterRoleBinding "ci-admin": roleRef is the cluster-admin ClusterRole (full control of the cluster)', line: 7, column: 3, endLine: 7, endColumn: 22 }],
    },
    {
      name: 'RoleBinding in flow style: full control of its namespace',
      code: yaml(
        RBAC,
        'kind: RoleBinding',
        'metadata: {name: dev-admin, namespace: dev}',
        'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
        'subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]',
      ),
      errors: [{ message: 'RoleBinding "dev-admin": roleRef is the cluster-admin ClusterRole (full control of namespace "dev")', line: 4, column: 67, endLine: 4, endColumn: 86 }],
    },
    {
      name: 'RoleBinding without a namespace, roleRef through a merge key',
      code: yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: x}', 'roleRef:', '  <<: &ref {kind: ClusterRole, name: cluster-admin}', '  apiGroup: rbac.authorization.k8s.io'),
      errors: [{ message: 'RoleBinding "x": roleRef is the cluster-admin ClusterRole (full control of its namespace)', line: 5, column: 32, endLine: 5, endColumn: 51 }],
    },
  ],
});
