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

export interface LoadedInput {
  /** The display path, under which the workspace indexes the input. */
  path: string;
  /** Absolute path on disk; undefined for standard input. */
  absolute: string | undefined;
  /** The text as read (--fix starts from it and compares with it). */
  text: string;
  /** Writing `text` back gives the bytes read (they were valid UTF-8). */
  lossless: boolean;
}

export interface LoadedWorkspace {
  workspace: Workspace;
  /** The inputs in order; each is indexed in the workspace under its display path. */
  inputs: LoadedInput[];
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
    const { text, lossless } = await readTarget(target, options.cwd);
    current.path = path;
    workspace.update(path, text);
    inputs.push({ path, absolute: target.kind === 'file' ? target.absolute : undefined, text, lossless });
  }
  return { workspace, inputs, current };
}

/** The findings of every input as the workspace holds them now (after --fix: what remains). */
export function reportOn({ workspace, inputs, current }: LoadedWorkspace, options: Pick<CheckOptions, 'rules' | 'keep'>): { files: FileReport[]; rules: EnabledRule[] } {
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
