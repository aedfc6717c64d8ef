// kube-prod's command line: parses arguments, wires config, files, engine and formatter together,
// and maps the outcome to an exit code. The checking itself is the engine's.
import { ConfigValidationError } from '../engine/config';
import { SEVERITY_RANK, type Severity } from '../engine/types';
import { RULES } from '../rules';
import { checkTargets } from './check';
import { loadConfig } from './config';
import { InputError, UsageError } from './errors';
import { expandPaths } from './files';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { packageInfo } from './package-info';
import type { CheckReport } from './report';

export const USAGE = `Usage: kube-prod check [options] [paths...]

Checks Kubernetes manifests for production best practices.

Paths are files or directories (searched recursively for *.yaml and *.yml,
skipping node_modules and .git); "-" reads standard input. Default: ".".

Options:
  --format <format>     output format: text (default), json, sarif
  --config <file>       config file (default: the nearest .kube-prod.yaml in
                        the current directory or its ancestors)
  --fail-on <severity>  exit 1 when a finding at or above this severity is
                        reported: error (default), warning, info, none
  --quiet               report errors only
  -h, --help            show this help
  --version             print the version

Exit codes: 0 no finding at or above --fail-on, 1 there is one,
            2 usage error, unreadable path or invalid config.
`;

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
type Format = (typeof FORMATS)[number];
type FailOn = (typeof FAIL_ON)[number];

export interface CheckArgs {
  paths: string[];
  format: Format;
  config: string | undefined;
  failOn: FailOn;
  quiet: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'check'; args: CheckArgs };

/** Parses argv (without node and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
  const args: CheckArgs = { paths: [], format: 'text', config: undefined, failOn: 'error', quiet: false };
  const positionals: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    const inline = name === arg ? undefined : arg.slice(eq + 1);
    const value = (): string => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`option ${name} needs a value`);
      return argv[++i];
    };
    const flag = (): true => {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      return true;
    };
    switch (name) {
      case '-h':
      case '--help':
        help = flag();
        break;
      case '--version':
        version = flag();
        break;
      case '--quiet':
        args.quiet = flag();
        break;
      case '--format':
        args.format = oneOf(name, value(), FORMATS);
        break;
      case '--fail-on':
        args.failOn = oneOf(name, value(), FAIL_ON);
        break;
      case '--config':
        args.config = value();
        if (args.config === '') throw new UsageError('option --config needs a file name');
        break;
      default:
        throw new UsageError(`unknown option ${name}`);
    }
  }
  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command');
  if (command !== 'check') throw new UsageError(`unknown command "${command}"`);
  args.paths = paths;
  return { kind: 'check', args };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for ${name}: expected one of ${allowed.join(', ')}`);
}

/** Runs a check and returns the exit code; output goes to stdout, problems to stderr. */
export async function runCheck(args: CheckArgs, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(args.config, cwd);
  const targets = expandPaths(args.paths, cwd);
  const { files, rules } = await checkTargets(targets, {
    rules: RULES,
    config,
    cwd,
    keep: args.quiet ? (finding) => finding.severity === 'error' : undefined,
    onRuleError: (ruleId, path, error) => {
      process.stderr.write(`kube-prod: rule ${ruleId} failed on ${path}: ${describeError(error, env)}\n`);
    },
  });
  const report: CheckReport = { tool: packageInfo(), cwd, files, rules };
  const output =
    args.format === 'json'
      ? formatJson(report)
      : args.format === 'sarif'
        ? formatSarif(report)
        : formatText(report, { color: process.stdout.isTTY === true && !env.NO_COLOR });
  process.stdout.write(output);
  return failed(report, args.failOn) ? 1 : 0;
}

function failed(report: CheckReport, failOn: FailOn): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITY_RANK[failOn as Severity];
  return report.files.some((file) => file.findings.some((finding) => SEVERITY_RANK[finding.severity] >= threshold));
}

function describeError(error: unknown, env: NodeJS.ProcessEnv): string {
  if (!(error instanceof Error)) return String(error);
  return env.KUBE_PROD_DEBUG === '1' && error.stack ? error.stack : error.message;
}

export async function main(argv: readonly string[], cwd = process.cwd(), env = process.env): Promise<number> {
  try {
    const command = parseArgs(argv);
    if (command.kind === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (command.kind === 'version') {
      process.stdout.write(`${packageInfo().version}\n`);
      return 0;
    }
    return await runCheck(command.args, cwd, env);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`kube-prod: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof InputError) {
      process.stderr.write(`kube-prod: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`kube-prod: internal error: ${describeError(error, env)}\n`);
    return 2;
  }
}

if (require.main === module) {
  // `kube-prod check . | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
