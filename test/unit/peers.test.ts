// The peer catalogue and the rules' `peers` agree: docs/peers.md, generated from both, then names a
// kube-prod rule or a reason for every check of kube-linter, kube-score and Polaris.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PEER_TOOLS } from '../../server/src/engine/rule';
import { RULES } from '../../server/src/rules';
import { PEER_CATALOGUE } from '../../server/src/rules/peers/catalogue';

describe('peer catalogue', () => {
  for (const tool of PEER_TOOLS) {
    const checks = PEER_CATALOGUE[tool].checks;
    const mappedBy = (id: string): string[] => RULES.filter((rule) => rule.meta.peers?.[tool]?.includes(id)).map((rule) => rule.meta.id);

    it(`${tool}: every check a rule names is in the catalogue`, () => {
      const known = new Set(checks.map((check) => check.id));
      const unknown = RULES.flatMap((rule) => (rule.meta.peers?.[tool] ?? []).filter((id) => !known.has(id)).map((id) => `${rule.meta.id} -> ${id}`));
      assert.deepEqual(unknown, []);
    });

    it(`${tool}: every check is covered by a rule or says why none does, never both`, () => {
      for (const check of checks) {
        const rules = mappedBy(check.id);
        assert.ok(check.description.length > 5, `${check.id}: a description`);
        if (rules.length > 0) {
          assert.equal(check.reason, undefined, `${check.id} is covered by ${rules.join(', ')}: no reason`);
        } else {
          assert.ok(check.reason && check.reason.length > 10, `${check.id}: covered by no rule, so it needs a reason`);
          assert.equal(check.note, undefined, `${check.id}: a note is about a covering rule`);
        }
      }
    });

    it(`${tool}: check ids are unique and no rule names one twice`, () => {
      const ids = checks.map((check) => check.id);
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
      for (const rule of RULES) {
        const named = rule.meta.peers?.[tool] ?? [];
        assert.equal(new Set(named).size, named.length, `${rule.meta.id}: ${tool} checks listed once`);
      }
    });
  }
});
