// Several builds over the same source files: one finding per line and rule, and words that say
// which overlays have it when not all do.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeBuilds, type FindingsByFile } from '../../../server/src/engine/build/check';
import { findingOrder } from '../../../server/src/engine/order';
import type { Finding } from '../../../server/src/engine/types';
import { RULES } from '../../../server/src/rules';

const ORDER = findingOrder(RULES);

const at = (line: number, message: string, ruleId = 'replicas-too-few'): Finding => ({
  ruleId,
  severity: 'warning',
  message,
  range: { start: { line, character: 0 }, end: { line, character: 4 } },
});
const build = (label: string, findings: Finding[]): { label: string; findings: FindingsByFile } => ({ label, findings: new Map([['/base/web.yaml', findings]]) });
const messages = (merged: FindingsByFile): string[] => (merged.get('/base/web.yaml') ?? []).map((f) => f.message);
const allThree = (): string[] => ['dev', 'prod', 'staging'];

describe('mergeBuilds', () => {
  it('a finding every overlay has is one finding, without a note', () => {
    const merged = mergeBuilds([build('dev', [at(3, 'runs 1 replica')]), build('prod', [at(3, 'runs 1 replica')]), build('staging', [at(3, 'runs 1 replica')])], allThree, ORDER);
    assert.deepEqual(messages(merged), ['runs 1 replica']);
  });

  it('a finding only some overlays have says which', () => {
    const merged = mergeBuilds([build('dev', [at(3, 'runs 1 replica')]), build('prod', []), build('staging', [at(3, 'runs 1 replica')])], allThree, ORDER);
    assert.deepEqual(messages(merged), ['runs 1 replica (in dev, staging)']);
  });

  it('the same finding in each overlay\'s own words is one finding that says so', () => {
    const merged = mergeBuilds([build('dev', [at(3, 'namespace "dev"')]), build('prod', [at(3, 'namespace "prod"')]), build('staging', [at(3, 'namespace "prod"')])], allThree, ORDER);
    assert.deepEqual(messages(merged), ['namespace "dev" (in dev; likewise in prod, staging)']);
  });

  it('two findings of one build on one line (two objects from one line) stay two', () => {
    const merged = mergeBuilds([build('dev', [at(3, 'Deployment "a"'), at(3, 'Deployment "b"')])], () => ['dev'], ORDER);
    assert.deepEqual(messages(merged), ['Deployment "a"', 'Deployment "b"']);
  });
});
