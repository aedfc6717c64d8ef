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
      output: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: restricted'),
    },
    {
      name: 'warn and audit labels do not enforce',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: monitoring', '  labels:', '    pod-security.kubernetes.io/warn: restricted', '    pod-security.kubernetes.io/audit: restricted'),
      errors: [{ message: 'Namespace "monitoring": no pod-security.kubernetes.io/enforce label (Pod Security admission enforces nothing)', line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: yaml(
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: monitoring',
        '  labels:',
        '    pod-security.kubernetes.io/warn: restricted',
        '    pod-security.kubernetes.io/audit: restricted',
        '    pod-security.kubernetes.io/enforce: restricted',
      ),
    },
    {
      name: 'baseline: the label entry',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: baseline', '    pod-security.kubernetes.io/warn: restricted'),
      errors: [{ message: 'Namespace "shop": pod-security.kubernetes.io/enforce is "baseline", weaker than "restricted"', line: 6, column: 5, endLine: 6, endColumn: 49 }],
      output: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: restricted', '    pod-security.kubernetes.io/warn: restricted'),
    },
    {
      name: 'privileged in flow style',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: privileged}}'),
      errors: [{ message: 'Namespace "legacy": pod-security.kubernetes.io/enforce is "privileged", weaker than "restricted"', line: 3, column: 35, endLine: 3, endColumn: 81 }],
      output: yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: legacy, labels: {pod-security.kubernetes.io/enforce: restricted}}'),
    },
    {
      name: 'a value that is no Pod Security level',
      code: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: Restricted'),
      errors: [{ message: 'Namespace "shop": pod-security.kubernetes.io/enforce is "Restricted", not a Pod Security level (privileged, baseline or restricted)', line: 6, column: 5, endLine: 6, endColumn: 51 }],
      output: yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: shop', '  labels:', '    pod-security.kubernetes.io/enforce: restricted'),
    },
    {
      name: 'a weaker level inherited through << is overridden in the Namespace\'s own labels, the shared anchor untouched',
      code: yaml(
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '  labels:',
        '    <<: &pss {pod-security.kubernetes.io/enforce: baseline}',
        '    team: a # owners',
      ),
      errors: [{ message: 'Namespace "shop": pod-security.kubernetes.io/enforce is "baseline", weaker than "restricted"', line: 6, column: 15, endLine: 6, endColumn: 59 }],
      output: yaml(
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  name: shop',
        '  labels:',
        '    <<: &pss {pod-security.kubernetes.io/enforce: baseline}',
        '    team: a # owners',
        '    pod-security.kubernetes.io/enforce: restricted',
      ),
    },
    {
      name: 'several Namespaces in one file, empty labels, 4-space indentation, the last without a final line break',
      code: `${yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '    name: a', '    labels: {}', '---')}apiVersion: v1\nkind: Namespace\nmetadata:\n    name: b\n    labels:\n        team: b`,
      errors: [
        { message: 'Namespace "a": no pod-security.kubernetes.io/enforce label (Pod Security admission enforces nothing)', line: 2, column: 1, endLine: 2, endColumn: 16 },
        { message: 'Namespace "b": no pod-security.kubernetes.io/enforce label (Pod Security admission enforces nothing)', line: 8, column: 1, endLine: 8, endColumn: 16 },
      ],
      output: `${yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', '    name: a', '    labels:', '        pod-security.kubernetes.io/enforce: restricted', '---')}apiVersion: v1\nkind: Namespace\nmetadata:\n    name: b\n    labels:\n        team: b\n        pod-security.kubernetes.io/enforce: restricted`,
    },
  ],
});
