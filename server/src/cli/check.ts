import { resolveConfig, type UserConfig } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { displayPath, readTarget, type Target } from './files';
import type { EnabledRule, FileReport } from './report';

export interface CheckOptions {
  rules: readonly AnyRule[];
  config: UserConfig;
  cwd: string;
  /** Which findings to keep (--quiet keeps errors only). */
  keep?: (finding: Finding) => boolean;
  /** A rule threw: the engine dropped its finding and went on. */
  onRuleError?: (ruleId: string, path: string, error: unknown) => void;
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** The inputs in order; each is indexed in the workspace under its display path. */
  inputs: Array<{ path: string; absolute: string | undefined }>;
  /** The file being read or reported on: rule errors name it. */
  current: { path: string };
}

/**
 * Reads every target into one workspace, so that the cross-resource rules see all the given
 * files together (a PDB in one file protects a Deployment in another). Files are indexed under
 * their display path, which is what reports show.
 */
export async function loadWorkspace(targets: readonly Target[], options: CheckOptions): Promise<LoadedWorkspace> {
  const current = { path: '' };
  const workspace = new Workspace({
    rules: options.rules,
    config: resolveConfig(options.rules, options.config),
    onRuleError: (ruleId, error) => options.onRuleError?.(ruleId, current.path, error),
  });
  const inputs: LoadedWorkspace['inputs'] = [];
  for (const target of targets) {
    const path = displayPath(target, options.cwd);
    const text = await readTarget(target, options.cwd);
    current.path = path;
    workspace.update(path, text);
    inputs.push({ path, absolute: target.kind === 'file' ? target.absolute : undefined });
  }
  return { workspace, inputs, current };
}

/** Reads and analyses every target in order; the engine does all the checking. */
export async function checkTargets(targets: readonly Target[], options: CheckOptions): Promise<{ files: FileReport[]; rules: EnabledRule[] }> {
  const { workspace, inputs, current } = await loadWorkspace(targets, options);
  const files: FileReport[] = [];
  for (const { path, absolute } of inputs) {
    current.path = path;
    const all = workspace.findings(path);
    const findings = options.keep ? all.filter(options.keep) : all;
    files.push({ path, absolute, findings, skipped: workspace.index.file(path)?.template === true });
  }
  const rules: EnabledRule[] = [];
  for (const rule of options.rules) {
    const setting = workspace.config.rules.get(rule.meta.id);
    if (setting?.enabled) rules.push({ meta: rule.meta, severity: setting.severity });
  }
  return { files, rules };
}
