import rule from '../../../server/src/rules/security/proc-mount-unmasked';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'Default proc mount', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    securityContext: {procMount: Default}') },
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
      errors: [{ message: 'StatefulSet "db", init container "tune": procMount is Unmasked', line: 10, column: 11, endLine: 10, endColumn: 30 }],
    },
    {
      name: 'ephemeral containers count, flow style',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a}], ephemeralContainers: [{name: dbg, securityContext: {procMount: Unmasked}}]}'),
      errors: [{ message: 'Pod "p", ephemeral container "dbg": procMount is Unmasked', line: 4, column: 85, endLine: 4, endColumn: 104 }],
    },
  ],
});
