import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type YAMLMap } from 'yaml';
import { NodeReader } from '../../../server/src/engine/nodes';
import { declaresResource, hasEffectiveRequest } from '../../../server/src/engine/resources';

function container(source: string): { read: NodeReader; node: YAMLMap } {
  const doc = parseDocument(source, { merge: true });
  const read = new NodeReader(doc);
  const node = read.map(doc.contents, 'c');
  assert.ok(node);
  return { read, node };
}

describe('declaresResource', () => {
  it('sees values in block and flow style, numbers and strings', () => {
    const { read, node } = container('c:\n  resources:\n    requests: {cpu: 0.5, memory: "64Mi"}\n');
    assert.equal(declaresResource(read, node, 'requests', 'cpu'), true);
    assert.equal(declaresResource(read, node, 'requests', 'memory'), true);
    assert.equal(declaresResource(read, node, 'limits', 'memory'), false);
  });

  it('does not count empty or null values', () => {
    const { read, node } = container('c:\n  resources:\n    limits:\n      cpu:\n      memory: ""\n');
    assert.equal(declaresResource(read, node, 'limits', 'cpu'), false);
    assert.equal(declaresResource(read, node, 'limits', 'memory'), false);
  });

  it('follows aliases and merge keys', () => {
    const { read, node } = container('base: &r {limits: {memory: 1Gi}}\nc:\n  resources:\n    <<: *r\n');
    assert.equal(declaresResource(read, node, 'limits', 'memory'), true);
  });
});

describe('hasEffectiveRequest', () => {
  it('counts a limit as the request the API server defaults from it', () => {
    const { read, node } = container('c:\n  resources:\n    limits: {cpu: 1}\n    requests: {memory: 1Gi}\n');
    assert.equal(hasEffectiveRequest(read, node, 'cpu'), true);
    assert.equal(hasEffectiveRequest(read, node, 'memory'), true);
    assert.equal(hasEffectiveRequest(read, node, 'ephemeral-storage'), false);
  });
});
