import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { NodeReader } from '../../../server/src/engine/nodes';
import { coversGroup, grantedVerbs, grantingItem, listWords, policyRules, ruleLabel, throughWildcard } from '../../../server/src/engine/rbac';

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

describe('grantingItem / throughWildcard', () => {
  const [exact, wildcard, subresource, trailing] = rulesOf(
    ['rules:', '- {resources: ["*", secrets, pods/exec]}', '- {resources: ["*"]}', '- {resources: ["*/exec"]}', '- {resources: ["pods/*"]}'].join('\n'),
  );
  const granting = (rule: (typeof exact), resource: string): string | undefined => grantingItem(rule, resource)?.value;

  it('matches as the RBAC authorizer does, preferring the exact item', () => {
    assert.equal(granting(exact, 'secrets'), 'secrets');
    assert.equal(granting(exact, 'pods/exec'), 'pods/exec');
    assert.equal(granting(exact, 'pods/attach'), '*');
    assert.equal(granting(wildcard, 'pods/exec'), '*');
    assert.equal(granting(subresource, 'pods/exec'), '*/exec');
    assert.equal(granting(subresource, 'pods/attach'), undefined);
    assert.equal(granting(subresource, 'exec'), undefined);
    // No trailing wildcard in RBAC: pods/* matches a subresource literally named "*" only.
    assert.equal(granting(trailing, 'pods/exec'), undefined);
  });

  it('says when the grant comes through a wildcard', () => {
    assert.equal(throughWildcard(grantingItem(exact, 'secrets')!, 'secrets'), '');
    assert.equal(throughWildcard(grantingItem(wildcard, 'secrets')!, 'secrets'), ' through resources "*"');
    assert.equal(throughWildcard(grantingItem(subresource, 'pods/exec')!, 'pods/exec'), ' through resources "*/exec"');
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
