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
      name: 'resources "*" in groups without the core group: no Secrets there',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: apps-viewer}', 'rules:', '- apiGroups: [apps, batch]', '  resources: ["*"]', '  verbs: [get, list, watch]'),
    },
    {
      name: 'resources "*" narrowed by resourceNames',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: named, namespace: web}', 'rules:', '- apiGroups: [""]', '  resources: ["*"]', '  resourceNames: [app-config]', '  verbs: [get]'),
    },
    {
      name: 'a subresource wildcard does not reach Secrets',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: status}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*/status"]', '  verbs: [get]'),
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
    {
      name: 'resources "*" with get in the core group: the "*" item, through the wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: viewer}', 'rules:', '- apiGroups: [""]', '  resources: ["*"]', '  verbs: [get]'),
      errors: [{ message: 'ClusterRole "viewer": rules[0] grants get on secrets through resources "*"', line: 6, column: 15, endLine: 6, endColumn: 18 }],
    },
    {
      name: 'block style, "*" everywhere: every read verb through the wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: everything}', 'rules:', '- apiGroups:', "  - '*'", '  resources:', "  - '*'", '  verbs:', "  - '*'"),
      errors: [{ message: 'ClusterRole "everything": rules[0] grants get, list and watch on secrets through resources "*"', line: 8, column: 5, endLine: 8, endColumn: 8 }],
    },
    {
      name: 'secrets named beside "*": one finding, on the named item',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: both, namespace: web}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*", secrets]', '  verbs: [list]'),
      errors: [{ message: 'Role "both": rules[0] grants list on secrets', line: 6, column: 20, endLine: 6, endColumn: 27 }],
    },
  ],
});
