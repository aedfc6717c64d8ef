// `npm run fuzz -- --seed N --time S [--mode engine|lsp|both] [--max-inputs K] [--input I]`:
// hostile inputs for the engine and the language server (see runner.ts). Minimised failing inputs
// go to .fuzz/; the exit code is 1 when anything failed.
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths';
import { formatSummary, runFuzz, type Mode } from './runner';

function args(argv: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument ${argv[i]}`);
    out.set(match[1], match[2] ?? argv[++i] ?? '');
  }
  return out;
}

const USAGE = 'usage: npm run fuzz -- --seed N --time S [--mode engine|lsp|both] [--max-inputs K] [--input I] [--out DIR]';

async function main(): Promise<void> {
  const given = args(process.argv.slice(2));
  if (given.has('help')) {
    console.log(USAGE);
    return;
  }
  const number = (name: string, fallback?: number): number | undefined => {
    const value = given.get(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} wants a number, not ${value}\n${USAGE}`);
    return n;
  };
  const mode = (given.get('mode') ?? 'both') as Mode;
  if (!['engine', 'lsp', 'both'].includes(mode)) throw new Error(`--mode is engine, lsp or both\n${USAGE}`);
  const seed = number('seed', 1)!;
  const time = number('time', 60)!;
  const outDir = given.get('out') ?? join(projectRoot(), '.fuzz');
  console.log(`kube-prod fuzz: seed ${seed}, ${time} s, mode ${mode}; minimised failures go to ${outDir}`);
  const report = await runFuzz({ seed, timeMs: time * 1000, mode, maxInputs: number('max-inputs'), only: number('input'), outDir, log: (line) => console.log(line) });
  console.log(formatSummary(report));
  if (report.failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 2;
});
