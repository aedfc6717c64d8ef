import rule from '../../../server/src/rules/security/namespace-pss-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'restricted is enforced', code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: restricted') },
    { name: 'kube-system is exempt by default', code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: kube-system}') },
    { name: 'exemptions are configurable', code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: gpu-operator}'), options: { exemptNamespaces: ['gpu-operator'] } },
    {
      name: 'the label through a merge key',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    <<: &pss {pod-security.kubernetes.io/enforce: restricted}', '    team: a'),
    },
    { name: 'not a Namespace', code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: shop}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Namespace', 'metadata: {name: shop}') },
  ],
  invalid: [
    {
      name: 'no labels: the kind entry',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop'),
      errors: [{ message: 'Namespace "shop": no pod-security.kubernetes.io/enforce label (Pod Security admission enforces nothing)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'warn and audit labels do not enforce',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: monitoring', '  labels:', '    pod-security.kubernetes.io/warn: restricted', '    pod-security.kubernetes.io/audit: restricted'),
      errors: [{ message: 'Namespace "monitoring": no pod-security.kubernetes.io/enforce label (Pod Security admission enforces nothing)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
    },
    {
      name: 'baseline: the label entry',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: baseline', '    pod-security.kubernetes.io/warn: restricted'),
      errors: [{ message: 'Namespace "shop": pod-security.kubernetes.io/enforce is "baseline", weaker than "restricted"', line: 6, column: 5, endLine: 6, endColumn: 49 }],
    },
    {
      name: 'privileged in flow style',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: privileged}}'),
      errors: [{ message: 'Namespace "legacy": pod-security.kubernetes.io/enforce is "privileged", weaker than "restricted"', line: 3, column: 35, endLine: 3, endColumn: 81 }],
    },
    {
      name: 'a value that is no Pod Security level',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: Restricted'),
      errors: [{ message: 'Namespace "shop": pod-security.kubernetes.io/enforce is "Restricted", not a Pod Security level (privileged, baseline or restricted)', line: 6, column: 5, endLine: 6, endColumn: 51 }],
    },
  ],
});
