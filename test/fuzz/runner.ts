// The fuzzer's loop, shared by the command (test/fuzz/fuzz.ts) and the CI test (fuzz.test.ts):
// inputs by seed and index, the invariants of each mode, minimisation and the report.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { checkEngine, describeError, type EngineResult, type Failure } from './engine';
import type { EngineJob } from './engineWorker';
import { LspFuzzer } from './lsp';
import { minimise } from './minimise';
import { generate, loadCorpus, type Generated } from './mutations';
import { Rng } from './prng';

export type Mode = 'engine' | 'lsp' | 'both';

export interface FuzzOptions {
  seed: number;
  /** Total time budget in ms (split evenly between the modes for `both`). */
  timeMs: number;
  mode: Mode;
  /** Stop each mode after this many inputs. */
  maxInputs?: number;
  /** Only this input index (a replay of a reported failure). */
  only?: number;
  /** Where minimised inputs go (default: none written). */
  outDir?: string;
  /** LSP sessions run side by side on the one server (default 4). */
  lspConcurrency?: number;
  /** Time allowed to minimise one failure (default 20 s). */
  minimiseMs?: number;
  log?: (line: string) => void;
}

export interface FailureReport extends Failure {
  mode: 'engine' | 'lsp';
  seed: number;
  index: number;
  mutation: string;
  /** Size of the input as generated and as minimised. */
  size: number;
  minimal: string;
  /** Where the minimal input was written, if it was. */
  file?: string;
  /** Further inputs that failed the same way (not minimised again). */
  repeats: number;
}

export interface ModeSummary {
  inputs: number;
  /** LSP: sessions run (= inputs); engine: quick-fixes judged. */
  fixes: number;
  sessions: number;
  restarts: number;
  ms: number;
  slowest: { ms: number; index: number; mutation: string; size: number };
}

export interface FuzzReport {
  seed: number;
  engine: ModeSummary;
  lsp: ModeSummary;
  failures: FailureReport[];
}

const emptySummary = (): ModeSummary => ({ inputs: 0, fixes: 0, sessions: 0, restarts: 0, ms: 0, slowest: { ms: 0, index: -1, mutation: '', size: 0 } });

/** The failure's class: a second input failing the same way is counted, not minimised again. */
export function classOf(failure: Failure): string {
  const head = failure.error.split('\n')[0].replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 160);
  // A rule error is classed by its error alone: one merge-key overflow throws in many rules.
  if (failure.invariant === 'rule-error') return `${failure.invariant}:${head}`;
  return failure.invariant === 'exception' || failure.invariant === 'fix-exception' || failure.invariant === 'fix-all'
    ? `${failure.invariant}:${failure.ruleId ?? ''}:${head}`
    : `${failure.invariant}:${failure.ruleId ?? ''}`;
}

/** An input that has not finished after this long is a hang: its worker is stopped. */
export const HANG_MS = 30_000;

/**
 * Runs inputs [from, to) in a worker thread with the main thread's stack size (about 1 MB, as the
 * language server and the CLI have). Resolves undefined when the worker ran out of inputs or time,
 * or with the input that hung or crashed it.
 */
function engineWorker(job: EngineJob, onResult: (index: number, mutation: string, size: number, result: EngineResult) => void): Promise<{ index: number; failure: Failure } | undefined> {
  return new Promise((resolve) => {
    const worker = new Worker(join(__dirname, 'engineWorker.js'), { workerData: job, resourceLimits: { stackSizeMb: 1, maxOldGenerationSizeMb: 2048 } });
    let current = job.from;
    let last = Date.now();
    let settled = false;
    const settle = (value: { index: number; failure: Failure } | undefined): void => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      void worker.terminate();
      resolve(value);
    };
    const timer = setInterval(() => {
      if (Date.now() - last > HANG_MS) settle({ index: current, failure: { invariant: 'hang', error: `input ${current} has not finished after ${HANG_MS / 1000} s` } });
    }, 1000);
    worker.on('message', (message: { type: 'start' | 'done' | 'end'; index: number; mutation: string; size: number; result: EngineResult }) => {
      if (message.type === 'start') current = message.index;
      else if (message.type === 'done') onResult(message.index, message.mutation, message.size, message.result);
      else settle(undefined);
      last = Date.now();
    });
    worker.on('error', (error) => settle({ index: current, failure: { invariant: 'crash', error: `the engine worker died: ${describeError(error)}` } }));
    worker.on('exit', (code) => settle(code === 0 ? undefined : { index: current, failure: { invariant: 'crash', error: `the engine worker exited with code ${code}` } }));
  });
}

export function inputOf(seed: number, index: number): Generated & { rng: Rng } {
  const rng = Rng.forInput(seed, index);
  return { ...generate(rng, loadCorpus()), rng };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const log = options.log ?? (() => undefined);
  const report: FuzzReport = { seed: options.seed, engine: emptySummary(), lsp: emptySummary(), failures: [] };
  const seen = new Map<string, FailureReport>();
  const share = options.mode === 'both' ? options.timeMs / 2 : options.timeMs;

  const record = (mode: 'engine' | 'lsp', index: number, input: Generated, failure: Failure, shrink: (text: string) => string): void => {
    const cls = `${mode}:${classOf(failure)}`;
    const known = seen.get(cls);
    if (known) {
      known.repeats++;
      return;
    }
    log(`FAIL ${mode} seed ${options.seed} input ${index} [${input.mutation}] ${failure.invariant}${failure.ruleId ? ` (${failure.ruleId})` : ''}: ${failure.error.split('\n')[0]}`);
    const minimal = shrink(input.text);
    const entry: FailureReport = { ...failure, mode, seed: options.seed, index, mutation: input.mutation, size: input.text.length, minimal, repeats: 0 };
    if (options.outDir) {
      mkdirSync(options.outDir, { recursive: true });
      const base = join(options.outDir, `${mode}-seed${options.seed}-input${index}-${failure.invariant}${failure.ruleId ? `-${failure.ruleId}` : ''}`);
      writeFileSync(`${base}.yaml`, minimal);
      writeFileSync(`${base}.json`, `${JSON.stringify({ ...entry, minimal: undefined }, null, 2)}\n`);
      entry.file = `${base}.yaml`;
    }
    log(`  minimised ${input.text.length} → ${minimal.length} characters${entry.file ? `: ${entry.file}` : ''}: ${JSON.stringify(minimal.slice(0, 200))}`);
    seen.set(cls, entry);
    report.failures.push(entry);
  };

  const indices = function* (): Generator<number> {
    if (options.only !== undefined) yield options.only;
    else for (let i = 0; i < (options.maxInputs ?? Infinity); i++) yield i;
  };

  if (options.mode !== 'lsp') {
    const summary = report.engine;
    const start = performance.now();
    const deadline = Date.now() + share;
    const shrinkEngine = (failure: Failure) => (text: string): string =>
      minimise(
        text,
        (candidate) =>
          checkEngine(candidate, new Rng(0), {
            maxFixes: failure.invariant === 'fix-all' ? 0 : Infinity,
            onlyRule: failure.ruleId,
            untimed: failure.invariant !== 'slow',
            fixAll: failure.invariant === 'fix-all',
          }).failures.some((f) => classOf(f) === classOf(failure)),
        { ms: options.minimiseMs },
      );
    const onResult = (index: number, mutation: string, size: number, result: EngineResult): void => {
      summary.inputs++;
      summary.fixes += result.fixes;
      if (result.ms > summary.slowest.ms) summary.slowest = { ms: result.ms, index, mutation, size };
      if (result.failures.length > 0) {
        const input = inputOf(options.seed, index);
        for (const failure of result.failures) record('engine', index, input, failure, shrinkEngine(failure));
      }
      if (summary.inputs % 1000 === 0) log(`engine: ${summary.inputs} inputs, ${report.failures.length} failures, slowest ${summary.slowest.ms.toFixed(0)} ms`);
    };
    let from = options.only ?? 0;
    const to = options.only !== undefined ? options.only + 1 : (options.maxInputs ?? Number.MAX_SAFE_INTEGER);
    while (from < to && Date.now() < deadline) {
      const stopped = await engineWorker({ seed: options.seed, from, to, deadline }, onResult);
      if (!stopped) break;
      // The input never ended, or took the worker down: not minimised (each try could take as long).
      const input = inputOf(options.seed, stopped.index);
      summary.inputs++;
      record('engine', stopped.index, input, stopped.failure, (text) => text);
      from = stopped.index + 1;
    }
    summary.ms = performance.now() - start;
  }

  if (options.mode !== 'engine') {
    const summary = report.lsp;
    const start = performance.now();
    const fuzzer = new LspFuzzer();
    const pending: Array<{ index: number; input: Generated; failure: Failure }> = [];
    try {
      // Several sessions side by side on the one server (files open together, as in an editor):
      // the debounce waits overlap. Minimisation waits for the end, so as not to stall the sessions.
      const next = indices();
      const inFlight = new Set<Promise<void>>();
      const concurrency = options.only !== undefined ? 1 : (options.lspConcurrency ?? 4);
      let done = false;
      while (!done) {
        while (inFlight.size < concurrency && !done) {
          if (fuzzer.needsRestart) break;
          const step = next.next();
          if (step.done || performance.now() - start > share) {
            done = true;
            break;
          }
          const index = step.value;
          const input = inputOf(options.seed, index);
          const run = fuzzer.session(input.text, input.rng).then((result) => {
            summary.inputs++;
            summary.sessions++;
            if (result.ms > summary.slowest.ms) summary.slowest = { ms: result.ms, index, mutation: input.mutation, size: input.text.length };
            for (const failure of result.failures) pending.push({ index, input, failure });
            if (summary.sessions % 500 === 0) log(`lsp: ${summary.sessions} sessions, ${pending.length} failing sessions so far, slowest ${summary.slowest.ms.toFixed(0)} ms`);
          });
          const tracked = run.finally(() => inFlight.delete(tracked));
          inFlight.add(tracked);
        }
        if (fuzzer.needsRestart) {
          await Promise.all(inFlight);
          fuzzer.restart();
        } else if (inFlight.size > 0) await Promise.race(inFlight);
        if (done) await Promise.all(inFlight);
      }
    } finally {
      summary.restarts = fuzzer.restarts;
      summary.ms = performance.now() - start;
      fuzzer.dispose();
    }
    // Each class of failure once, in input order: a failure of a session run beside the culprit
    // (a server that died under another input) has a higher index and is counted as a repeat.
    pending.sort((a, b) => a.index - b.index);
    for (const { index, input, failure } of pending) {
      record('lsp', index, input, failure, (text) => shrinkLspInput(text, Date.now() + Math.min(options.minimiseMs ?? 20_000, 30_000)));
    }
  }
  return report;
}

/**
 * LSP failures are not minimised over the server (each try is a session of seconds); the input is
 * minimised against the engine if the engine fails on it too, else kept whole.
 */
function shrinkLspInput(text: string, deadline: number): string {
  const engineFails = checkEngine(text, new Rng(0), { maxFixes: 0, untimed: false }).failures;
  if (engineFails.length === 0) return text;
  const target = classOf(engineFails[0]);
  return minimise(text, (candidate) => checkEngine(candidate, new Rng(0), { maxFixes: 0, untimed: !target.startsWith('slow') }).failures.some((f) => classOf(f) === target), {
    ms: Math.max(1000, deadline - Date.now()),
  });
}

export function formatSummary(report: FuzzReport): string {
  const out: string[] = [`fuzz summary (seed ${report.seed})`];
  const line = (name: string, s: ModeSummary, extra: string): void => {
    if (s.inputs === 0) return;
    out.push(
      `  ${name}: ${s.inputs} inputs in ${(s.ms / 1000).toFixed(1)} s${extra}; slowest ${s.slowest.ms.toFixed(0)} ms (input ${s.slowest.index}, ${s.slowest.size} characters, ${s.slowest.mutation})`,
    );
  };
  line('engine', report.engine, `, ${report.engine.fixes} quick-fixes judged`);
  line('lsp', report.lsp, `, ${report.lsp.sessions} sessions, ${report.lsp.restarts} server restarts`);
  out.push(`  failures: ${report.failures.length} distinct${report.failures.length ? '' : ' (none)'}`);
  for (const f of report.failures) {
    out.push(`  - ${f.mode} ${f.invariant}${f.ruleId ? ` (${f.ruleId})` : ''}: seed ${f.seed} input ${f.index} [${f.mutation}]${f.repeats ? `, and ${f.repeats} more like it` : ''}`);
    out.push(`    ${f.error.split('\n')[0]}`);
    out.push(`    minimal input (${f.minimal.length} of ${f.size} characters)${f.file ? ` in ${f.file}` : ''}: ${JSON.stringify(f.minimal.length > 300 ? `${f.minimal.slice(0, 300)}…` : f.minimal)}`);
  }
  return out.join('\n');
}
