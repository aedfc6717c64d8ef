import rule from '../../../server/src/rules/security/rbac-secrets-read';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

ruleTester(rule, {
  valid: [
    {
      name: 'restricted to named Secrets',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: app, namespace: web}', 'rules:', '- apiGroups: [""]', '  resources: [secrets]', '  resourceNames: [app-db]', '  verbs: [get]'),
    },
    {
      name: 'create only: writing a Secret does not read the others',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: init, namespace: web}', 'rules:', '- apiGroups: [""]', '  resources: [secrets]', '  verbs: [create]'),
    },
    {
      name: 'secrets of another API group are somebody else\'s resource',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: vault}', 'rules:', '- apiGroups: [secrets.example.com]', '  resources: [secrets]', '  verbs: [get, list]'),
    },
    {
      name: 'resources "*" is left to rbac-wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: viewer}', 'rules:', '- apiGroups: [""]', '  resources: ["*"]', '  verbs: [get]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: ClusterRole', 'metadata: {name: x}', 'rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]') },
  ],
  invalid: [
    {
      name: 'block style, read verbs named, the secrets item is the finding',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: app, namespace: web}', 'rules:', '- apiGroups: [""]', '  resources:', '  - configmaps', '  - secrets', '  verbs: [get, list, watch, create]'),
      errors: [{ message: 'Role "app": rules[0] grants get, list and watch on secrets', line: 8, column: 5, endLine: 8, endColumn: 12 }],
    },
    {
      name: 'flow style, "*" verbs and groups',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: ops}', 'rules: [{apiGroups: ["*"], resources: [secrets, pods], verbs: ["*"]}]'),
      errors: [{ message: 'ClusterRole "ops": rules[0] grants get, list and watch on secrets', line: 4, column: 40, endLine: 4, endColumn: 47 }],
    },
    {
      name: 'list alone returns every Secret\'s data',
      code: yaml(
        RBAC,
        'kind: ClusterRole',
        'metadata: {name: lister}',
        'rules:',
        '- apiGroups: [""]',
        '  resources: [configmaps]',
        '  verbs: [list]',
        '- apiGroups: [""]',
        '  resources: [secrets]',
        '  verbs: [list]',
      ),
      errors: [{ message: 'ClusterRole "lister": rules[1] grants list on secrets', line: 9, column: 15, endLine: 9, endColumn: 22 }],
    },
  ],
});
