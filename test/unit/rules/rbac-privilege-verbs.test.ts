import rule from '../../../server/src/rules/security/rbac-privilege-verbs';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

ruleTester(rule, {
  valid: [
    {
      name: 'reading roles is fine',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: auditor}', 'rules:', '- apiGroups: [rbac.authorization.k8s.io]', '  resources: [roles, clusterroles]', '  verbs: [get, list, watch]'),
    },
    {
      name: 'bind on pods means nothing',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: odd, namespace: a}', 'rules:', '- apiGroups: [""]', '  resources: [pods]', '  verbs: [bind]'),
    },
    {
      name: '"*" verbs on resources that have no privilege verbs',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: cm, namespace: a}', 'rules:', '- apiGroups: [""]', '  resources: [configmaps]', '  verbs: ["*"]'),
    },
    {
      name: '"*" verbs on "*" resources of groups without roles or identities',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: apps-admin}', 'rules:', '- apiGroups: [apps, batch]', '  resources: ["*"]', '  verbs: ["*"]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Role', 'metadata: {name: x}', 'rules: [{apiGroups: ["*"], resources: [roles], verbs: [bind]}]') },
  ],
  invalid: [
    {
      name: 'each privilege verb item is reported',
      code: yaml(
        RBAC,
        'kind: ClusterRole',
        'metadata: {name: rbac-manager}',
        'rules:',
        '- apiGroups: [rbac.authorization.k8s.io]',
        '  resources: [clusterroles, clusterrolebindings]',
        '  verbs:',
        '  - get',
        '  - bind',
        '  - escalate',
        '- apiGroups: [""]',
        '  resources: [serviceaccounts]',
        '  verbs: [impersonate]',
      ),
      errors: [
        { message: 'ClusterRole "rbac-manager": rules[0] grants bind: can bind roles whose permissions it does not hold', line: 9, column: 5, endLine: 9, endColumn: 9 },
        { message: 'ClusterRole "rbac-manager": rules[0] grants escalate: can give roles permissions it does not hold', line: 10, column: 5, endLine: 10, endColumn: 13 },
        { message: 'ClusterRole "rbac-manager": rules[1] grants impersonate: can act as other users, groups or service accounts', line: 13, column: 11, endLine: 13, endColumn: 22 },
      ],
    },
    {
      name: '"*" verbs on roles imply bind and escalate',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: delegate, namespace: team}', 'rules:', '- apiGroups: ["rbac.authorization.k8s.io"]', '  resources: ["roles"]', '  verbs: ["*"]'),
      errors: [{ message: 'Role "delegate": rules[0] grants all verbs ("*"), which include bind and escalate', line: 7, column: 11, endLine: 7, endColumn: 14 }],
    },
    {
      name: 'flow style, "*" group: roles and users together',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: su}', 'rules: [{apiGroups: ["*"], resources: [users, roles], verbs: ["*"]}]'),
      errors: [{ message: 'ClusterRole "su": rules[0] grants all verbs ("*"), which include bind, escalate and impersonate', line: 4, column: 63, endLine: 4, endColumn: 66 }],
    },
    {
      name: 'a named verb counts on "*" resources',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: imp}', 'rules:', '- apiGroups: [""]', '  resources: ["*"]', '  verbs: [impersonate]'),
      errors: [{ message: 'ClusterRole "imp": rules[0] grants impersonate: can act as other users, groups or service accounts', line: 7, column: 11, endLine: 7, endColumn: 22 }],
    },
    {
      name: '"*" verbs on "*" resources in every group: all three, through the wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: all}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*"]', '  verbs: ["*"]'),
      errors: [{ message: 'ClusterRole "all": rules[0] grants all verbs ("*"), which include bind, escalate and impersonate through resources "*"', line: 7, column: 11, endLine: 7, endColumn: 14 }],
    },
    {
      name: 'block style, "*" verbs on "*" resources of the core group: impersonate only',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: core, namespace: a}', 'rules:', '- apiGroups: [""]', '  resources:', "  - '*'", '  verbs:', "  - '*'"),
      errors: [{ message: 'Role "core": rules[0] grants all verbs ("*"), which include impersonate through resources "*"', line: 9, column: 5, endLine: 9, endColumn: 8 }],
    },
  ],
});
