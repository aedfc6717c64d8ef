import rule from '../../../server/src/rules/security/privileged-container';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'privileged false', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    securityContext: {privileged: false}') },
    { name: 'no securityContext', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1') },
    { name: 'the string "true" is not a boolean (the API server rejects it; not our finding)', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    securityContext: {privileged: "true"}') },
  ],
  invalid: [
    {
      name: 'init container of a CronJob',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: nightly}',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          initContainers:',
        '          - name: setup',
        '            image: s:1',
        '            securityContext:',
        '              privileged: true',
        '          containers:',
        '          - name: run',
        '            image: r:1',
      ),
      errors: [{ message: 'CronJob "nightly", init container "setup": runs privileged', line: 14, column: 15, endLine: 14, endColumn: 31 }],
    },
    {
      name: 'merged from an anchor',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: a',
        '        image: a:1',
        '        securityContext: &priv {privileged: true}',
        '      - name: b',
        '        image: b:1',
        '        securityContext:',
        '          <<: *priv',
      ),
      errors: [
        { message: 'DaemonSet "agent", container "a": runs privileged', line: 10, column: 33, endLine: 10, endColumn: 49 },
        { message: 'DaemonSet "agent", container "b": runs privileged', line: 10, column: 33, endLine: 10, endColumn: 49 },
      ],
    },
  ],
});
