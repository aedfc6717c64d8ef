import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import type { LabelSelector } from '../../../server/src/engine/selector';
import type { IndexedResource } from '../../../server/src/engine/workspace/index';
import {
  hasCniNetworkPolicies,
  namespaceFindingAnchor,
  namespaceHasCustomResources,
  selectsPodsOf,
  workloadsWithPodsSelectedBy,
} from '../../../server/src/engine/workspace/queries';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { yaml } from '../../helpers/ruleTester';

const workspace = (files: Record<string, string>): Workspace => {
  const ws = new Workspace({ rules: [], config: resolveConfig([], {}) });
  for (const [file, text] of Object.entries(files)) ws.update(`file:///w/${file}`, text);
  return ws;
};

const workload = (kind: string, name: string, namespace = 'default'): string =>
  yaml(
    kind === 'Job' || kind === 'CronJob' ? 'apiVersion: batch/v1' : 'apiVersion: apps/v1',
    `kind: ${kind}`,
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    ...(kind === 'CronJob' ? ['  schedule: "@daily"', '  jobTemplate: {spec: {template: {metadata: {labels: {app: x}}, spec: {containers: [{name: a, image: "a:1"}]}}}}'] : []),
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec: {containers: [{name: a, image: "a:1"}]}',
  );

const only = (ws: Workspace, kind: string): IndexedResource => {
  const found = ws.index.allOfKind(kind);
  assert.equal(found.length, 1);
  return found[0];
};

const labels = (matchLabels: Record<string, string>): LabelSelector => ({ matchLabels, matchExpressions: [] });

describe('pod selection with the labels controllers add', () => {
  it('StatefulSet pod names and indexes, Deployment hashes, DaemonSet generations, Job names', () => {
    const ws = workspace({
      'sts.yaml': workload('StatefulSet', 'redis'),
      'deploy.yaml': workload('Deployment', 'web'),
      'ds.yaml': workload('DaemonSet', 'agent'),
      'job.yaml': workload('Job', 'migrate'),
      'cron.yaml': workload('CronJob', 'backup'),
    });
    const sts = only(ws, 'StatefulSet');
    assert.equal(selectsPodsOf(labels({ app: 'redis', 'statefulset.kubernetes.io/pod-name': 'redis-2' }), sts), true);
    assert.equal(selectsPodsOf(labels({ 'statefulset.kubernetes.io/pod-name': 'redis-x' }), sts), false);
    assert.equal(selectsPodsOf(labels({ 'statefulset.kubernetes.io/pod-name': 'other-0' }), sts), false);
    assert.equal(selectsPodsOf(labels({ app: 'web', 'statefulset.kubernetes.io/pod-name': 'redis-0' }), sts), false, 'the template labels must still match');
    assert.equal(selectsPodsOf(labels({ 'apps.kubernetes.io/pod-index': '0' }), sts), true);
    assert.equal(selectsPodsOf({ matchLabels: {}, matchExpressions: [{ key: 'controller-revision-hash', operator: 'DoesNotExist', values: [] }] }, sts), false);
    assert.equal(selectsPodsOf(labels({ 'pod-template-hash': '5d8f7c9b' }), only(ws, 'Deployment')), true);
    assert.equal(selectsPodsOf(labels({ 'pod-template-hash': '5d8f7c9b' }), sts), false, 'StatefulSets do not hash their pods that way');
    assert.equal(selectsPodsOf(labels({ 'pod-template-generation': '3' }), only(ws, 'DaemonSet')), true);
    assert.equal(selectsPodsOf(labels({ 'job-name': 'migrate' }), only(ws, 'Job')), true);
    assert.equal(selectsPodsOf(labels({ 'batch.kubernetes.io/job-name': 'backup-28911234' }), only(ws, 'CronJob')), true);
    assert.deepEqual(
      workloadsWithPodsSelectedBy(ws.index, labels({ 'statefulset.kubernetes.io/pod-name': 'redis-0' }), 'default').map((r) => r.facts.name),
      ['redis'],
    );
  });
});

describe('namespace queries', () => {
  it('custom resources: a named CR counts; kustomize, skaffold and nameless List documents do not', () => {
    const ws = workspace({
      'prom.yaml': yaml('apiVersion: monitoring.coreos.com/v1', 'kind: Prometheus', 'metadata: {name: k8s, namespace: monitoring}'),
      'kustomization.yaml': yaml('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'metadata: {name: app}', 'resources: [deploy.yaml]'),
      'skaffold.yaml': yaml('apiVersion: skaffold/v4beta6', 'kind: Config', 'metadata: {name: app}'),
      'list.yaml': yaml('apiVersion: v1', 'kind: ConfigMapList', 'items: []'),
    });
    assert.equal(namespaceHasCustomResources(ws.index, 'monitoring'), true);
    assert.equal(namespaceHasCustomResources(ws.index, 'default'), false);
    ws.remove('file:///w/prom.yaml');
    assert.equal(namespaceHasCustomResources(ws.index, 'monitoring'), false, 'recomputed after a change');
  });

  it('the anchor of namespace findings: the Namespace object, else the first workload by file and line', () => {
    const ws = workspace({ 'b.yaml': workload('Deployment', 'web', 'shop'), 'a.yaml': `${workload('Deployment', 'api', 'shop')}---\n${workload('Deployment', 'worker', 'shop')}` });
    assert.equal(namespaceFindingAnchor(ws.index, 'shop')?.facts.name, 'api');
    ws.update('file:///w/a.yaml', workload('Deployment', 'worker', 'shop'));
    assert.equal(namespaceFindingAnchor(ws.index, 'shop')?.facts.name, 'worker');
    ws.update('file:///w/z.yaml', yaml('apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop}'));
    assert.equal(namespaceFindingAnchor(ws.index, 'shop')?.facts.kind, 'Namespace');
    assert.equal(namespaceFindingAnchor(ws.index, 'empty'), undefined);
  });

  it('CNI plugin policies: namespaced ones in the namespace, cluster-wide ones anywhere', () => {
    const ws = workspace({ 'cnp.yaml': yaml('apiVersion: projectcalico.org/v3', 'kind: NetworkPolicy', 'metadata: {name: p, namespace: shop}', 'spec: {}') });
    assert.equal(hasCniNetworkPolicies(ws.index, 'shop'), true);
    assert.equal(hasCniNetworkPolicies(ws.index, 'default'), false);
    ws.update('file:///w/gnp.yaml', yaml('apiVersion: projectcalico.org/v3', 'kind: GlobalNetworkPolicy', 'metadata: {name: deny}', 'spec: {}'));
    assert.equal(hasCniNetworkPolicies(ws.index, 'default'), true);
  });
});
