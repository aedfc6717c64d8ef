import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { objectOf } from '../../../server/src/engine/model';
import { podSpecKeyAnchor } from '../../../server/src/engine/anchors';

function anchorText(text: string): string | undefined {
  const doc = parseDocument(text, { merge: true });
  const object = objectOf(doc);
  assert.ok(object);
  const span = podSpecKeyAnchor(object);
  return span ? text.slice(span[0], span[1]) : undefined;
}

describe('podSpecKeyAnchor', () => {
  it('is the `spec:` key of the pod spec, whatever the nesting', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n';
    assert.equal(anchorText(pod), 'spec');
    const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec: {containers: []}\n';
    const object = objectOf(parseDocument(cron, { merge: true }));
    assert.ok(object);
    const start = cron.indexOf('        spec') + 8;
    assert.deepEqual(podSpecKeyAnchor(object), [start, start + 4]);
  });

  it('falls back to `kind:` without a pod spec', () => {
    assert.equal(anchorText('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {}\n'), 'kind: Deployment');
  });
});
