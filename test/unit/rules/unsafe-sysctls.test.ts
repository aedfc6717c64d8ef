import rule from '../../../server/src/rules/security/unsafe-sysctls';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'safe sysctls, dotted and slashed',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext:',
        '    sysctls:',
        '    - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}',
        '    - {name: kernel/shm_rmid_forced, value: "1"}',
        '    - {name: net.ipv4.tcp_keepalive_time, value: "600"}',
        '  containers: [{name: a}]',
      ),
    },
    {
      name: 'unsafe sysctls the nodes allow (option, kubelet syntax)',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext: {sysctls: [{name: kernel.msgmax, value: "65536"}, {name: net.core.somaxconn, value: "1024"}]}'),
      options: { allowedUnsafeSysctls: ['kernel.msg*', 'net.core.somaxconn'] },
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {securityContext: {sysctls: [{name: vm.swappiness}]}}') },
  ],
  invalid: [
    {
      name: 'unsafe sysctls in a Deployment, the slash form included',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      securityContext:',
        '        sysctls:',
        '        - name: net.core.somaxconn',
        '          value: "1024"',
        '        - name: kernel.shm_rmid_forced',
        '          value: "1"',
        '        - name: vm/max_map_count',
        '          value: "262144"',
        '      containers: [{name: a}]',
      ),
      errors: [
        { message: 'Deployment "api": sysctl "net.core.somaxconn" is not in the safe set (the kubelet rejects it unless --allowed-unsafe-sysctls allows it)', line: 9, column: 11, endLine: 9, endColumn: 35 },
        { message: 'Deployment "api": sysctl "vm/max_map_count" is not in the safe set (the kubelet rejects it unless --allowed-unsafe-sysctls allows it)', line: 13, column: 11, endLine: 13, endColumn: 33 },
      ],
    },
    {
      name: 'a safe net.* sysctl is still refused on the host network',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  hostNetwork: true', '  securityContext: {sysctls: [{name: net.ipv4.tcp_syncookies, value: "1"}]}'),
      errors: [{ message: 'Pod "p": sysctl "net.ipv4.tcp_syncookies" cannot be set with hostNetwork: true', line: 6, column: 32, endLine: 6, endColumn: 61 }],
    },
  ],
});
