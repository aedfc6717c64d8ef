// The fuzzer in CI: a fixed small budget with fixed seeds (about 45 s of engine inputs and 15 s of
// language-server sessions). A longer run is `npm run fuzz -- --seed N --time S` (README, Fuzzing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, runFuzz } from './runner';

const ENGINE_SEED = 12;
const LSP_SEED = 1212;

describe('fuzzer (fixed seeds, small budget)', () => {
  it(`engine: no exception, no input over 1 s, every quick-fix sound (seed ${ENGINE_SEED}, 45 s)`, async (t) => {
    const report = await runFuzz({ seed: ENGINE_SEED, timeMs: 45_000, mode: 'engine', minimiseMs: 5_000 });
    for (const line of formatSummary(report).split('\n')) t.diagnostic(line);
    assert.ok(report.engine.inputs > 100, `only ${report.engine.inputs} inputs were tried`);
    assert.deepEqual(report.failures.map((f) => `${f.invariant}${f.ruleId ? ` (${f.ruleId})` : ''}: input ${f.index} [${f.mutation}], minimal ${JSON.stringify(f.minimal.slice(0, 300))}: ${f.error.split('\n')[0]}`), []);
  });

  it(`language server: alive, answers, publishes within 2 s (seed ${LSP_SEED}, 15 s)`, async (t) => {
    const report = await runFuzz({ seed: LSP_SEED, timeMs: 15_000, mode: 'lsp', minimiseMs: 5_000 });
    for (const line of formatSummary(report).split('\n')) t.diagnostic(line);
    assert.ok(report.lsp.sessions > 10, `only ${report.lsp.sessions} sessions were run`);
    assert.deepEqual(report.failures.map((f) => `${f.invariant}: input ${f.index} [${f.mutation}], minimal ${JSON.stringify(f.minimal.slice(0, 300))}: ${f.error.split('\n')[0]}`), []);
  });
});
