// Runs the bundled CLI (dist/cli.js, built by `npm run build`) as a child process, the way users and CI do.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../server/src/rules';
import { projectRoot } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const ROOT = projectRoot();
/** KUBE_PROD_CLI runs another bundle (one built elsewhere while dist/ is busy). */
export const CLI = process.env.KUBE_PROD_CLI ?? join(ROOT, 'dist', 'cli.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures', 'cli');

export interface CliOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: Record<string, string>;
  /** Run as this user (and its group): as root, the only way to meet a file it cannot write. */
  user?: { uid: number; gid: number };
}

export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.KUBE_PROD_DEBUG) delete env.KUBE_PROD_DEBUG;
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    ...options.user,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A config file (in a fresh temporary directory) that turns off every rule but `ids` (at their
 * default severity unless `severities` says otherwise), so that expected outputs stay exact
 * while other rules are added to the registry.
 */
export function onlyRulesConfig(ids: readonly string[], severities: Record<string, string> = {}): string {
  const settings = RULES.map(({ meta }) => [meta.id, ids.includes(meta.id) ? severities[meta.id] : 'off'] as const).filter(([, level]) => level);
  const text = settings.length > 0 ? `rules:\n${settings.map(([id, level]) => `  ${id}: "${level}"\n`).join('')}` : '';
  const file = join(mkdtempSync(join(tmpdir(), 'kube-prod-cli-')), '.kube-prod.yaml');
  writeFileSync(file, text);
  return file;
}

/** The rules whose behaviour the CLI tests rely on. */
export const STABLE_RULES = ['liveness-probe-missing', 'privileged-container', 'yaml-syntax'] as const;
