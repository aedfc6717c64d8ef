import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { hostPathVolumes, isReportedAsSensitive, normalizeHostPath, sensitiveHostPath } from '../../../server/src/engine/hostPath';
import { objectOf } from '../../../server/src/engine/model';
import { yaml } from '../../helpers/ruleTester';

describe('normalizeHostPath', () => {
  it('removes duplicate slashes, dots, .. and trailing slashes', () => {
    assert.deepEqual(['/var//run/./docker.sock', '/etc/', '/', '/var/lib/../lib/kubelet/', 'relative/x'].map(normalizeHostPath), [
      '/var/run/docker.sock',
      '/etc',
      '/',
      '/var/lib/kubelet',
      'relative/x',
    ]);
  });
});

describe('sensitiveHostPath', () => {
  it('flags runtime sockets under both /run spellings and Windows pipes', () => {
    for (const path of ['/var/run/docker.sock', '/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/var/run/containerd/containerd.sock', '\\\\.\\pipe\\docker_engine']) {
      assert.match(sensitiveHostPath(path) ?? '', /runtime socket/, path);
    }
  });

  it('flags whole trees where every subpath is sensitive', () => {
    for (const path of ['/etc', '/etc/kubernetes/pki', '/proc', '/proc/sys/kernel', '/sys/fs/cgroup', '/var/lib/kubelet/pods', '/root/.ssh', '/boot']) {
      assert.ok(sensitiveHostPath(path), path);
    }
  });

  it('flags /, /dev, /run and /var/run themselves but not every path below them', () => {
    for (const path of ['/', '/dev', '/run', '/var/run/']) assert.ok(sensitiveHostPath(path), path);
    for (const path of ['/data', '/var/log', '/dev/log', '/run/xtables.lock', '/var/run/netns', '/lib/modules', '/etc/localtime', '/etc/ssl/certs/ca.pem', '/etcd-data']) {
      assert.equal(sensitiveHostPath(path), undefined, path);
    }
  });
});

describe('hostPathVolumes', () => {
  const object = objectOf(
    parseDocument(
      yaml(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: {name: agent}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: setup',
        '        volumeMounts: [{name: logs, mountPath: /l}]',
        '      containers:',
        '      - name: main',
        '        volumeMounts:',
        '        - {name: logs, mountPath: /logs, readOnly: true}',
        '        - {name: sock, mountPath: /s}',
        '        - {name: certs, mountPath: /c, readOnly: true}',
        '      volumes:',
        '      - name: logs',
        '        hostPath: {path: /var/log}',
        '      - name: sock',
        '        hostPath: {path: /var/run/docker.sock, type: Socket}',
        '      - name: certs',
        '        hostPath: {path: /etc/ssl/certs}',
        '      - name: data',
        '        emptyDir: {}',
      ),
      { merge: true },
    ),
  );

  it('finds hostPath volumes with their sensitivity and writable mounts', () => {
    assert.ok(object);
    const volumes = hostPathVolumes(object);
    assert.deepEqual(
      volumes.map((v) => [v.name, v.path, v.sensitive !== undefined, v.writableIn.map((c) => c.name), isReportedAsSensitive(v)]),
      [
        ['logs', '/var/log', false, ['setup'], true],
        // readOnly means nothing for a socket: it is sensitive by path, not "writable".
        ['sock', '/var/run/docker.sock', true, [], true],
        ['certs', '/etc/ssl/certs', false, [], false],
      ],
    );
  });
});
