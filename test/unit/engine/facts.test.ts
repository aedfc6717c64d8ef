import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import type { ResourceFacts } from '../../../server/src/engine/workspace/facts';
import { yaml } from '../../helpers/ruleTester';

/** Facts of every document of a text, as the index receives them. */
const factsOf = (text: string): ResourceFacts[] =>
  new Analyzer({ rules: [], config: resolveConfig([], {}) })
    .analyze(text)
    .documents.flatMap((d) => (d.facts ? [d.facts] : []));

describe('workload facts: what the HPA divides by', () => {
  const deployment = (podSpec: string[]): string =>
    yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  selector: {matchLabels: {app: api}}', '  template:', '    metadata: {labels: {app: api}}', '    spec:', ...podSpec);

  it('marks init containers with restartPolicy: Always as sidecars, and only them', () => {
    const [facts] = factsOf(
      deployment([
        '      initContainers:',
        '      - {name: migrate, image: "m:1"}',
        '      - {name: proxy, image: "p:1", restartPolicy: Always}',
        '      containers:',
        '      - {name: app, image: "a:1", resources: {limits: {cpu: 500m}}}',
      ]),
    );
    const containers = facts.workload!.containers.map(({ name, role, sidecar, requests }) => ({ name, role, sidecar, requests }));
    assert.deepEqual(containers, [
      { name: 'migrate', role: 'init', sidecar: false, requests: { cpu: false, memory: false } },
      { name: 'proxy', role: 'init', sidecar: true, requests: { cpu: false, memory: false } },
      { name: 'app', role: 'regular', sidecar: false, requests: { cpu: true, memory: false } },
    ]);
  });

  it('reads pod-level requests (a limit alone counts, as for containers)', () => {
    const [withRequests] = factsOf(deployment(['      resources: {requests: {cpu: "1"}, limits: {memory: 1Gi}}', '      containers: [{name: app, image: "a:1"}]']));
    assert.deepEqual(withRequests.workload!.podRequests, { cpu: true, memory: true });
    const [without] = factsOf(deployment(['      containers: [{name: app, image: "a:1", resources: {requests: {cpu: 1}}}]']));
    assert.deepEqual(without.workload!.podRequests, { cpu: false, memory: false });
  });
});

describe('pod labels and network policy directions', () => {
  it('takes pod labels from the template a kind keeps them in; a bare Pod from its own metadata', () => {
    const [cron, job, pod] = factsOf(
      [
        yaml('apiVersion: batch/v1', 'kind: CronJob', 'metadata: {name: backup, labels: {team: db}}', 'spec:', '  schedule: "@daily"', '  jobTemplate:', '    metadata: {labels: {level: job}}', '    spec:', '      template:', '        metadata: {labels: {app: backup}}', '        spec: {containers: [{name: a, image: "a:1"}]}'),
        yaml('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: migrate, labels: {team: db}}', 'spec:', '  template:', '    metadata: {labels: {app: migrate}}', '    spec: {containers: [{name: a, image: "a:1"}]}'),
        yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: debug, labels: {app: debug}}', 'spec: {containers: [{name: a, image: "a:1"}]}'),
      ].join('---\n'),
    );
    assert.deepEqual(cron.workload!.podLabels, { app: 'backup' });
    assert.deepEqual(job.workload!.podLabels, { app: 'migrate' });
    assert.deepEqual(pod.workload!.podLabels, { app: 'debug' });
  });

  it('reads the directions a NetworkPolicy governs as the API defaults them', () => {
    const policy = (...spec: string[]): string => yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: p}', 'spec:', '  podSelector: {}', ...spec.map((line) => `  ${line}`));
    const governs = (...spec: string[]): unknown => factsOf(policy(...spec))[0].networkPolicy!.governs;
    assert.deepEqual(governs(), { ingress: true, egress: false });
    assert.deepEqual(governs('egress: [{}]'), { ingress: true, egress: true });
    assert.deepEqual(governs('policyTypes: [Egress]'), { ingress: false, egress: true });
    assert.deepEqual(governs('policyTypes: [Ingress, Egress]'), { ingress: true, egress: true });
    assert.deepEqual(governs('policyTypes: [Ingress]', 'egress: [{}]'), { ingress: true, egress: false });
  });
});

describe('RBAC facts: what rbac-cluster-admin-binding compares', () => {
  const RBAC = 'apiVersion: rbac.authorization.k8s.io/v1';

  it('reads a binding\'s roleRef with the range of its name entry, and none without kind or name', () => {
    const [bound, incomplete] = factsOf(
      [yaml(RBAC, 'kind: ClusterRoleBinding', 'metadata: {name: b}', 'roleRef: {kind: ClusterRole, name: view}'), yaml(RBAC, 'kind: RoleBinding', 'metadata: {name: r}', 'roleRef: {kind: Role}')].join('---\n'),
    );
    assert.deepEqual(bound.roleBinding, { roleRef: { kind: 'ClusterRole', name: 'view', at: { start: { line: 3, character: 29 }, end: { line: 3, character: 39 } } } });
    assert.deepEqual(incomplete.roleBinding, { roleRef: undefined });
  });

  it('marks a ClusterRole that grants everything in one entry, whatever its nonResourceURLs', () => {
    const roles = factsOf(
      [
        yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: all}', 'rules: [{apiGroups: ["*"], resources: ["*"], verbs: [get, "*"]}]'),
        yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: urls}', 'rules: [{nonResourceURLs: ["*"], verbs: ["*"]}, {apiGroups: [apps], resources: ["*"], verbs: ["*"]}]'),
        yaml(RBAC, 'kind: ClusterRole', 'metadata: {name: named}', 'rules: [{apiGroups: ["*"], resources: ["*"], resourceNames: [x], verbs: ["*"]}]'),
        yaml(RBAC, 'kind: Role', 'metadata: {name: role}', 'rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]'),
      ].join('---\n'),
    );
    assert.deepEqual(
      roles.map((f) => f.clusterRole),
      [{ grantsEverything: true }, { grantsEverything: false }, { grantsEverything: false }, undefined],
    );
  });
});

describe('workload facts: what could spread the replicas', () => {
  it('reads required and preferred podAntiAffinity terms and spread constraints, telling an absent labelSelector from one we cannot read', () => {
    const [facts] = factsOf(
      yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      affinity:',
        '        podAntiAffinity:',
        '          requiredDuringSchedulingIgnoredDuringExecution:',
        '          - {topologyKey: kubernetes.io/hostname, labelSelector: null, namespaces: [a, b], mismatchLabelKeys: [app]}',
        '          preferredDuringSchedulingIgnoredDuringExecution:',
        '          - {weight: 1, podAffinityTerm: {topologyKey: zone, labelSelector: {matchLabels: {app: api}}, namespaceSelector: {}}}',
        '      topologySpreadConstraints:',
        '      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchExpressions: [{key: app, operator: Like}]}}',
        '      containers: [{name: app, image: "a:1"}]',
      ),
    );
    assert.deepEqual(facts.workload!.spreadTerms, [
      { field: 'podAntiAffinity', selector: 'absent', namespaces: ['a', 'b'], namespaceSelector: undefined, mismatchLabelKeys: ['app'] },
      { field: 'podAntiAffinity', selector: { matchLabels: { app: 'api' }, matchExpressions: [] }, namespaces: [], namespaceSelector: { matchLabels: {}, matchExpressions: [] }, mismatchLabelKeys: [] },
      { field: 'topologySpreadConstraints', selector: 'unreadable', namespaces: [], namespaceSelector: undefined, mismatchLabelKeys: [] },
    ]);
  });
});

describe('Service facts', () => {
  it('reads clusterIP as written (None: headless), absent when not set', () => {
    const service = (spec: string): string => yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: db}', `spec: {${spec}}`);
    assert.deepEqual(factsOf(service('clusterIP: None, selector: {app: db}'))[0].service!.clusterIP, 'None');
    assert.deepEqual(factsOf(service('selector: {app: db}'))[0].service!.clusterIP, undefined);
  });
});
