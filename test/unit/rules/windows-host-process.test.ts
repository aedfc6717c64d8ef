import rule from '../../../server/src/rules/security/windows-host-process';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'a Windows pod with a runAsUserName, hostProcess false',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: w}',
        'spec:',
        '  os: {name: windows}',
        '  securityContext: {windowsOptions: {runAsUserName: ContainerUser, hostProcess: false}}',
        '  containers: [{name: a}]',
      ),
    },
    { name: 'Linux pod', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a}]}') },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {securityContext: {windowsOptions: {hostProcess: true}}}') },
  ],
  invalid: [
    {
      name: 'pod-level and container-level hostProcess',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: win-agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      securityContext:',
        '        windowsOptions:',
        '          hostProcess: true',
        '          runAsUserName: "NT AUTHORITY\\\\SYSTEM"',
        '      initContainers:',
        '      - name: init',
        '        securityContext: {windowsOptions: {hostProcess: true}}',
        '      containers: [{name: agent}]',
      ),
      errors: [
        { message: 'DaemonSet "win-agent": windowsOptions.hostProcess is true in the pod securityContext', line: 10, column: 11, endLine: 10, endColumn: 28 },
        { message: 'DaemonSet "win-agent", init container "init": windowsOptions.hostProcess is true', line: 14, column: 44, endLine: 14, endColumn: 61 },
      ],
    },
    {
      name: 'container-level only, in a Job',
      code: yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: a', '        securityContext:', '          windowsOptions: {hostProcess: true}'),
      errors: [{ message: 'Job "j", container "a": windowsOptions.hostProcess is true', line: 10, column: 28, endLine: 10, endColumn: 45 }],
    },
  ],
});
