import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { NodeReader } from '../../../server/src/engine/nodes';
import { coversGroup, grantedVerbs, listWords, policyRules, ruleLabel } from '../../../server/src/engine/rbac';

function rulesOf(text: string) {
  const doc = parseDocument(text, { merge: true });
  return policyRules(new NodeReader(doc), doc.contents);
}

describe('policyRules', () => {
  it('reads block and flow rules, aliases resolved', () => {
    const rules = rulesOf(
      ['rules:', '- apiGroups: [""]', '  resources: &r [pods, secrets]', '  verbs: [get]', '  resourceNames: [a]', '- {apiGroups: ["*"], resources: *r, verbs: ["*"]}'].join('\n'),
    );
    assert.equal(rules.length, 2);
    assert.deepEqual(rules[0].resources.map((r) => r.value), ['pods', 'secrets']);
    assert.deepEqual(rules[0].resourceNames, ['a']);
    assert.deepEqual(rules[1].resources.map((r) => r.value), ['pods', 'secrets']);
    assert.equal(ruleLabel(rules[1]), 'rules[1]');
    assert.equal(rules[0].resources[0].node, rules[1].resources[0].node);
  });

  it('yields nothing for an aggregated ClusterRole without rules, and skips non-map entries', () => {
    assert.deepEqual(rulesOf('aggregationRule:\n  clusterRoleSelectors: [{matchLabels: {a: b}}]\n'), []);
    // The controller overwrites the rules of an aggregated role: what is written there never takes effect.
    assert.deepEqual(rulesOf('aggregationRule: {clusterRoleSelectors: []}\nrules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]\n'), []);
    assert.deepEqual(rulesOf('rules: [x, null]\n'), []);
  });
});

describe('grantedVerbs / coversGroup', () => {
  const [explicit, wildcard, apps] = rulesOf(
    ['rules:', '- {apiGroups: [""], verbs: [get, watch, create]}', '- {apiGroups: ["*"], verbs: ["*"]}', '- {apiGroups: [apps], verbs: [Get]}'].join('\n'),
  );

  it('returns the wanted verbs that are granted, all of them for "*", case-sensitively', () => {
    assert.deepEqual(grantedVerbs(explicit, ['get', 'list', 'watch']), ['get', 'watch']);
    assert.deepEqual(grantedVerbs(wildcard, ['get', 'list']), ['get', 'list']);
    assert.deepEqual(grantedVerbs(apps, ['get']), []);
  });

  it('matches the core group, named groups and "*"', () => {
    assert.equal(coversGroup(explicit, ['']), true);
    assert.equal(coversGroup(explicit, ['apps']), false);
    assert.equal(coversGroup(wildcard, ['batch']), true);
    assert.equal(coversGroup(apps, ['apps', 'extensions']), true);
  });
});

describe('listWords', () => {
  it('joins with commas and a final "and"', () => {
    assert.equal(listWords([]), '');
    assert.equal(listWords(['get']), 'get');
    assert.equal(listWords(['get', 'list']), 'get and list');
    assert.equal(listWords(['get', 'list', 'watch']), 'get, list and watch');
  });
});
