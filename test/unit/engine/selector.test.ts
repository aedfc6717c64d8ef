import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { NodeReader } from '../../../server/src/engine/nodes';
import {
  formatLabels,
  formatSelector,
  isEmptySelector,
  matches,
  parseLabelSelector,
  parseMapSelector,
  type LabelSelector,
} from '../../../server/src/engine/selector';

function parse(text: string, parser = parseLabelSelector): LabelSelector | undefined {
  const doc = parseDocument(text, { merge: true });
  return parser(new NodeReader(doc), doc.contents);
}

function selector(text: string): LabelSelector {
  const parsed = parse(text);
  assert.ok(parsed, `parses: ${text}`);
  return parsed;
}

describe('label selectors', () => {
  it('matchLabels: every entry must be present with that exact value', () => {
    const s = selector('matchLabels: {app: web, tier: front}');
    assert.equal(matches(s, { app: 'web', tier: 'front' }), true);
    assert.equal(matches(s, { app: 'web', tier: 'front', extra: 'x' }), true, 'extra labels do not matter');
    assert.equal(matches(s, { app: 'web' }), false);
    assert.equal(matches(s, { app: 'web', tier: 'back' }), false);
  });

  it('In: the key must exist with one of the values', () => {
    const s = selector('matchExpressions: [{key: env, operator: In, values: [prod, staging]}]');
    assert.equal(matches(s, { env: 'prod' }), true);
    assert.equal(matches(s, { env: 'dev' }), false);
    assert.equal(matches(s, {}), false);
  });

  it('NotIn: an absent key satisfies it', () => {
    const s = selector('matchExpressions: [{key: env, operator: NotIn, values: [dev]}]');
    assert.equal(matches(s, {}), true);
    assert.equal(matches(s, { env: 'prod' }), true);
    assert.equal(matches(s, { env: 'dev' }), false);
  });

  it('Exists and DoesNotExist look at the key only', () => {
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: Exists}]'), { canary: '' }), true);
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: Exists}]'), {}), false);
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: DoesNotExist}]'), {}), true);
    assert.equal(matches(selector('matchExpressions: [{key: canary, operator: DoesNotExist}]'), { canary: 'true' }), false);
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const s = selector('matchLabels: {app: web}\nmatchExpressions: [{key: env, operator: In, values: [prod]}]');
    assert.equal(matches(s, { app: 'web', env: 'prod' }), true);
    assert.equal(matches(s, { app: 'web', env: 'dev' }), false);
    assert.equal(matches(s, { app: 'api', env: 'prod' }), false);
  });

  it('an empty selector matches everything', () => {
    const s = selector('{}');
    assert.equal(isEmptySelector(s), true);
    assert.equal(matches(s, {}), true);
    assert.equal(matches(s, { app: 'x' }), true);
    assert.equal(isEmptySelector(selector('matchLabels: {a: b}')), false);
  });

  it('reads numbers as label strings on both sides', () => {
    assert.equal(matches(selector('matchLabels: {version: 2}'), { version: '2' }), true);
    assert.equal(matches(selector('matchExpressions: [{key: v, operator: In, values: [1, 2]}]'), { v: '2' }), true);
  });

  it('sees through anchors and merge keys', () => {
    const doc = parseDocument('labels: &l {app: web}\nsel:\n  matchLabels:\n    <<: *l\n    tier: db\n', { merge: true });
    const read = new NodeReader(doc);
    const s = parseLabelSelector(read, read.get(doc.contents, 'sel'));
    assert.deepEqual(s?.matchLabels, { app: 'web', tier: 'db' });
  });

  it('refuses what the API server would reject instead of guessing', () => {
    assert.equal(parse('matchExpressions: [{key: a, operator: in, values: [x]}]'), undefined, 'operators are case-sensitive');
    assert.equal(parse('matchExpressions: [{key: a, operator: In}]'), undefined, 'In needs values');
    assert.equal(parse('matchExpressions: [{key: a, operator: Exists, values: [x]}]'), undefined, 'Exists takes no values');
    assert.equal(parse('matchLabels: {app: {nested: x}}'), undefined);
    assert.equal(parse('matchLabels: [app]'), undefined);
    assert.equal(parse('just a string'), undefined);
  });

  it('null matchLabels / matchExpressions count as absent', () => {
    assert.deepEqual(parse('matchLabels:\nmatchExpressions:\n'), { matchLabels: {}, matchExpressions: [] });
  });

  it('plain map selectors (ReplicationController, Service) are equality on every entry', () => {
    const s = parse('{app: web, tier: front}', parseMapSelector);
    assert.ok(s);
    assert.equal(matches(s, { app: 'web', tier: 'front', x: 'y' }), true);
    assert.equal(matches(s, { app: 'web' }), false);
    assert.equal(parse('[a]', parseMapSelector), undefined);
  });

  it('formats like kubectl', () => {
    const s = selector('matchLabels: {app: web}\nmatchExpressions: [{key: env, operator: In, values: [a, b]}, {key: t, operator: NotIn, values: [x]}, {key: c, operator: Exists}, {key: d, operator: DoesNotExist}]');
    assert.equal(formatSelector(s), 'app=web,env in (a,b),t notin (x),c,!d');
    assert.equal(formatLabels({ app: 'web', tier: 'db' }), 'app=web,tier=db');
    assert.equal(formatLabels({}), '(none)');
  });
});
