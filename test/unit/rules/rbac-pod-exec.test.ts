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
      name: 'resources "*" is left to rbac-wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: all}', 'rules:', '- apiGroups: ["*"]', '  resources: ["*"]', '  verbs: [create]'),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Role', 'metadata: {name: x}', 'rules: [{apiGroups: [""], resources: [pods/exec], verbs: [create]}]') },
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
      name: 'pods/* covers exec and attach; get alone is enough over WebSockets',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: ws, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: ["pods/*"]', '  verbs: [get]'),
      errors: [
        { message: 'Role "ws": rules[0] grants get on pods/exec: can run commands in running containers', line: 6, column: 15, endLine: 6, endColumn: 23 },
        { message: 'Role "ws": rules[0] grants get on pods/attach: can attach to the processes of running containers', line: 6, column: 15, endLine: 6, endColumn: 23 },
      ],
    },
  ],
});
