import rule from '../../../server/src/rules/security/proc-mount-unmasked';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'Default proc mount', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    securityContext: {procMount: Default}') },
    { name: 'procMount with no value is unset: the API server defaults it to Default', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    securityContext:', '      procMount:') },
    { name: 'no securityContext', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a}]}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: a, securityContext: {procMount: Unmasked}}]}') },
  ],
  invalid: [
    {
      name: 'Unmasked in an init container of a StatefulSet',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: tune',
        '        securityContext:',
        '          procMount: Unmasked',
        '      containers:',
        '      - name: db',
        '        securityContext: {procMount: Default}',
      ),
      errors: [{ message: 'StatefulSet "db", init container "tune": procMount is Unmasked, not Default', line: 10, column: 11, endLine: 10, endColumn: 30 }],
    },
    {
      name: 'ephemeral containers count, flow style',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a}], ephemeralContainers: [{name: dbg, securityContext: {procMount: Unmasked}}]}'),
      errors: [{ message: 'Pod "p", ephemeral container "dbg": procMount is Unmasked, not Default', line: 4, column: 85, endLine: 4, endColumn: 104 }],
    },
    {
      name: 'any value other than Default: a lowercase typo, an empty string, a pod template through a Deployment',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: a',
        '        securityContext:',
        '          procMount: unmasked',
        '      - name: b',
        '        securityContext: {procMount: ""}',
        '      - name: c',
        '        securityContext: {procMount: Default}',
      ),
      errors: [
        { message: 'Deployment "web", container "a": procMount is "unmasked", not Default', line: 10, column: 11, endLine: 10, endColumn: 30, severity: 'error' },
        { message: 'Deployment "web", container "b": procMount is "", not Default', line: 12, column: 27, endLine: 12, endColumn: 40 },
      ],
    },
  ],
});
