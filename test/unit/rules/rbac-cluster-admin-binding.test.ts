import rule from '../../../server/src/rules/security/rbac-cluster-admin-binding';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

/** A ClusterRole with the given rules (flow-style entries, one a line). */
const clusterRole = (name: string, ...rules: string[]): string => yaml(RBAC, 'kind: ClusterRole', `metadata: {name: ${name}}`, 'rules:', ...rules.map((r) => `- ${r}`));
const EVERYTHING = '{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}';

// The roleRef name entry of this binding is on line 7, columns 3 to 7 + the name's length.
const clusterBinding = (name: string, role: string): string =>
  yaml(RBAC, 'kind: ClusterRoleBinding', `metadata: {name: ${name}}`, 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', `  name: ${role}`, 'subjects:', '- {kind: ServiceAccount, name: ci, namespace: ci}');

workspaceRuleTester(rule, {
  valid: [
    {
      name: 'binding a narrower ClusterRole',
      files: { 'rbac.yaml': yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: devs, namespace: dev}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}', 'subjects: [{kind: Group, name: devs}]') },
    },
    {
      name: 'a Role that happens to be called cluster-admin',
      files: { 'rbac.yaml': yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: x, namespace: dev}', 'roleRef:', '  kind: Role', '  name: cluster-admin') },
    },
    { name: 'a CRD', files: { 'rbac.yaml': yaml('apiVersion: example.com/v1', 'kind: ClusterRoleBinding', 'metadata: {name: x}', 'roleRef: {kind: ClusterRole, name: cluster-admin}') } },
    {
      name: 'ClusterRoles that stop short of everything: explicit resources, resourceNames, the three wildcards split over two entries',
      files: {
        'roles.yaml': [
          clusterRole('all-verbs', '{apiGroups: ["*"], resources: [pods, secrets], verbs: ["*"]}'),
          clusterRole('named', '{apiGroups: ["*"], resources: ["*"], resourceNames: [one], verbs: ["*"]}'),
          clusterRole('split', '{apiGroups: ["*"], resources: ["*"], verbs: [get]}', '{apiGroups: [apps], resources: [deployments], verbs: ["*"]}'),
        ].join('---\n'),
        'bindings.yaml': [clusterBinding('a', 'all-verbs'), clusterBinding('b', 'named'), clusterBinding('c', 'split')].join('---\n'),
      },
    },
    {
      name: 'an aggregated ClusterRole: its rules are those of the roles it selects, checked on their own',
      files: {
        'rbac.yaml': `${yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: agg}', 'aggregationRule: {clusterRoleSelectors: [{matchLabels: {a: b}}]}', `rules: [${EVERYTHING}]`)}---\n${clusterBinding('agg', 'agg')}`,
      },
    },
    {
      name: 'a Role with "*" everywhere bound in its namespace, and a ClusterRole the workspace does not define',
      files: {
        'rbac.yaml': [
          yaml(RBAC, 'kind: Role', 'metadata: {name: reconciler, namespace: secure}', `rules: [${EVERYTHING}]`),
          yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: reconciler, namespace: secure}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reconciler}'),
          clusterBinding('elsewhere', 'defined-elsewhere'),
        ].join('---\n'),
      },
    },
    {
      name: 'a narrow ClusterRole in the binding\'s own file decides, whatever another file defines under that name',
      files: {
        'install.yaml': `${clusterRole('controller', '{apiGroups: [apps], resources: [deployments], verbs: ["*"]}')}---\n${clusterBinding('controller', 'controller')}`,
        'other-install.yaml': clusterRole('controller', EVERYTHING),
      },
    },
  ],
  invalid: [
    {
      name: 'ClusterRoleBinding: the roleRef name entry',
      files: { 'rbac.yaml': clusterBinding('ci-admin', 'cluster-admin') },
      errors: [{ file: 'rbac.yaml', message: 'ClusterRoleBinding "ci-admin": roleRef is the cluster-admin ClusterRole (full control of the cluster)', line: 7, column: 3, endLine: 7, endColumn: 22 }],
    },
    {
      name: 'RoleBinding in flow style: full control of its namespace',
      files: {
        'rbac.yaml': yaml(
          RBAC,
          'kind: RoleBinding',
          'metadata: {name: dev-admin, namespace: dev}',
          'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}',
          'subjects: [{kind: Group, name: devs, apiGroup: rbac.authorization.k8s.io}]',
        ),
      },
      errors: [{ file: 'rbac.yaml', message: 'RoleBinding "dev-admin": roleRef is the cluster-admin ClusterRole (full control of namespace "dev")', line: 4, column: 67, endLine: 4, endColumn: 86 }],
    },
    {
      name: 'RoleBinding without a namespace, roleRef through a merge key',
      files: { 'rbac.yaml': yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: x}', 'roleRef:', '  <<: &ref {kind: ClusterRole, name: cluster-admin}', '  apiGroup: rbac.authorization.k8s.io') },
      errors: [{ file: 'rbac.yaml', message: 'RoleBinding "x": roleRef is the cluster-admin ClusterRole (full control of its namespace)', line: 5, column: 32, endLine: 5, endColumn: 51 }],
    },
    {
      name: 'a ClusterRole with "*" on all three in another file, without nonResourceURLs: cluster-admin under another name',
      files: {
        'role.yaml': clusterRole('superuser', '{apiGroups: [""], resources: [configmaps], verbs: [get]}', EVERYTHING),
        'binding.yaml': clusterBinding('ci-superuser', 'superuser'),
      },
      errors: [
        {
          file: 'binding.yaml',
          message:
            'ClusterRoleBinding "ci-superuser": roleRef is ClusterRole "superuser" (role.yaml), which grants every verb on every resource ("*" in apiGroups, resources and verbs): cluster-admin under another name (full control of the cluster)',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'the same superuser ClusterRole in two install flavours: each binding names no other file',
      files: {
        'ha-install.yaml': `${clusterRole('controller', EVERYTHING)}---\n${clusterBinding('controller', 'controller')}`,
        'install.yaml': `${clusterRole('controller', EVERYTHING)}---\n${clusterBinding('controller', 'controller')}`,
      },
      errors: ['ha-install.yaml', 'install.yaml'].map((file) => ({
        file,
        message:
          'ClusterRoleBinding "controller": roleRef is ClusterRole "controller", which grants every verb on every resource ("*" in apiGroups, resources and verbs): cluster-admin under another name (full control of the cluster)',
        line: 13,
        column: 3,
        endLine: 13,
        endColumn: 19,
      })),
    },
    {
      name: 'block style, same file, bound in a namespace by a RoleBinding',
      files: {
        'rbac.yaml': [
          yaml(RBAC, 'kind: ClusterRole', 'metadata:', '  name: controller', 'rules:', '- apiGroups:', "  - '*'", '  resources:', "  - '*'", '  verbs:', "  - '*'", '- nonResourceURLs:', "  - '*'", '  verbs:', "  - '*'"),
          yaml(RBAC, 'kind: RoleBinding', 'metadata:', '  name: controller', '  namespace: apps', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: controller'),
        ].join('---\n'),
      },
      errors: [
        {
          file: 'rbac.yaml',
          message:
            'RoleBinding "controller": roleRef is ClusterRole "controller", which grants every verb on every resource ("*" in apiGroups, resources and verbs): cluster-admin under another name (full control of namespace "apps")',
          line: 25,
          column: 3,
          endLine: 25,
          endColumn: 19,
        },
      ],
    },
  ],
});
