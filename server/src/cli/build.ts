// The CLI's side of manifests as built: which Helm charts and kustomizations the given paths take
// part in, and their builds' findings under the paths reports show.
import { basename, dirname, join, resolve, sep } from 'node:path';
import { buildAll, type BuildResult } from '../build/builder';
import { diskTree } from '../build/diskTree';
import type { ResolvedConfig } from '../engine/config';
import { isKustomizationFile, kustomizationFileIn } from '../engine/build/tree';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';

export interface CliBuildOptions {
  /** False with --no-render: kustomizations are applied directly, charts are not rendered. */
  render: boolean;
  helmPath?: string;
  kustomizePath?: string;
  /** --values files, absolute, in the order given. */
  valuesFiles: readonly string[];
  timeoutMs: number;
}

export const DEFAULT_RENDER_TIMEOUT_MS = 60_000;

/** The directory and its ancestors up to (and including) `stop`, or up to the root when `stop` is not an ancestor. */
function upwards(dir: string, stop: string): string[] {
  const dirs: string[] = [];
  const inside = dir === stop || dir.startsWith(stop + sep);
  for (let current = dir; ; current = dirname(current)) {
    dirs.push(current);
    if ((inside && current === stop) || dirname(current) === current) return dirs;
  }
}

/**
 * The kustomizations and charts the given files belong to: kustomization files among them, and
 * those in their directories and the directories above, up to the working directory (a patch
 * given alone is still known as a patch); a Chart.yaml above a given file makes it a chart's.
 */
export function discoverBuilds(files: readonly string[], cwd: string, exists: (path: string) => boolean): { kustomizationFiles: string[]; chartFiles: string[] } {
  const kustomizations = new Set<string>();
  const charts = new Set<string>();
  const tree = { read: (path: string) => (exists(path) ? '' : undefined), isDirectory: () => false };
  const dirs = new Set<string>();
  for (const file of files) {
    if (isKustomizationFile(file)) kustomizations.add(file);
    if (basename(file) === 'Chart.yaml') charts.add(file);
    for (const dir of upwards(dirname(file), cwd)) dirs.add(dir);
  }
  for (const dir of dirs) {
    const kustomization = kustomizationFileIn(dir, tree);
    if (kustomization) kustomizations.add(kustomization);
    const chart = join(dir, 'Chart.yaml');
    if (exists(chart)) charts.add(chart);
  }
  return { kustomizationFiles: [...kustomizations].sort(), chartFiles: [...charts].sort() };
}

/** --values files go to the chart whose folder holds them; one outside every chart goes to every chart. */
function valuesFor(valuesFiles: readonly string[], charts: readonly string[]): (chartDir: string) => string[] {
  const owner = (file: string): string | undefined => charts.map((chart) => dirname(chart)).find((dir) => file.startsWith(dir + sep));
  return (chartDir) => valuesFiles.filter((file) => {
    const chart = owner(file);
    return chart === undefined || chart === chartDir;
  });
}

export interface CliBuilds {
  result: BuildResult;
  /** Build findings by display path. */
  findings: Map<string, Finding[]>;
}

/** Runs every build the given files take part in, reading `texts` (absolute path -> text) before the disk. */
export async function runBuilds(
  files: readonly string[],
  texts: ReadonlyMap<string, string>,
  options: CliBuildOptions,
  engine: { rules: readonly AnyRule[]; config: ResolvedConfig; cwd: string; onRuleError?: (ruleId: string, error: unknown) => void },
  exists: (path: string) => boolean,
  toDisplay: (absolute: string) => string,
): Promise<CliBuilds> {
  const { kustomizationFiles, chartFiles } = discoverBuilds(files, engine.cwd, exists);
  const result = await buildAll({
    kustomizationFiles,
    chartFiles,
    tree: diskTree(texts),
    rules: engine.rules,
    config: engine.config,
    render: options.render,
    helmPath: options.helmPath,
    kustomizePath: options.kustomizePath,
    valuesFiles: valuesFor(options.valuesFiles.map((file) => resolve(engine.cwd, file)), chartFiles),
    timeoutMs: options.timeoutMs,
    labelBase: engine.cwd,
    onRuleError: engine.onRuleError,
  });
  const findings = new Map<string, Finding[]>();
  for (const [file, list] of result.findings) findings.set(toDisplay(file), list);
  return { result, findings };
}
