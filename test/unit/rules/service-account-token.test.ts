import rule from '../../../server/src/rules/security/service-account-token';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'own service account', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: api', '  containers: [{name: a}]') },
    { name: 'default account without the token', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  automountServiceAccountToken: false', '  containers: [{name: a}]') },
    { name: 'the deprecated serviceAccount field naming its own account', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {serviceAccount: api, containers: [{name: a}]}') },
    { name: 'a ServiceAccount is not a workload', code: yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: default}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'spec: {template: {spec: {containers: [{name: a}]}}}') },
  ],
  invalid: [
    {
      name: 'no service account: the object (nothing more specific exists)',
      code: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      containers: [{name: a}]'),
      errors: [{ message: 'Deployment "api": runs as the default service account and mounts its token (automountServiceAccountToken is not false)', line: 2, column: 1, endLine: 2, endColumn: 17 }],
      output: yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      containers: [{name: a}]', '      automountServiceAccountToken: false'),
    },
    {
      name: 'serviceAccountName: default with the token explicitly on, in a CronJob',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          serviceAccountName: default',
        '          automountServiceAccountToken: true',
        '          containers: [{name: a}]',
      ),
      errors: [{ message: 'CronJob "c": runs as the default service account and mounts its token (automountServiceAccountToken is true)', line: 9, column: 11, endLine: 9, endColumn: 38 }],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          serviceAccountName: default',
        '          automountServiceAccountToken: false',
        '          containers: [{name: a}]',
      ),
    },
    {
      name: 'empty serviceAccountName falls back to the deprecated field, which says default',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: ""', '  serviceAccount: default', '  containers: [{name: a}]'),
      errors: [{ message: 'Pod "p": runs as the default service account and mounts its token (automountServiceAccountToken is not false)', line: 5, column: 3, endLine: 5, endColumn: 25 }],
      output: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  serviceAccountName: ""', '  serviceAccount: default', '  containers: [{name: a}]', '  automountServiceAccountToken: false'),
    },
    {
      name: 'flow-style pod spec, CRLF, a comment after it',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec: {serviceAccountName: default, containers: [{name: a}]} # minimal\r\n',
      errors: [{ message: 'Pod "p": runs as the default service account and mounts its token (automountServiceAccountToken is not false)', line: 4, column: 8, endLine: 4, endColumn: 35 }],
      output: 'apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec: {serviceAccountName: default, containers: [{name: a}], automountServiceAccountToken: false} # minimal\r\n',
    },
  ],
});
