import { Analyzer } from '../engine/analyzer';
import { resolveConfig, type UserConfig } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
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

/** Reads and analyses every target in order; the engine does all the checking. */
export async function checkTargets(targets: readonly Target[], options: CheckOptions): Promise<{ files: FileReport[]; rules: EnabledRule[] }> {
  const config = resolveConfig(options.rules, options.config);
  let current = '';
  const analyzer = new Analyzer({
    rules: options.rules,
    config,
    onRuleError: (ruleId, error) => options.onRuleError?.(ruleId, current, error),
  });
  const files: FileReport[] = [];
  for (const target of targets) {
    const path = displayPath(target, options.cwd);
    const text = await readTarget(target, options.cwd);
    current = path;
    const analysis = analyzer.analyze(text);
    const findings = options.keep ? analysis.findings.filter(options.keep) : analysis.findings;
    files.push({ path, absolute: target.kind === 'file' ? target.absolute : undefined, findings, skipped: analysis.template });
  }
  const rules: EnabledRule[] = [];
  for (const rule of options.rules) {
    const setting = config.rules.get(rule.meta.id);
    if (setting?.enabled) rules.push({ meta: rule.meta, severity: setting.severity });
  }
  return { files, rules };
}
