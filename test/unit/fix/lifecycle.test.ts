import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type YAMLMap } from 'yaml';
import { gracePeriodForPreStop } from '../../../server/src/engine/fix/lifecycle';
import { NodeReader } from '../../../server/src/engine/nodes';

function grace(podSpec: string): unknown {
  const doc = parseDocument(podSpec);
  return gracePeriodForPreStop(new NodeReader(doc), doc.contents as YAMLMap);
}

describe('gracePeriodForPreStop', () => {
  it('leaves a grace period longer than the 5 s sleep alone, the 30 s default included', () => {
    assert.equal(grace('terminationGracePeriodSeconds: 6\n'), undefined);
    assert.equal(grace('containers: []\n'), undefined);
    assert.equal(grace('terminationGracePeriodSeconds:\n'), undefined);
  });
  it('adds the sleep to a grace period it would use up, so the app keeps its time after SIGTERM', () => {
    assert.deepEqual(grace('terminationGracePeriodSeconds: 5\n'), { terminationGracePeriodSeconds: 10 });
    assert.deepEqual(grace('terminationGracePeriodSeconds: "3"\n'), { terminationGracePeriodSeconds: 8 });
    // 0 (kill at once) still needs to outlast the hook.
    assert.deepEqual(grace('terminationGracePeriodSeconds: 0\n'), { terminationGracePeriodSeconds: 6 });
  });
  it('does not judge a value it cannot read (a template)', () => {
    assert.equal(grace('terminationGracePeriodSeconds: "${GRACE}"\n'), undefined);
  });
});
