import rule from '../../../server/src/rules/security/host-path-volume';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'no hostPath', code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a}]', '  volumes:', '  - {name: tmp, emptyDir: {}}') },
    {
      name: 'sensitive or writable hostPaths are sensitive-host-path\'s findings',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: a',
        '    volumeMounts: [{name: data, mountPath: /data}]',
        '  volumes:',
        '  - {name: sock, hostPath: {path: /var/run/docker.sock}}',
        '  - {name: data, hostPath: {path: /srv/data}}',
      ),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: Pod', 'spec: {volumes: [{name: x, hostPath: {path: /x}}]}') },
  ],
  invalid: [
    {
      name: 'read-only and unmounted hostPath volumes',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: logs}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: shipper',
        '        volumeMounts:',
        '        - name: varlog',
        '          mountPath: /var/log',
        '          readOnly: true',
        '      volumes:',
        '      - name: varlog',
        '        hostPath:',
        '          path: /var/log',
        '          type: Directory',
        '      - name: unused',
        '        hostPath: {path: /opt/unused}',
      ),
      errors: [
        { message: 'DaemonSet "logs": volume "varlog" mounts host path "/var/log"', line: 16, column: 11, endLine: 16, endColumn: 25 },
        { message: 'DaemonSet "logs": volume "unused" mounts host path "/opt/unused"', line: 19, column: 20, endLine: 19, endColumn: 37 },
      ],
    },
    {
      name: 'a socket that is not a runtime socket (readOnly means nothing for it), in a CronJob',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: c}',
        'spec:',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers: [{name: a, volumeMounts: [{name: syslog, mountPath: /dev/log}]}]',
        '          volumes:',
        '          - name: syslog',
        '            hostPath: {path: /dev/log}',
      ),
      errors: [{ message: 'CronJob "c": volume "syslog" mounts host path "/dev/log"', line: 12, column: 24, endLine: 12, endColumn: 38 }],
    },
    {
      name: 'hostPath without a path: the hostPath key',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  volumes:', '  - name: odd', '    hostPath: {type: Directory}'),
      errors: [{ message: 'Pod "p": volume "odd" is a hostPath volume', line: 7, column: 5, endLine: 7, endColumn: 13 }],
    },
  ],
});
