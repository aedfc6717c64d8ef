import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { isBuiltinKind } from '../../../server/src/engine/kinds';
import { NodeReader } from '../../../server/src/engine/nodes';
import { isMechanicalRewrite, KINDS_WITH_REMOVED_VERSIONS, REMOVED_API_VERSIONS, removedApiVersion } from '../../../server/src/engine/removedApis';

function mechanical(text: string): boolean {
  const doc = parseDocument(text, { merge: true });
  const read = new NodeReader(doc);
  const entry = removedApiVersion(read.string(doc.contents, 'apiVersion') ?? '', read.string(doc.contents, 'kind') ?? '');
  assert.ok(entry, 'a removed version');
  return isMechanicalRewrite(entry, read, doc.contents);
}

describe('removed API versions', () => {
  it('lists every kind and version once', () => {
    const keys = REMOVED_API_VERSIONS.map((e) => `${e.apiVersion} ${e.kind}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('only holds kinds the engine dispatches (built-in kind in a built-in group)', () => {
    for (const entry of REMOVED_API_VERSIONS) assert.ok(isBuiltinKind(entry.apiVersion, entry.kind), `${entry.apiVersion} ${entry.kind}`);
    for (const entry of REMOVED_API_VERSIONS) if (entry.replacement) assert.ok(isBuiltinKind(entry.replacement, entry.kind), `${entry.replacement} ${entry.kind}`);
  });

  it('never proposes a replacement that is itself removed', () => {
    for (const entry of REMOVED_API_VERSIONS) {
      if (entry.replacement) assert.equal(removedApiVersion(entry.replacement, entry.kind), undefined, `${entry.apiVersion} ${entry.kind}`);
    }
  });

  it('has the removal releases of the deprecation guide', () => {
    assert.equal(removedApiVersion('extensions/v1beta1', 'Deployment')?.removedIn, '1.16');
    assert.equal(removedApiVersion('extensions/v1beta1', 'Ingress')?.removedIn, '1.22');
    assert.equal(removedApiVersion('policy/v1beta1', 'PodDisruptionBudget')?.removedIn, '1.25');
    assert.equal(removedApiVersion('autoscaling/v2beta2', 'HorizontalPodAutoscaler')?.removedIn, '1.26');
    assert.equal(removedApiVersion('storage.k8s.io/v1beta1', 'CSIStorageCapacity')?.removedIn, '1.27');
    assert.equal(removedApiVersion('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema')?.removedIn, '1.29');
    assert.equal(removedApiVersion('flowcontrol.apiserver.k8s.io/v1beta3', 'PriorityLevelConfiguration')?.removedIn, '1.32');
    assert.equal(removedApiVersion('policy/v1beta1', 'PodSecurityPolicy')?.replacement, undefined);
    assert.equal(removedApiVersion('apps/v1', 'Deployment'), undefined);
  });

  it('exposes each kind once for dispatch', () => {
    assert.equal(new Set(KINDS_WITH_REMOVED_VERSIONS).size, KINDS_WITH_REMOVED_VERSIONS.length);
    for (const kind of ['Deployment', 'Ingress', 'CronJob', 'PodSecurityPolicy', 'CSIStorageCapacity']) assert.ok(KINDS_WITH_REMOVED_VERSIONS.includes(kind), kind);
  });

  it('tells whether rewriting apiVersion alone migrates the object', () => {
    assert.equal(mechanical('apiVersion: batch/v1beta1\nkind: CronJob\nspec: {schedule: "* * * * *"}'), true);
    assert.equal(mechanical('apiVersion: extensions/v1beta1\nkind: Ingress\nspec: {backend: {serviceName: a, servicePort: 80}}'), false, 'fields renamed');
    assert.equal(mechanical('apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nspec: {}'), false, 'no replacement');
    assert.equal(mechanical('apiVersion: extensions/v1beta1\nkind: Deployment\nspec: {template: {}}'), false, 'apps/v1 requires the selector the old version defaulted');
    assert.equal(mechanical('apiVersion: extensions/v1beta1\nkind: Deployment\nspec: {selector: {matchLabels: {}}}'), false, 'an empty selector is no selector');
    assert.equal(mechanical('apiVersion: extensions/v1beta1\nkind: Deployment\nspec: {selector: {matchLabels: {app: a}}}'), true);
    assert.equal(mechanical('apiVersion: extensions/v1beta1\nkind: Deployment\nspec: {selector: {matchLabels: {app: a}}, rollbackTo: {revision: 2}}'), false, 'rollbackTo is gone in apps/v1');
    assert.equal(mechanical('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nspec: {selector: {}, minAvailable: 1}'), false, 'an empty selector selects every pod in policy/v1');
  });
});
