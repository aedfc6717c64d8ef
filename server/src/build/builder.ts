// Builds every Helm chart and kustomize root among a set of files with the user's own tools, checks
// what they render as applications, and gives back findings on the source lines. Shared by the CLI
// and the language server; the engine parts it drives are pure.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { ResolvedConfig } from '../engine/config';
import { BUILD_FAILED_RULE_ID } from '../engine/build/buildFailed';
import { checkBuild, mergeBuilds, type BuildFindings, type CheckedBuild, type FindingsByFile } from '../engine/build/check';
import { helmMapper, splitHelmOutput } from '../engine/build/helm';
import { kustomizeMapper, readKustomizeOutput, type BuiltObject } from '../engine/build/kustomize';
import { liteKustomize } from '../engine/build/liteKustomize';
import { planKustomize, type BuildRole, type FileTree, type KustomizePlan } from '../engine/build/tree';
import type { AnyRule } from '../engine/rule';
import { findingOrder } from '../engine/order';
import type { Finding } from '../engine/types';
import { findHelm, findKustomize, run, type KustomizeTool, type RunResult } from './tools';

export interface BuildRequest {
  /** Kustomization files (kustomization.yaml...) and Chart.yaml files, absolute. */
  kustomizationFiles: readonly string[];
  chartFiles: readonly string[];
  tree: FileTree;
  rules: readonly AnyRule[];
  config: ResolvedConfig;
  /** False: do not run helm or kustomize (--no-render); kustomizations are still applied directly. */
  render: boolean;
  helmPath?: string;
  kustomizePath?: string;
  /** The values files the user names for a chart (absolute), after the chart's own values.yaml. */
  valuesFiles?: (chartDir: string) => readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
  /** Roots are named relative to this directory in messages (`in overlays/production`). */
  labelBase: string;
  /** Tool outputs by tool, arguments and content of every input: a build whose inputs did not change is not run again. */
  cache?: Map<string, RunResult>;
  onProgress?: (message: string) => void;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface BuildResult {
  /** What each file is to the builds; a file with a role is not checked on its own. */
  roleOf(file: string): BuildRole | undefined;
  /** Findings on source files (templates, values, bases, patches, kustomizations). */
  findings: FindingsByFile;
  /** Each build as an application of its own (for the checklist), with the name users know it by. */
  applications: Array<{ label: string } & Omit<CheckedBuild, 'findings'>>;
  /** Said once to the user: a tool is missing, so some builds were not rendered. */
  notices: string[];
  /** Charts and kustomize roots rendered by the real tool, applied directly, or failed. */
  counts: { rendered: number; direct: number; failed: number };
  cancelled: boolean;
}

const CHART_FILE = 'Chart.yaml';

/** A chart inside another chart's charts/ folder is rendered as part of its parent. */
function isSubchart(chartDir: string, chartDirs: ReadonlySet<string>): boolean {
  for (let dir = dirname(chartDir); dir !== dirname(dir); dir = dirname(dir)) {
    if (chartDirs.has(dir) && relative(dir, chartDir).split(sep)[0] === 'charts') return true;
  }
  return false;
}

const isUnder = (file: string, dir: string): boolean => file === dir || file.startsWith(dir + sep);

/** A hash of files' contents as on disk, where the tools read them. */
function hashFiles(files: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const file of [...new Set(files)].sort()) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = '\u0001missing';
    }
    hash.update(file).update('\0').update(text).update('\0');
  }
  return hash.digest('hex');
}

/** Every file under a directory on disk (a chart is small; helm reads it from disk too). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** The files directly in a directory (not below it). */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(dir, e.name));
  } catch {
    return [];
  }
}

/** Files a kustomize root reads: every kustomization it reaches and the files they name. */
function kustomizeInputs(plan: KustomizePlan, root: string): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    const node = plan.nodes.get(dir);
    if (!node || seen.has(dir)) return;
    seen.add(dir);
    // Beside the files it names, whatever sits in its folder: transformer and generator
    // configuration, files: and envs: of generators, replacements.
    files.push(node.file, ...node.resourceFiles, ...node.patches.flatMap((p) => (p.file ? [p.file] : [])), ...filesIn(dir));
    node.includes.forEach(visit);
  };
  visit(root);
  return files;
}

/**
 * Runs a tool, or gives its output for the same inputs again. `inputs` names what the output
 * depends on besides the tool; it is only computed when there is a cache to look in.
 */
async function cachedRun(request: BuildRequest, path: string, args: string[], inputs: () => string): Promise<RunResult> {
  const key = request.cache ? `${path}\0${inputs()}` : undefined;
  const hit = key !== undefined ? request.cache?.get(key) : undefined;
  if (hit) return hit;
  const result = await run(path, args, { timeoutMs: request.timeoutMs, signal: request.signal });
  if (key !== undefined && !result.cancelled && !result.timedOut) request.cache?.set(key, result);
  return result;
}

/** kustomize's output with origin annotations: a throw-away kustomization that includes the root and asks for them. */
async function renderKustomize(request: BuildRequest, tool: KustomizeTool, plan: KustomizePlan, root: string): Promise<{ result: RunResult; objects?: BuiltObject[] }> {
  const wrapper = mkdtempSync(join(tmpdir(), 'kube-prod-kustomize-'));
  try {
    const target = relative(wrapper, root).split(sep).join('/');
    writeFileSync(join(wrapper, 'kustomization.yaml'), `resources:\n- ${JSON.stringify(target)}\nbuildMetadata: [originAnnotations]\n`);
    const args = tool.flavour === 'kubectl' ? ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', wrapper] : ['build', '--load-restrictor', 'LoadRestrictionsNone', wrapper];
    // The wrapper's path changes every time; the cache key names the root instead.
    const result = await cachedRun(request, tool.path, args, () => `${tool.flavour}\0${root}\0${hashFiles(kustomizeInputs(plan, root))}`);
    if (result.code !== 0) return { result };
    return { result, objects: readKustomizeOutput(result.stdout, wrapper) };
  } finally {
    rmSync(wrapper, { recursive: true, force: true });
  }
}

/** helm's and kustomize's errors as one finding on the file and line they name, or on the build's own file. */
function failure(request: BuildRequest, fallbackFile: string, chartDir: string | undefined, result: RunResult, tool: string): { file: string; finding: Finding } {
  const stderr = result.timedOut
    ? `${tool} did not finish within ${request.timeoutMs} ms`
    : result.code === null
      ? `${tool} could not be started: ${result.stderr.trim()}`
      : result.stderr.trim().replace(/^Error:\s*/, '') || `${tool} exited with code ${result.code}`;
  const message = `${tool} failed: ${stderr.split('\n').slice(0, 6).join('\n')}`;
  let file = fallbackFile;
  let line = 0;
  let column = 0;
  // helm names `<chart>/templates/x.yaml:12:20` (or `(…:12:20)`), the chart's own name first.
  const named = chartDir ? /([\w.-]+\/(?:templates|charts)\/[^\s:()]+):(\d+)(?::(\d+))?/.exec(stderr) : null;
  if (named && chartDir) {
    const candidate = join(chartDir, named[1].slice(named[1].indexOf('/') + 1));
    if (request.tree.read(candidate) !== undefined) {
      file = candidate;
      line = Math.max(0, Number(named[2]) - 1);
      column = named[3] ? Math.max(0, Number(named[3]) - 1) : 0;
    }
  }
  const lineText = (request.tree.read(file) ?? '').split('\n')[line] ?? '';
  const start = Math.min(column, lineText.length);
  const end = Math.max(start, lineText.trimEnd().length);
  const setting = request.config.rules.get(BUILD_FAILED_RULE_ID);
  return {
    file,
    finding: {
      ruleId: BUILD_FAILED_RULE_ID,
      severity: setting?.severity ?? 'error',
      message,
      range: { start: { line, character: start }, end: { line, character: end } },
    },
  };
}

const label = (dir: string, base: string): string => {
  const path = relative(base, dir).split(sep).join('/');
  return path === '' ? '.' : path;
};

export async function buildAll(request: BuildRequest): Promise<BuildResult> {
  const notices: string[] = [];
  const counts = { rendered: 0, direct: 0, failed: 0 };
  const failed: FindingsByFile = new Map();
  const addFailure = ({ file, finding }: { file: string; finding: Finding }): void => {
    counts.failed++;
    if (!request.config.rules.get(BUILD_FAILED_RULE_ID)?.enabled) return;
    failed.set(file, [...(failed.get(file) ?? []), finding]);
  };
  const engine = { rules: request.rules, config: request.config, tree: request.tree, onRuleError: request.onRuleError };

  // kustomize
  const plan = planKustomize(request.kustomizationFiles, request.tree);
  const kustomize = request.render && plan.roots.length > 0 ? findKustomize(request.kustomizePath) : undefined;
  if (plan.roots.length > 0 && !kustomize) {
    notices.push(
      request.render
        ? `kustomize overlays were not rendered: neither kustomize nor kubectl was found${request.kustomizePath ? ` (${request.kustomizePath})` : ' on PATH'}; their namespace, images and replicas were applied directly, their patches were not. Install kustomize or kubectl, or set its path (kubeProd.kustomizePath, --kustomize).`
        : 'kustomize overlays were not rendered (rendering is off); their namespace, images and replicas were applied directly, their patches were not.',
    );
  }
  const builds: BuildFindings[] = [];
  const applications: BuildResult['applications'] = [];
  for (const root of plan.roots) {
    if (request.signal?.aborted) break;
    request.onProgress?.(`kustomize ${label(root, request.labelBase)}`);
    let objects: BuiltObject[] | undefined;
    let rendered = false;
    if (kustomize) {
      const { result, objects: built } = await renderKustomize(request, kustomize, plan, root);
      if (result.cancelled) break;
      if (!built) {
        addFailure(failure(request, plan.nodes.get(root)!.file, undefined, result, 'kustomize'));
        continue;
      }
      objects = built;
      rendered = true;
      counts.rendered++;
    } else {
      objects = liteKustomize(plan, root, request.tree);
      counts.direct++;
    }
    const checked = checkBuild(objects, kustomizeMapper(objects, plan, root, request.tree, rendered), engine);
    builds.push({ label: label(root, request.labelBase), findings: checked.findings });
    applications.push({ label: label(root, request.labelBase), workspace: checked.workspace, locate: checked.locate });
  }
  const rootLabels = new Map<string, string[]>();
  for (const [file, roots] of plan.rootsOf) rootLabels.set(file, roots.map((root) => label(root, request.labelBase)));
  const kustomizeFindings = mergeBuilds(builds, (file) => rootLabels.get(file) ?? [], findingOrder(request.rules));

  // Helm
  const chartDirs = new Set(request.chartFiles.map((file) => dirname(file)));
  const charts = [...chartDirs].filter((dir) => !isSubchart(dir, chartDirs)).sort();
  const helm = request.render && charts.length > 0 ? findHelm(request.helmPath) : undefined;
  if (charts.length > 0 && !helm) {
    notices.push(
      request.render
        ? `Helm charts were not rendered: helm was not found${request.helmPath ? ` (${request.helmPath})` : ' on PATH'}, so their templates were not checked. Install helm, or set its path (kubeProd.helmPath, --helm).`
        : 'Helm charts were not rendered (rendering is off), so their templates were not checked.',
    );
  }
  const renderedCharts: string[] = [];
  const helmFindings: FindingsByFile = new Map();
  for (const chartDir of helm ? charts : []) {
    if (request.signal?.aborted) break;
    request.onProgress?.(`helm template ${label(chartDir, request.labelBase)}`);
    const userValues = request.valuesFiles?.(chartDir) ?? [];
    const args = ['template', chartDir, '--skip-tests', ...userValues.flatMap((file) => ['--values', file])];
    const result = await cachedRun(request, helm!, args, () => `${args.join('\0')}\0${hashFiles([...filesUnder(chartDir), ...userValues])}`);
    if (result.cancelled) break;
    renderedCharts.push(chartDir);
    if (result.code !== 0) {
      addFailure(failure(request, join(chartDir, CHART_FILE), chartDir, result, 'helm template'));
      continue;
    }
    counts.rendered++;
    const documents = splitHelmOutput(result.stdout);
    const valuesFiles = [join(chartDir, 'values.yaml'), ...userValues];
    const checked = checkBuild(documents, helmMapper(chartDir, documents, valuesFiles, request.tree), engine);
    for (const [file, list] of checked.findings) helmFindings.set(file, [...(helmFindings.get(file) ?? []), ...list]);
    applications.push({ label: label(chartDir, request.labelBase), workspace: checked.workspace, locate: checked.locate });
  }

  const findings: FindingsByFile = new Map();
  for (const source of [kustomizeFindings, helmFindings, failed]) {
    for (const [file, list] of source) findings.set(file, [...(findings.get(file) ?? []), ...list]);
  }
  const roles = plan.roles;
  return {
    roleOf(file) {
      for (const dir of renderedCharts) if (isUnder(file, dir)) return 'chart';
      const role = roles.get(file);
      // A resource only a Component nobody includes lists is a plain manifest.
      if (role === 'resource' && !plan.rootsOf.has(file)) return undefined;
      return role;
    },
    findings,
    applications,
    notices,
    counts,
    cancelled: request.signal?.aborted === true,
  };
}
