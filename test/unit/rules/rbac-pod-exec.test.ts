import rule from '../../../server/src/rules/security/rbac-pod-exec';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

ruleTester(rule, {
  valid: [
    {
      name: 'reading pods and logs',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: viewer, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: [pods, pods/log]', '  verbs: [get, list, watch, delete]'),
    },
    {
      name: 'pods/exec with a verb that opens no stream',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: odd, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: [pods/exec]', '  verbs: [list]'),
    },
    {
      name: 'deployments of a CRD group are not apps/v1 Deployments',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: crd}', 'rules:', '- apiGroups: [example.com]', '  resources: [deployments, jobs]', '  verbs: [create]'),
    },
    {
      name: 'create cannot be limited by resourceNames: such a rule grants no create',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: named, namespace: app}', 'rules:', '- apiGroups: [batch]', '  resources: [jobs]', '  resourceNames: [nightly]', '  verbs: [create, get]'),
    },
    {
      name: 'pods/* matches only a subresource literally named "*": RBAC has no trailing wildcard',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: ws, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: ["pods/*"]', '  verbs: [get, create]'),
    },
    {
      name: 'resources "*" with verbs that open no stream and create nothing',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: cleaner}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*"]', '  verbs: [list, watch, delete]'),
    },
    {
      name: 'resources "*" with create in a group that serves no workloads',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: crd-writer}', 'rules:', '- apiGroups: [monitoring.coreos.com]', '  resources: ["*"]', '  verbs: [create]'),
    },
    {
      name: 'resources "*" with create narrowed by resourceNames, in groups without the core group',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: named, namespace: app}', 'rules:', '- apiGroups: [apps]', '  resources: ["*"]', '  resourceNames: [web]', '  verbs: [create]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Role', 'metadata: {name: x}', 'rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]') },
    {
      name: 'block style, resources "*" read-only in the core group: a view-everything role, not an exec grant (a WebSocket exec needs create since 1.30)',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: reader, namespace: app}', 'rules:', '- apiGroups:', '  - ""', '  resources:', "  - '*'", '  verbs:', '  - get', '  - list'),
    },
  ],
  invalid: [
    {
      name: 'exec, attach and pod creation in one rule',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: debugger, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources:', '  - pods', '  - pods/exec', '  - pods/attach', '  verbs: [get, create]'),
      errors: [
        { message: 'Role "debugger": rules[0] grants create on pods: can run arbitrary code through new pods', line: 7, column: 5, endLine: 7, endColumn: 9 },
        { message: 'Role "debugger": rules[0] grants create and get on pods/exec: can run commands in running containers', line: 8, column: 5, endLine: 8, endColumn: 14 },
        { message: 'Role "debugger": rules[0] grants create and get on pods/attach: can attach to the processes of running containers', line: 9, column: 5, endLine: 9, endColumn: 16 },
      ],
    },
    {
      name: 'flow style: workload controllers in apps and batch, "*" verbs',
      code: yaml(
        RBAC,
        'kind: ClusterRole',
        'metadata: {name: deployer}',
        'rules:',
        '- {apiGroups: [apps], resources: [deployments, statefulsets], verbs: [create, update]}',
        '- {apiGroups: [batch], resources: [cronjobs], verbs: ["*"]}',
      ),
      errors: [
        { message: 'ClusterRole "deployer": rules[0] grants create on deployments: can run arbitrary code through new pods', line: 5, column: 35, endLine: 5, endColumn: 46 },
        { message: 'ClusterRole "deployer": rules[0] grants create on statefulsets: can run arbitrary code through new pods', line: 5, column: 48, endLine: 5, endColumn: 60 },
        { message: 'ClusterRole "deployer": rules[1] grants create on cronjobs: can run arbitrary code through new pods', line: 6, column: 36, endLine: 6, endColumn: 44 },
      ],
    },
    {
      name: '*/exec and */attach match those subresources of every resource; get alone is enough over WebSockets',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: ws, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: ["*/exec", "*/attach"]', '  verbs: [get]'),
      errors: [
        { message: 'Role "ws": rules[0] grants get on pods/exec through resources "*/exec": can run commands in running containers', line: 6, column: 15, endLine: 6, endColumn: 23 },
        { message: 'Role "ws": rules[0] grants get on pods/attach through resources "*/attach": can attach to the processes of running containers', line: 6, column: 25, endLine: 6, endColumn: 35 },
      ],
    },
    {
      name: 'resources "*" with create in every group: one finding on the "*" item for the streams and the workloads',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: all}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*"]', '  verbs: [create]'),
      errors: [
        {
          message:
            'ClusterRole "all": rules[0] grants create on pods/exec and pods/attach, and create on pods and every workload controller, through resources "*": can run commands in running containers and attach to their processes, and run arbitrary code through new pods',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'resources "*" with create in apps only: the workload controllers of that group',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: apps-admin}', 'rules:', '- apiGroups: [apps]', '  resources: ["*"]', '  verbs: ["*"]'),
      errors: [{ message: 'ClusterRole "apps-admin": rules[0] grants create on deployments, daemonsets, statefulsets and replicasets through resources "*": can run arbitrary code through new pods', line: 6, column: 15, endLine: 6, endColumn: 18 }],
    },
    {
      name: 'pods/exec named beside "*" with get: the named item grants exec; the wildcard with read verbs grants no attach',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: mixed, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: [pods/exec, "*"]', '  verbs: [get]'),
      errors: [{ message: 'Role "mixed": rules[0] grants get on pods/exec: can run commands in running containers', line: 6, column: 15, endLine: 6, endColumn: 24 }],
    },
  ],
});
