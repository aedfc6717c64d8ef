// The peer linters' suppression annotations: each of the three forms silences the kube-prod rules
// mapped to the check it names (single-object and cross-resource rules alike), and nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerMap, parsePeerAnnotation } from '../../../server/src/engine/peers';
import { RULES } from '../../../server/src/rules';
import imageTagLatest from '../../../server/src/rules/images/image-tag-latest';
import workloadNetworkPolicyMissing from '../../../server/src/rules/networking/workload-network-policy-missing';
import { ruleTester, yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

/** A Deployment whose image has no tag and that no NetworkPolicy selects; `kind:` on line 2. */
const deployment = (annotations: readonly string[] = [], templateAnnotations: readonly string[] = []): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    ...(annotations.length ? ['  annotations:', ...annotations.map((a) => `    ${a}`)] : []),
    'spec:',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    ...(templateAnnotations.length ? ['      annotations:', ...templateAnnotations.map((a) => `        ${a}`)] : []),
    '    spec:',
    '      containers:',
    '      - {name: web, image: nginx}',
  );

/** The image-tag-latest finding, on `image: nginx` of the last line of `deployment(...)` with `extra` annotation lines. */
const untagged = (extra: number) => {
  const line = 12 + extra;
  return { message: 'Deployment "web", container "web": image "nginx" has no tag (pulls latest)', line, column: 21, endLine: line, endColumn: 33 };
};

describe('peer annotations: a single-object rule (image-tag-latest)', () => {
  ruleTester(imageTagLatest, {
    valid: [
      { name: 'kube-linter: ignore-check for latest-tag, the value is the reason', code: deployment(['ignore-check.kube-linter.io/latest-tag: "pinned by the CD pipeline"']) },
      { name: 'kube-linter: ignore-all', code: deployment(['kube-linter.io/ignore-all: "vendored"']) },
      { name: 'kube-score: ignore among other checks, with spaces', code: deployment(['kube-score/ignore: "pod-probes, container-image-tag"']) },
      { name: 'kube-score: ignore on the pod template', code: deployment([], ['kube-score/ignore: container-image-tag']) },
      { name: 'Polaris: <check>-exempt', code: deployment(['polaris.fairwinds.com/tagNotSpecified-exempt: "true"']) },
      { name: 'Polaris: exempt from every check, any case', code: deployment(['polaris.fairwinds.com/exempt: "TRUE"']) },
    ],
    invalid: [
      { name: 'no annotation', code: deployment(), errors: [untagged(0)] },
      { name: 'kube-linter: a check mapped to another rule', code: deployment(['ignore-check.kube-linter.io/no-liveness-probe: "a job"']), errors: [untagged(2)] },
      { name: 'kube-linter: a check no rule maps', code: deployment(['ignore-check.kube-linter.io/dnsconfig-options: "default is fine"']), errors: [untagged(2)] },
      { name: 'kube-linter: on the pod template (kube-linter reads the object only)', code: deployment([], ['ignore-check.kube-linter.io/latest-tag: "x"']), errors: [untagged(2)] },
      { name: 'kube-score: another check, and an unknown one', code: deployment(['kube-score/ignore: container-resources,not-a-check']), errors: [untagged(2)] },
      { name: 'Polaris: "false" exempts nothing', code: deployment(['polaris.fairwinds.com/tagNotSpecified-exempt: "false"', 'polaris.fairwinds.com/exempt: "no"']), errors: [untagged(3)] },
      { name: 'Polaris: another check', code: deployment(['polaris.fairwinds.com/pullPolicyNotAlways-exempt: "true"']), errors: [untagged(2)] },
      { name: 'our own ignore names another rule', code: deployment(['kube-prod.dev/ignore: liveness-probe-missing']), errors: [untagged(2)] },
    ],
  });
});

describe('peer annotations: a cross-resource rule (workload-network-policy-missing)', () => {
  const finding = { file: 'deploy.yaml', message: 'Deployment "web": no NetworkPolicy in namespace "default" selects its pods (labels app=web)', line: 2, column: 1, endLine: 2, endColumn: 17 };
  workspaceRuleTester(workloadNetworkPolicyMissing, {
    valid: [
      { name: 'kube-linter: non-isolated-pod', files: { 'deploy.yaml': deployment(['ignore-check.kube-linter.io/non-isolated-pod: "the mesh isolates it"']) } },
      { name: 'kube-score: pod-networkpolicy on the pod template', files: { 'deploy.yaml': deployment([], ['kube-score/ignore: pod-networkpolicy']) } },
      { name: 'Polaris: missingNetworkPolicy-exempt', files: { 'deploy.yaml': deployment(['polaris.fairwinds.com/missingNetworkPolicy-exempt: "true"']) } },
      { name: 'Polaris: exempt', files: { 'deploy.yaml': deployment(['polaris.fairwinds.com/exempt: "true"']) } },
    ],
    invalid: [
      { name: 'no annotation', files: { 'deploy.yaml': deployment() }, errors: [finding] },
      { name: 'kube-linter: a check no rule maps', files: { 'deploy.yaml': deployment(['ignore-check.kube-linter.io/no-node-affinity: "any node"']) }, errors: [finding] },
      { name: 'kube-score: checks mapped to other rules', files: { 'deploy.yaml': deployment(['kube-score/ignore: container-image-tag']) }, errors: [finding] },
      { name: 'Polaris: "false"', files: { 'deploy.yaml': deployment(['polaris.fairwinds.com/missingNetworkPolicy-exempt: "false"']) }, errors: [finding] },
    ],
  });
});

describe('parsePeerAnnotation', () => {
  it('reads the three tools as they document their annotations', () => {
    assert.deepEqual(parsePeerAnnotation('ignore-check.kube-linter.io/latest-tag', ''), { key: 'ignore-check.kube-linter.io/latest-tag', tool: 'kube-linter', checks: ['latest-tag'] });
    assert.deepEqual(parsePeerAnnotation('kube-linter.io/ignore-all', 'why'), { key: 'kube-linter.io/ignore-all', tool: 'kube-linter', checks: 'all' });
    assert.deepEqual(parsePeerAnnotation('polaris.fairwinds.com/exempt', 'True'), { key: 'polaris.fairwinds.com/exempt', tool: 'polaris', checks: 'all' });
    assert.deepEqual(parsePeerAnnotation('polaris.fairwinds.com/hostIPCSet-exempt', 'true'), { key: 'polaris.fairwinds.com/hostIPCSet-exempt', tool: 'polaris', checks: ['hostIPCSet'] });
  });

  it('adds the checks kube-score ignores along with container-resources', () => {
    assert.deepEqual(parsePeerAnnotation('kube-score/ignore', ' container-resources ,pod-probes,'), {
      key: 'kube-score/ignore',
      tool: 'kube-score',
      checks: ['container-resources', 'container-ephemeral-storage-request-and-limit', 'pod-probes'],
    });
  });

  it('ignores other annotations, and Polaris annotations that are not "true"', () => {
    assert.equal(parsePeerAnnotation('ignore-check.kube-linter.io/', 'x'), undefined);
    assert.equal(parsePeerAnnotation('polaris.fairwinds.com/exempt', 'false'), undefined);
    assert.equal(parsePeerAnnotation('polaris.fairwinds.com/hostIPCSet-exempt', ''), undefined);
    assert.equal(parsePeerAnnotation('kube-prod.dev/ignore', '*'), undefined);
    assert.equal(parsePeerAnnotation('example.com/kube-score/ignore', 'x'), undefined);
  });
});

describe('PeerMap over every rule', () => {
  const peers = new PeerMap(RULES);
  const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

  it('says which rules a check silences, and which checks map to none', () => {
    const effect = peers.effect({ key: 'kube-score/ignore', tool: 'kube-score', checks: ['container-resources', 'container-ephemeral-storage-request-and-limit', 'label-values'], at });
    assert.deepEqual([...effect.rules].sort(), ['cpu-limit-missing', 'ephemeral-storage-missing', 'memory-limit-missing', 'resource-requests-missing']);
    assert.deepEqual(effect.unmapped, ['label-values']);
  });

  it('maps a tool-wide annotation to every rule mapped to any check of the tool, and no other', () => {
    const effect = peers.effect({ key: 'polaris.fairwinds.com/exempt', tool: 'polaris', checks: 'all', at });
    const expected = RULES.filter((r) => r.meta.peers?.polaris?.length).map((r) => r.meta.id);
    assert.deepEqual([...effect.rules].sort(), expected.sort());
    assert.ok(!effect.rules.includes('image-digest-missing'), 'no Polaris check covers image digests');
  });

  it('silences nothing for annotations that map to no rule', () => {
    assert.equal(peers.silenced([{ key: 'ignore-check.kube-linter.io/dnsconfig-options', tool: 'kube-linter', checks: ['dnsconfig-options'], at }]), undefined);
    assert.equal(peers.silenced([]), undefined);
  });
});
