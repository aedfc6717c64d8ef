// Every input the fuzzer minimised (minimised.ts), in the engine: it analyses it without an exception or a rule
// error, and every quick-fix it offers parses, removes its finding and is idempotent (fix-all too).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkEngine } from './engine';
import { MINIMISED } from './minimised';
import { Rng } from './prng';

describe('inputs the fuzzer minimised', () => {
  for (const { name, text } of MINIMISED) {
    it(name, () => {
      const { failures } = checkEngine(text, new Rng(0), { maxFixes: 100, untimed: true, fixAll: true });
      assert.deepEqual(failures, []);
    });
  }
});
