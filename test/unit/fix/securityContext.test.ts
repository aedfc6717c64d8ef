import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, parseDocument } from 'yaml';
import { hardenPod } from '../../../server/src/engine/fix/securityContext';
import { applyEdits, YamlEditor } from '../../../server/src/engine/fix/yamlEdit';
import { objectOf } from '../../../server/src/engine/model';
import capabilitiesNotDropped from '../../../server/src/rules/security/capabilities-not-dropped';
import privilegeEscalationAllowed from '../../../server/src/rules/security/privilege-escalation-allowed';
import runAsRoot from '../../../server/src/rules/security/run-as-root';
import seccompProfileMissing from '../../../server/src/rules/security/seccomp-profile-missing';
import writableRootFilesystem from '../../../server/src/rules/security/writable-root-filesystem';
import { runRule, yaml } from '../../helpers/ruleTester';

const HARDENING_RULES = [runAsRoot, seccompProfileMissing, privilegeEscalationAllowed, writableRootFilesystem, capabilitiesNotDropped];

/** The text after hardenPod's edits, checked to parse; undefined when hardenPod offers nothing. */
function harden(text: string): string | undefined {
  const object = objectOf(parseDocument(text));
  assert.ok(object, 'a Kubernetes object');
  const fix = hardenPod(object);
  if (!fix) return undefined;
  const edits = fix.edits(new YamlEditor(text, object.reader));
  assert.ok(edits.length > 0, 'a fix that is offered changes something');
  const out = applyEdits(text, edits);
  assert.deepEqual(parseAllDocuments(out).flatMap((d) => d.errors.map((e) => e.message)), [], `the result parses:\n${out}`);
  return out;
}

/** The hardening findings left in a text. */
const remaining = (text: string): string[] => HARDENING_RULES.flatMap((rule) => runRule(rule, text).map((f) => f.message));

describe('hardenPod', () => {
  it('hardens a bare Deployment in one fix: every container, then the pod, where they meet at the end of the pod spec', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  template:',
      '    spec:',
      '      initContainers:',
      '      - name: migrate',
      '        image: m:1',
      '      containers:',
      '      - name: web',
      '        image: w:1',
    );
    assert.equal(remaining(text).length, 10);
    const out = harden(text)!;
    assert.equal(
      out,
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: api',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: migrate',
        '        image: m:1',
        '        securityContext:',
        '          allowPrivilegeEscalation: false',
        '          capabilities:',
        '            drop:',
        '            - ALL',
        '          readOnlyRootFilesystem: true',
        '      containers:',
        '      - name: web',
        '        image: w:1',
        '        securityContext:',
        '          allowPrivilegeEscalation: false',
        '          capabilities:',
        '            drop:',
        '            - ALL',
        '          readOnlyRootFilesystem: true',
        '      securityContext:',
        '        runAsNonRoot: true',
        '        runAsUser: 1000',
        '        fsGroup: 2000',
        '        seccompProfile:',
        '          type: RuntimeDefault',
      ),
    );
    assert.deepEqual(remaining(out), []);
    assert.equal(hardenPod(objectOf(parseDocument(out))!), undefined, 'nothing left to harden');
  });

  it('merges into partial contexts of a 4-space CRLF file, replaces unsafe values and overrides, keeps safe ones and comments', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '    name: db',
      'spec:',
      '    template:',
      '        metadata:',
      '            annotations:',
      "                seccomp.security.alpha.kubernetes.io/pod: 'unconfined' # legacy",
      '        spec:',
      '            securityContext:',
      '                runAsUser: 0 # root, for now',
      '                fsGroup: 999',
      '            containers:',
      '                - name: pg',
      '                  image: postgres:16',
      '                  securityContext:',
      '                      runAsNonRoot: false',
      '                      capabilities:',
      '                          add: [NET_BIND_SERVICE]',
      '                          drop:',
      '                              - NET_RAW',
      '                  # the exporter sidecar',
      '                - name: exporter',
      '                  image: e:1',
      '                  securityContext: {privileged: true}',
      '',
    ].join('\r\n');
    const out = harden(text)!;
    assert.equal(
      out,
      [
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata:',
        '    name: db',
        'spec:',
        '    template:',
        '        metadata:',
        '            annotations:',
        "                seccomp.security.alpha.kubernetes.io/pod: 'runtime/default' # legacy",
        '        spec:',
        '            securityContext:',
        '                runAsUser: 1000 # root, for now',
        '                fsGroup: 999',
        '                runAsNonRoot: true',
        '                seccompProfile:',
        '                    type: RuntimeDefault',
        '            containers:',
        '                - name: pg',
        '                  image: postgres:16',
        '                  securityContext:',
        '                      runAsNonRoot: true',
        '                      capabilities:',
        '                          add: [NET_BIND_SERVICE]',
        '                          drop:',
        '                              - NET_RAW',
        '                              - ALL',
        '                      allowPrivilegeEscalation: false',
        '                      readOnlyRootFilesystem: true',
        '                  # the exporter sidecar',
        '                - name: exporter',
        '                  image: e:1',
        // Privileged: the API rejects allowPrivilegeEscalation false, and dropping capabilities would only look safe.
        '                  securityContext: {privileged: true, readOnlyRootFilesystem: true}',
        '',
      ].join('\r\n'),
    );
    assert.deepEqual(remaining(out), []);
    assert.equal(hardenPod(objectOf(parseDocument(out))!), undefined);
  });

  it('stays flow in flow style, without a final line break; SYS_ADMIN keeps escalation possible, Unconfined in a container is replaced', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: "a:1"}, {name: b, image: "b:1", securityContext: {capabilities: {add: [SYS_ADMIN]}, seccompProfile: {type: Unconfined}}}]}';
    const out = harden(text)!;
    assert.equal(
      out,
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [' +
        '{name: a, image: "a:1", securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, readOnlyRootFilesystem: true}}, ' +
        '{name: b, image: "b:1", securityContext: {capabilities: {add: [SYS_ADMIN], drop: [ALL]}, seccompProfile: {type: RuntimeDefault}, readOnlyRootFilesystem: true}}' +
        '], securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000, seccompProfile: {type: RuntimeDefault}}}',
    );
    assert.deepEqual(remaining(out), ['Pod "p", container "b": allowPrivilegeEscalation is always true with capability SYS_ADMIN added']);
    assert.equal(hardenPod(objectOf(parseDocument(out))!), undefined);
  });

  it('gives a Windows pod runAsNonRoot only (the other settings are Linux-only), overriding a container\'s false', () => {
    const text = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: win}', 'spec:', '  os: {name: windows}', '  containers:', '  - name: iis', '    securityContext: {runAsNonRoot: false}');
    const out = harden(text)!;
    assert.equal(out, yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: win}', 'spec:', '  os: {name: windows}', '  containers:', '  - name: iis', '    securityContext: {runAsNonRoot: true}', '  securityContext:', '    runAsNonRoot: true'));
    assert.deepEqual(remaining(out), []);
  });

  it('edits an anchored securityContext where it is defined and leaves its aliases alone', () => {
    const text = yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', 'spec:', '  containers:', '  - name: a', '    securityContext: &hardened', '      allowPrivilegeEscalation: false', '  - name: b', '    securityContext: *hardened');
    const out = harden(text)!;
    assert.equal(
      out,
      yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: p',
        'spec:',
        '  containers:',
        '  - name: a',
        '    securityContext: &hardened',
        '      allowPrivilegeEscalation: false',
        '      capabilities:',
        '        drop:',
        '        - ALL',
        '      readOnlyRootFilesystem: true',
        '  - name: b',
        '    securityContext: *hardened',
        '  securityContext:',
        '    runAsNonRoot: true',
        '    runAsUser: 1000',
        '    fsGroup: 2000',
        '    seccompProfile:',
        '      type: RuntimeDefault',
      ),
    );
    assert.deepEqual(remaining(out), []);
  });

  it('offers nothing for an object without a pod spec, or a pod that is already hardened', () => {
    assert.equal(harden(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec: {selector: {app: s}}')), undefined);
    const hardened = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  securityContext: {runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534, seccompProfile: {type: Localhost, localhostProfile: p.json}}',
      '  containers:',
      '  - name: a',
      '    securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [all]}}',
    );
    assert.deepEqual(remaining(hardened), []);
    assert.equal(harden(hardened), undefined);
  });
});
