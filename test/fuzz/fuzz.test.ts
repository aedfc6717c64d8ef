// The fuzzer in CI: fixed seeds and a fixed number of inputs (about a minute here), so every run
// tries the same inputs. A longer run is `npm run fuzz -- --seed N --time S` (README, Fuzzing).
// Times are printed, not asserted: pass/fail does not depend on how busy the machine is; the
// long runs and `npm run fuzz` hold the time limits (1 s per input up to 1 MB, diagnostics within 2 s).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSummary, runFuzz, type FailureReport } from './runner';

const ENGINE_SEED = 12;
const ENGINE_INPUTS = 1000;
const LSP_SEED = 1212;
const LSP_SESSIONS = 150;
/** Generous caps: the counts above decide when a run ends, these only stop a runaway one. */
const CAP_MS = 240_000;
const TIMING = new Set(['slow', 'lsp-slow-diagnostics']);

const described = (f: FailureReport): string =>
  `${f.invariant}${f.ruleId ? ` (${f.ruleId})` : ''}: input ${f.index} [${f.mutation}], minimal ${JSON.stringify(f.minimal.slice(0, 300))}: ${f.error.split('\n')[0]}`;

describe('fuzzer (fixed seeds, fixed inputs)', () => {
  it(`engine: no exception, every quick-fix offered sound (seed ${ENGINE_SEED}, ${ENGINE_INPUTS} inputs)`, async (t) => {
    const report = await runFuzz({ seed: ENGINE_SEED, timeMs: CAP_MS, maxInputs: ENGINE_INPUTS, mode: 'engine', minimiseMs: 5_000 });
    for (const line of formatSummary(report).split('\n')) t.diagnostic(line);
    assert.equal(report.engine.inputs, ENGINE_INPUTS);
    assert.deepEqual(report.failures.filter((f) => !TIMING.has(f.invariant)).map(described), []);
  });

  it(`language server: alive, answers every request, publishes for every version (seed ${LSP_SEED}, ${LSP_SESSIONS} sessions)`, async (t) => {
    const report = await runFuzz({ seed: LSP_SEED, timeMs: CAP_MS, maxInputs: LSP_SESSIONS, mode: 'lsp', minimiseMs: 5_000 });
    for (const line of formatSummary(report).split('\n')) t.diagnostic(line);
    assert.equal(report.lsp.sessions, LSP_SESSIONS);
    assert.deepEqual(report.failures.filter((f) => !TIMING.has(f.invariant)).map(described), []);
  });
});
