import { resolveConfig, type UserConfig } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { Finding, Range } from '../engine/types';
import { Workspace } from '../engine/workspace/workspace';
import { existsSync } from 'node:fs';
import { runBuilds, type CliBuildOptions } from './build';
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
  /** Check Helm charts and kustomizations as built; undefined: every file on its own. */
  build?: CliBuildOptions;
  /** Said once to the user (stderr): a renderer is missing, so some builds were not rendered. */
  onNotice?: (message: string) => void;
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
  const config = resolveConfig(options.rules, options.config);
  const workspace = new Workspace({
    rules: options.rules,
    config,
    onRuleError: (ruleId, error) => options.onRuleError?.(ruleId, current.path, error),
  });
  const inputs: LoadedWorkspace['inputs'] = [];
  for (const target of targets) {
    const path = displayPath(target, options.cwd);
    const { text, lossless } = await readTarget(target, options.cwd);
    inputs.push({ path, absolute: target.kind === 'file' ? target.absolute : undefined, text, lossless });
  }
  if (options.build) {
    const files = inputs.flatMap((input) => (input.absolute !== undefined ? [input.absolute] : []));
    const texts = new Map(inputs.flatMap((input) => (input.absolute !== undefined ? [[input.absolute, input.text] as const] : [])));
    current.path = '(build)';
    const builds = await runBuilds(files, texts, options.build, { rules: options.rules, config, cwd: options.cwd, onRuleError: (ruleId, error) => options.onRuleError?.(ruleId, current.path, error) }, existsSync, (absolute) =>
      displayPath({ kind: 'file', absolute }, options.cwd),
    );
    for (const notice of builds.result.notices) options.onNotice?.(notice);
    const built = inputs.filter((input) => input.absolute !== undefined && builds.result.roleOf(input.absolute) !== undefined).map((input) => input.path);
    // A build's findings on a file outside the given paths (a base the overlay includes) are reported too.
    const given = new Set(inputs.map((input) => input.path));
    for (const [absolute] of builds.result.findings) {
      const path = displayPath({ kind: 'file', absolute }, options.cwd);
      if (given.has(path)) continue;
      const { text, lossless } = await readTarget({ kind: 'file', absolute }, options.cwd);
      inputs.push({ path, absolute, text, lossless });
      built.push(path);
    }
    const display = (absolute: string): string => displayPath({ kind: 'file', absolute }, options.cwd);
    const applications = builds.result.applications.map((app) => ({
      label: app.label,
      workspace: app.workspace,
      locate: (uri: string, range: Range) => {
        const where = app.locate(uri, range);
        return where && { uri: display(where.file), range: where.range };
      },
    }));
    workspace.setBuilds(built, builds.findings, applications);
  }
  for (const input of inputs) {
    current.path = input.path;
    // Syntax trees kept, as for an editor's open files: a cross-resource finding (a custom resource
    // against its CRD in another file) is then placed on its own node, not on the kind line.
    workspace.update(input.path, input.text, true);
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
