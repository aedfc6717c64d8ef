import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { objectOf, type ContainerRef, type K8sObject } from '../../../server/src/engine/model';
import {
  capabilityList,
  capabilityName,
  effectiveSeccomp,
  effectiveSecurityContext,
  integerValue,
  isWindowsPod,
} from '../../../server/src/engine/securityContext';
import { yaml } from '../../helpers/ruleTester';

function load(text: string): K8sObject {
  const object = objectOf(parseDocument(text, { merge: true }));
  assert.ok(object, 'a Kubernetes object');
  return object;
}

function container(object: K8sObject, name: string): ContainerRef {
  const found = object.podSpec?.containers.find((c) => c.name === name);
  assert.ok(found, `container ${name}`);
  return found;
}

const deployment = (...spec: string[]): K8sObject =>
  load(yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  template:', ...spec));

describe('effectiveSecurityContext', () => {
  const object = deployment(
    '    spec:',
    '      securityContext: {runAsNonRoot: true, runAsUser: 1000}',
    '      initContainers:',
    '      - name: init',
    '        securityContext: {runAsUser: 0}',
    '      containers:',
    '      - name: inherits',
    '      - name: overrides',
    '        securityContext: {runAsNonRoot: false, runAsUser: "2000"}',
    '      - name: null-inherits',
    '        securityContext: {runAsNonRoot: null, runAsUser: ~}',
  );

  it('inherits the pod value when the container sets none', () => {
    const effective = effectiveSecurityContext(object, container(object, 'inherits'));
    assert.equal(effective.runAsNonRoot?.value, true);
    assert.equal(effective.runAsNonRoot?.level, 'pod');
    assert.equal(effective.runAsUser?.value, 1000);
  });

  it('lets the container override, false and numeric strings included', () => {
    const effective = effectiveSecurityContext(object, container(object, 'overrides'));
    assert.deepEqual([effective.runAsNonRoot?.value, effective.runAsNonRoot?.level], [false, 'container']);
    assert.deepEqual([effective.runAsUser?.value, effective.runAsUser?.level], [2000, 'container']);
  });

  it('treats null as unset, and applies to init containers', () => {
    assert.equal(effectiveSecurityContext(object, container(object, 'null-inherits')).runAsUser?.level, 'pod');
    assert.deepEqual(effectiveSecurityContext(object, container(object, 'init')).runAsUser?.value, 0);
  });

  it('returns nothing when neither level sets a field', () => {
    const bare = load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a'));
    assert.deepEqual(effectiveSecurityContext(bare, container(bare, 'a')), { runAsNonRoot: undefined, runAsUser: undefined });
  });

  it('sees through anchors and merge keys', () => {
    const merged = load(
      yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  securityContext: &base {runAsNonRoot: true}',
        '  containers:',
        '  - name: a',
        '    securityContext:',
        '      <<: *base',
        '      runAsUser: 10',
      ),
    );
    const effective = effectiveSecurityContext(merged, container(merged, 'a'));
    assert.deepEqual([effective.runAsNonRoot?.value, effective.runAsNonRoot?.level, effective.runAsUser?.value], [true, 'container', 10]);
  });
});

describe('effectiveSeccomp', () => {
  it('prefers the container field, then container annotation, then pod field, then pod annotation', () => {
    const object = deployment(
      '    metadata:',
      '      annotations:',
      '        seccomp.security.alpha.kubernetes.io/pod: runtime/default',
      '        container.seccomp.security.alpha.kubernetes.io/annotated: unconfined',
      '    spec:',
      '      securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}',
      '      containers:',
      '      - name: own',
      '        securityContext: {seccompProfile: {type: Unconfined}}',
      '      - name: annotated',
      '      - name: pod',
    );
    const summary = (name: string): string => {
      const s = effectiveSeccomp(object, container(object, name));
      return `${s?.value} ${s?.level} ${s?.source}`;
    };
    assert.equal(summary('own'), 'Unconfined container field');
    assert.equal(summary('annotated'), 'Unconfined container annotation');
    assert.equal(summary('pod'), 'Localhost pod field');
  });

  it('reads the legacy pod annotation: docker/default counts as RuntimeDefault', () => {
    const object = load(
      yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  annotations: {seccomp.security.alpha.kubernetes.io/pod: docker/default}', 'spec: {containers: [{name: a}]}'),
    );
    const s = effectiveSeccomp(object, container(object, 'a'));
    assert.deepEqual([s?.value, s?.source, s?.key], ['RuntimeDefault', 'annotation', 'seccomp.security.alpha.kubernetes.io/pod']);
  });

  it('ignores the controller annotations (only the pod template counts) and unknown types', () => {
    const object = load(
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: d, annotations: {seccomp.security.alpha.kubernetes.io/pod: runtime/default}}',
        'spec: {template: {spec: {securityContext: {seccompProfile: {type: Bogus}}, containers: [{name: a}]}}}',
      ),
    );
    assert.equal(effectiveSeccomp(object, container(object, 'a')), undefined);
  });
});

describe('isWindowsPod', () => {
  it('recognises spec.os.name and the os node selector', () => {
    assert.equal(isWindowsPod(load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {os: {name: windows}, containers: []}'))), true);
    assert.equal(isWindowsPod(load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', "spec: {nodeSelector: {'kubernetes.io/os': windows}}"))), true);
    assert.equal(isWindowsPod(load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', "spec: {nodeSelector: {'kubernetes.io/os': linux}}"))), false);
  });
});

describe('capabilities', () => {
  it('normalises case and the CAP_ prefix', () => {
    assert.deepEqual(['CAP_SYS_ADMIN', 'sys_admin', ' SYS_ADMIN '].map(capabilityName), ['SYS_ADMIN', 'SYS_ADMIN', 'SYS_ADMIN']);
  });

  it('lists the string items of add and drop', () => {
    const object = load(yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {containers: [{name: a, securityContext: {capabilities: {add: [cap_net_admin, 7], drop: [ALL]}}}]}'));
    const a = container(object, 'a');
    assert.deepEqual(capabilityList(object, a, 'add').map((c) => [c.name, c.raw]), [['NET_ADMIN', 'cap_net_admin']]);
    assert.deepEqual(capabilityList(object, a, 'drop').map((c) => c.name), ['ALL']);
  });
});

describe('integerValue', () => {
  it('reads integers and integer strings only', () => {
    assert.deepEqual([0, 1000, '1000', ' 22 ', 1.5, 'abc', true, null].map(integerValue), [0, 1000, 1000, 22, undefined, undefined, undefined, undefined]);
  });
});
