import rule from '../../../server/src/rules/security/rbac-wildcard';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

ruleTester(rule, {
  valid: [
    {
      name: 'explicit verbs, resources and groups',
      code: yaml(RBAC, 'kind: Role', 'metadata: {name: reader, namespace: app}', 'rules:', '- apiGroups: [""]', '  resources: [pods, pods/log]', '  verbs: [get, list, watch]'),
    },
    {
      name: 'a subresource pattern is not the bare wildcard',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: scaler}', 'rules:', '- apiGroups: [apps]', '  resources: ["*/scale"]', '  verbs: [get, update]'),
    },
    {
      name: 'a wildcard confined to read-only metrics APIs',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: custom-metrics}', 'rules:', '- apiGroups: [custom.metrics.k8s.io, external.metrics.k8s.io]', '  resources: ["*"]', '  verbs: ["*"]'),
    },
    {
      name: 'an aggregated ClusterRole has no rules of its own',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: monitoring}', 'aggregationRule:', '  clusterRoleSelectors:', '  - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}', 'rules: []'),
    },
    {
      name: 'rules written into an aggregated ClusterRole are overwritten by the controller',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: agg}', 'aggregationRule: {clusterRoleSelectors: [{matchLabels: {a: b}}]}', 'rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]'),
    },
    { name: 'a CRD named Role', code: yaml('apiVersion: example.com/v1', 'kind: Role', 'metadata: {name: x}', 'rules:', '- verbs: ["*"]') },
    { name: 'not Kubernetes', code: yaml('rules:', '- verbs: ["*"]') },
  ],
  invalid: [
    {
      name: 'block style: every "*" item is reported, nonResourceURLs rules too',
      code: yaml(
        RBAC,
        'kind: ClusterRole',
        'metadata:',
        '  name: admin-ish',
        'rules:',
        '- apiGroups:',
        "  - '*'",
        '  resources:',
        "  - '*'",
        '  verbs:',
        "  - '*'",
        '- nonResourceURLs:',
        "  - '*'",
        "  verbs: ['*']",
      ),
      errors: [
        { message: 'ClusterRole "admin-ish": rules[0] grants all API groups ("*" in apiGroups)', line: 7, column: 5, endLine: 7, endColumn: 8 },
        { message: 'ClusterRole "admin-ish": rules[0] grants all resources ("*" in resources)', line: 9, column: 5, endLine: 9, endColumn: 8 },
        { message: 'ClusterRole "admin-ish": rules[0] grants all verbs ("*" in verbs)', line: 11, column: 5, endLine: 11, endColumn: 8 },
        { message: 'ClusterRole "admin-ish": rules[1] grants all verbs ("*" in verbs)', line: 14, column: 11, endLine: 14, endColumn: 14 },
      ],
    },
    {
      name: 'flow style: the finding is the "*" item inside the brackets',
      code: yaml(
        RBAC,
        'kind: Role',
        'metadata: {name: ops, namespace: app}',
        'rules:',
        '- {apiGroups: [""], resources: [pods], verbs: [get]}',
        '- {apiGroups: [apps], resources: [deployments], verbs: ["*"]}',
      ),
      errors: [{ message: 'Role "ops": rules[1] grants all verbs ("*" in verbs)', line: 6, column: 57, endLine: 6, endColumn: 60 }],
    },
    {
      name: 'an aliased verb list is reported for each rule that uses it',
      code: yaml(
        RBAC,
        'kind: ClusterRole',
        'metadata: {name: shared}',
        'rules:',
        '- apiGroups: [""]',
        '  resources: [configmaps]',
        '  verbs: &all ["*"]',
        '- apiGroups: [batch]',
        '  resources: [jobs]',
        '  verbs: *all',
      ),
      errors: [
        { message: 'ClusterRole "shared": rules[0] grants all verbs ("*" in verbs)', line: 7, column: 16, endLine: 7, endColumn: 19 },
        { message: 'ClusterRole "shared": rules[1] grants all verbs ("*" in verbs)', line: 7, column: 16, endLine: 7, endColumn: 19 },
      ],
    },
    {
      name: 'a metrics group mixed with another group is not confined',
      code: yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: m}', 'rules:', '- apiGroups: [metrics.k8s.io, apps]', '  resources: ["*"]', '  verbs: [get]'),
      errors: [{ message: 'ClusterRole "m": rules[0] grants all resources ("*" in resources)', line: 6, column: 15, endLine: 6, endColumn: 18 }],
    },
  ],
});
