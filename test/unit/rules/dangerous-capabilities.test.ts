import rule from '../../../server/src/rules/security/dangerous-capabilities';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'capabilities from the baseline list, and NET_RAW (not in the default list)',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: a',
        '    securityContext: {capabilities: {add: [NET_BIND_SERVICE, CHOWN, NET_RAW]}}',
      ),
    },
    {
      name: 'dropping a dangerous capability is fine',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {capabilities: {drop: [SYS_ADMIN]}}}]}'),
    },
    {
      name: 'options replace the list',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {capabilities: {add: [SYS_TIME]}}}]}'),
      options: { capabilities: ['SYS_ADMIN'] },
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {containers: [{name: a, securityContext: {capabilities: {add: [ALL]}}}]}') },
  ],
  invalid: [
    {
      name: 'each dangerous item, with or without CAP_ and in any case',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: init',
        '        securityContext:',
        '          capabilities:',
        '            add:',
        '            - SYS_ADMIN',
        '            - NET_BIND_SERVICE',
        '            - cap_net_admin',
        '      containers:',
        '      - name: agent',
        '        securityContext: {capabilities: {add: [SYS_PTRACE]}}',
      ),
      errors: [
        { message: 'DaemonSet "agent", init container "init": capabilities.add includes SYS_ADMIN', line: 12, column: 15, endLine: 12, endColumn: 24 },
        { message: 'DaemonSet "agent", init container "init": capabilities.add includes cap_net_admin', line: 14, column: 15, endLine: 14, endColumn: 28 },
        { message: 'DaemonSet "agent", container "agent": capabilities.add includes SYS_PTRACE', line: 17, column: 48, endLine: 17, endColumn: 58 },
      ],
    },
    {
      name: 'ephemeral debug containers count for privilege',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: a',
        '  ephemeralContainers:',
        '  - name: debug',
        '    securityContext:',
        '      capabilities:',
        '        add: [ALL]',
      ),
      errors: [{ message: 'Pod "p", ephemeral container "debug": capabilities.add includes ALL', line: 11, column: 15, endLine: 11, endColumn: 18 }],
    },
    {
      name: 'a configured list (NET_RAW added to it)',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {capabilities: {add: [NET_RAW]}}}]}'),
      options: { capabilities: ['CAP_NET_RAW', 'SYS_ADMIN'] },
      errors: [{ message: 'Pod "p", container "a": capabilities.add includes NET_RAW', line: 4, column: 70, endLine: 4, endColumn: 77 }],
    },
  ],
});
