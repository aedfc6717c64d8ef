// `npm run bench`: engine timings on the largest corpus file and on a generated 2,000-document file,
// a 5,000-file workspace, and a Helm chart rendered and checked.
// Numbers, not pass/fail: targets are printed beside them for the reader to judge.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../server/src/engine/analyzer';
import { resolveConfig } from '../server/src/engine/config';
import { RULES } from '../server/src/rules';
import { corpusDir, projectRoot, yamlFiles } from '../test/helpers/paths';
import { benchBuild } from './buildBench';
import { benchWorkspace } from './workspaceBench';
import { computeChecklist } from '../server/src/engine/workspace/checklist';

const ROOT = projectRoot();
const CORPUS = corpusDir();

const gc = (globalThis as { gc?: () => void }).gc;

function timed(fn: () => void): number {
  gc?.();
  const start = performance.now();
  fn();
  return performance.now() - start;
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median of `runs` timings of `fn`, after one warm-up run, each after a full GC when --expose-gc is on. */
function median(runs: number, fn: () => void): number {
  fn();
  return middle(Array.from({ length: runs }, () => timed(fn)));
}

/**
 * Times two functions in alternation, so that both see the same machine load, and returns
 * their medians and the median of the per-pair ratios (b / a).
 */
function paired(runs: number, a: () => void, b: () => void): { a: number; b: number; ratio: number; spread: [number, number] } {
  a();
  b();
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ta = timed(a);
    const tb = timed(b);
    as.push(ta);
    bs.push(tb);
    ratios.push(tb / ta);
  }
  const sorted = [...ratios].sort((x, y) => x - y);
  return { a: middle(as), b: middle(bs), ratio: middle(ratios), spread: [sorted[Math.floor(runs / 4)], sorted[Math.floor((3 * runs) / 4)]] };
}

const newAnalyzer = (): Analyzer => new Analyzer({ rules: RULES, config: resolveConfig(RULES) });

/** A 2,000-document file made of the corpus's own workloads and services, renamed so no two are alike. */
function generatedFile(documents: number): string {
  const sources: string[] = [];
  for (const dir of ['microservices-demo/kubernetes-manifests', 'kube-prometheus/manifests']) {
    for (const file of yamlFiles(join(CORPUS, dir))) {
      for (const doc of readFileSync(file, 'utf8').split(/^---\s*$/m)) {
        if (/^kind: (Deployment|Service|DaemonSet|ServiceAccount|NetworkPolicy|PodDisruptionBudget)\s*$/m.test(doc)) sources.push(doc.trim());
      }
    }
  }
  const out: string[] = [];
  for (let i = 0; i < documents; i++) out.push(sources[i % sources.length].replace(/^(  name: )(\S+)/m, `$1$2-${i}`));
  return `${out.join('\n---\n')}\n`;
}

/** Changes one line of the document in the middle, as a keystroke would. */
function editMiddle(text: string): string {
  const at = text.indexOf('\n---\n', Math.floor(text.length / 2));
  const name = text.indexOf('  name: ', at);
  return `${text.slice(0, name)}  name: edited-${text.slice(name + 8)}`;
}

function measure(label: string, text: string, runs: number): void {
  const docs = parseAllDocuments(text).length ?? 0;
  const { a: bare, b: cold, ratio, spread } = paired(runs, () => parseAllDocuments(text), () => newAnalyzer().analyze(text));
  const warm = newAnalyzer();
  warm.analyze(text, 'bench');
  const edited = editMiddle(text);
  let flip = false;
  const edit = median(21, () => {
    flip = !flip;
    warm.analyze(flip ? edited : text, 'bench');
  });
  const findings = newAnalyzer().analyze(text).findings.length;
  console.log(`\n${label}: ${(text.length / 1024).toFixed(0)} KiB, ${docs} documents, ${findings} findings`);
  console.log(`  bare yaml parse (parseAllDocuments)   ${bare.toFixed(1)} ms`);
  console.log(`  cold full analysis                    ${cold.toFixed(1)} ms   ratio ${ratio.toFixed(2)}x   (target <= 1.30x; middle half of the ${runs} pairs ${spread[0].toFixed(2)}-${spread[1].toFixed(2)}x)`);
  console.log(`  re-analysis after a one-document edit ${edit.toFixed(2)} ms   (target <= 20 ms on the 2,000-document file)`);
}

/**
 * The first analysis in a fresh process, as a server's first file gets it: the parser, the rules
 * and the schema all cold (the bundled schema is read and each kind's validator compiled on first
 * use, a cost the warm pairs above no longer pay), against one parse in a fresh process. Each in
 * child processes, median of 3.
 */
function measureFirstUse(file: string): void {
  const script = (mode: 'parse' | 'on' | 'off'): string =>
    [
      `const { parseAllDocuments } = require(${JSON.stringify(require.resolve('yaml'))});`,
      `const { Analyzer } = require(${JSON.stringify(require.resolve('../server/src/engine/analyzer'))});`,
      `const { resolveConfig } = require(${JSON.stringify(require.resolve('../server/src/engine/config'))});`,
      `const { RULES } = require(${JSON.stringify(require.resolve('../server/src/rules'))});`,
      `const text = require('fs').readFileSync(${JSON.stringify(file)}, 'utf8');`,
      `const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES, { schemaValidation: ${mode === 'on'} }) });`,
      'const start = performance.now();',
      mode === 'parse' ? 'parseAllDocuments(text);' : 'analyzer.analyze(text);',
      'process.stdout.write(String(performance.now() - start));',
    ].join('\n');
  const run = (mode: 'parse' | 'on' | 'off'): number => middle([0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script(mode)], { encoding: 'utf8' }))));
  const parse = run('parse');
  const on = run('on');
  const off = run('off');
  console.log(`\n${relative(ROOT, file)}, the first analysis in a fresh process:`);
  console.log(`  bare yaml parse, cold                 ${parse.toFixed(1)} ms`);
  console.log(`  analysis with schema validation       ${on.toFixed(1)} ms   ratio ${(on / parse).toFixed(2)}x   (target <= 1.50x; the schema read and its kinds compiled on first use)`);
  console.log(`  analysis without it                   ${off.toFixed(1)} ms   ratio ${(off / parse).toFixed(2)}x`);
}

let largest = '';
for (const file of yamlFiles(CORPUS)) if (!largest || statSync(file).size > statSync(largest).size) largest = file;
console.log(`kube-prod engine benchmark: ${RULES.length} rules, node ${process.version}`);
// This machine's timings wander by ±20% from run to run: many pairs make the median ratio steadier.
measure(`largest corpus file (${relative(ROOT, largest)})`, readFileSync(largest, 'utf8'), 15);
measure('generated file', generatedFile(2000), 31);
measureFirstUse(join(CORPUS, 'argo-cd', 'install.yaml'));
console.log(`\npeak memory (max RSS of this process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

benchWorkspace(CORPUS, { checklist: (workspace) => computeChecklist(workspace, undefined) });
console.log(`\npeak memory after the workspace benchmark (max RSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

benchBuild().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
