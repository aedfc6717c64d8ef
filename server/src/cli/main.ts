// kube-prod's command line: parses arguments, wires config, files, engine and formatter together,
// and maps the outcome to an exit code. The checking (and the checklist) is the engine's.
import { ANALYSIS_FAILED_RULE_ID } from '../engine/analyzer';
import { ConfigValidationError } from '../engine/config';
import { SEVERITY_RANK, type Finding, type Severity } from '../engine/types';
import { RULES } from '../rules';
import { computeChecklist } from '../engine/workspace/checklist';
import { DEFAULT_RENDER_TIMEOUT_MS } from './build';
import { loadWorkspace, reportOn, type CheckOptions } from './check';
import { loadChecklistFile, loadConfig } from './config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cannotRead, InputError, UsageError } from './errors';
import { expandPaths } from './files';
import { fixWorkspace, problemCount, writeFixed, writeProblems } from './fix';
import { formatChecklistJson } from './formatters/checklistJson';
import { formatChecklistMarkdown } from './formatters/checklistMarkdown';
import { DEFAULT_FAILURE_LIMIT, formatChecklistText } from './formatters/checklistText';
import { formatDiff } from './formatters/diff';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { packageInfo } from './package-info';
import type { CheckReport } from './report';

export const USAGE = `Usage: kube-prod check [options] [paths...]
       kube-prod checklist [options] [paths...]

check      reports what each manifest gets wrong, on its own and together with
           the other manifests given (a Deployment no PodDisruptionBudget protects).
checklist  prints the production checklist of all the manifests given, taken as
           one application, with the manual items of .kube-prod-checklist.yaml.

Paths are files or directories (searched recursively for *.yaml and *.yml,
skipping node_modules and .git); "-" reads standard input. Default: ".".

Helm charts (folders with Chart.yaml) and kustomizations among the paths, or
above a given file, are checked as built: rendered with helm template and
kustomize, each kustomization no other includes (an overlay) as one
application, findings reported on the template, values, patch, kustomization
or base line that produced them. Patch files are never checked on their own.

Options:
  --format <format>     check: text (default), json, sarif
                        checklist: text (default), json, markdown
  --config <file>       config file (default: the nearest .kube-prod.yaml in
                        the current directory or its ancestors)
  --fail-on <severity>  check: exit 1 when a finding at or above this severity
                        is reported: error (default), warning, info, none
  --quiet               check: report errors only (and with --fix, fix only
                        errors)
  --fix                 check: rewrite the files with every available
                        quick-fix, say which changed, then report what is
                        left; with "-" (then the only path), print the fixed
                        text on stdout and all the rest on stderr
  --dry-run             check --fix: write nothing, print the fixes as a
                        unified diff (git apply takes it) instead of a report
  --values <file>       a values file for the Helm charts checked (repeatable;
                        after the chart's own values.yaml, in the order given;
                        a file inside a chart's folder is for that chart only)
  --no-render           do not run helm or kustomize: charts are not checked,
                        kustomizations are applied directly (namespace, images,
                        replicas) without their patches
  --helm <path>         the helm to render charts with (default: helm on PATH)
  --kustomize <path>    the kustomize, or kubectl, to build kustomizations with
                        (default: kustomize on PATH, else kubectl)
  --checklist <file>    checklist: the manual items' file (default: the nearest
                        .kube-prod-checklist.yaml in the current directory or
                        its ancestors)
  --all                 checklist: list every failing object (default: the
                        first ${DEFAULT_FAILURE_LIMIT} of each item)
  -h, --help            show this help
  --version             print the version

Exit codes: check: 0 no finding at or above --fail-on, 1 there is one
            (with --fix: among the findings left after fixing);
            check --fix --dry-run: 0 nothing to fix, 1 a file would change;
            checklist: 0 every required item passes, 1 one fails;
            2 usage error, unreadable path, invalid config or checklist file,
            a file --fix cannot write.
`;

const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
const CHECKLIST_FORMATS = ['text', 'json', 'markdown'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** How charts and kustomizations are built (both commands). */
export interface BuildArgs {
  values: string[];
  render: boolean;
  helm: string | undefined;
  kustomize: string | undefined;
}

export interface CheckArgs {
  paths: string[];
  build: BuildArgs;
  format: (typeof CHECK_FORMATS)[number];
  config: string | undefined;
  failOn: FailOn;
  quiet: boolean;
  /** Rewrite the inputs with their findings' fixes, then report what remains. */
  fix: boolean;
  /** With fix: print the changes as a diff, write nothing. */
  dryRun: boolean;
}

export interface ChecklistArgs {
  paths: string[];
  build: BuildArgs;
  format: (typeof CHECKLIST_FORMATS)[number];
  config: string | undefined;
  checklist: string | undefined;
  all: boolean;
}

export type Command = { kind: 'help' } | { kind: 'version' } | { kind: 'check'; args: CheckArgs } | { kind: 'checklist'; args: ChecklistArgs };

/** Options that take a value, and which command each belongs to (undefined: both). */
const VALUE_OPTIONS: Record<string, 'check' | 'checklist' | undefined> = {
  '--format': undefined,
  '--config': undefined,
  '--fail-on': 'check',
  '--checklist': 'checklist',
  '--values': undefined,
  '--helm': undefined,
  '--kustomize': undefined,
};
const FLAG_OPTIONS: Record<string, 'check' | 'checklist' | undefined> = {
  '-h': undefined,
  '--help': undefined,
  '--version': undefined,
  '--quiet': 'check',
  '--fix': 'check',
  '--dry-run': 'check',
  '--all': 'checklist',
  '--no-render': undefined,
};
/** Options that may be given several times; the others keep their last value. */
const REPEATABLE = new Set(['--values']);
const FILE_OPTIONS = new Set(['--config', '--checklist', '--values', '--helm', '--kustomize']);

/** Parses argv (without node and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): Command {
  const values = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  const flags = new Set<string>();
  const positionals: string[] = [];
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
    if (name in VALUE_OPTIONS) {
      if (inline === undefined && i + 1 >= argv.length) throw new UsageError(`option ${name} needs a value`);
      const value = inline ?? argv[++i];
      if (value === '' && FILE_OPTIONS.has(name)) throw new UsageError(`option ${name} needs a file name`);
      values.set(name, value);
      if (REPEATABLE.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else if (name in FLAG_OPTIONS) {
      if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
      flags.add(name);
    } else {
      throw new UsageError(`unknown option ${name}`);
    }
  }
  if (flags.has('-h') || flags.has('--help')) return { kind: 'help' };
  if (flags.has('--version')) return { kind: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command');
  if (command !== 'check' && command !== 'checklist') throw new UsageError(`unknown command "${command}"`);
  for (const name of [...values.keys(), ...flags]) {
    const owner = VALUE_OPTIONS[name] ?? FLAG_OPTIONS[name];
    if (owner !== undefined && owner !== command) throw new UsageError(`option ${name} is for kube-prod ${owner}, not ${command}`);
  }
  const format = values.get('--format');
  const config = values.get('--config');
  const build: BuildArgs = { values: repeated.get('--values') ?? [], render: !flags.has('--no-render'), helm: values.get('--helm'), kustomize: values.get('--kustomize') };
  if (command === 'check') {
    const failOn = values.get('--fail-on');
    const fix = flags.has('--fix');
    const dryRun = flags.has('--dry-run');
    if (dryRun && !fix) throw new UsageError('option --dry-run goes with --fix');
    // The diff is the whole output and its exit code says whether there is one.
    if (dryRun && format !== undefined) throw new UsageError('option --format does not apply to --fix --dry-run, which prints a diff');
    if (dryRun && failOn !== undefined) throw new UsageError('option --fail-on does not apply to --fix --dry-run, which exits 1 when a file would change');
    // Standard output carries the fixed text of standard input: there is no room for other files' reports.
    if (fix && !dryRun && paths.includes('-') && paths.length > 1) throw new UsageError('with --fix, "-" (standard input) must be the only path');
    return {
      kind: 'check',
      args: {
        paths,
        build,
        format: format === undefined ? 'text' : oneOf('--format', format, CHECK_FORMATS),
        config,
        failOn: failOn === undefined ? 'error' : oneOf('--fail-on', failOn, FAIL_ON),
        quiet: flags.has('--quiet'),
        fix,
        dryRun,
      },
    };
  }
  return {
    kind: 'checklist',
    args: {
      paths,
      build,
      format: format === undefined ? 'text' : oneOf('--format', format, CHECKLIST_FORMATS),
      config,
      checklist: values.get('--checklist'),
      all: flags.has('--all'),
    },
  };
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`invalid value "${value}" for ${name}: expected one of ${allowed.join(', ')}`);
}

function buildOptions(args: BuildArgs, cwd: string, env: NodeJS.ProcessEnv): Pick<CheckOptions, 'build' | 'onNotice'> {
  for (const file of args.values) {
    try {
      readFileSync(resolve(cwd, file));
    } catch (error) {
      throw cannotRead(file, error);
    }
  }
  const timeout = Number(env.KUBE_PROD_RENDER_TIMEOUT_MS);
  return {
    build: {
      render: args.render,
      helmPath: args.helm,
      kustomizePath: args.kustomize,
      valuesFiles: args.values,
      timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_RENDER_TIMEOUT_MS,
    },
    onNotice: (message) => process.stderr.write(`kube-prod: ${message}\n`),
  };
}

const ruleErrorReporter =
  (env: NodeJS.ProcessEnv) =>
  (ruleId: string, path: string, error: unknown): void => {
    process.stderr.write(`kube-prod: rule ${ruleId} failed on ${path}: ${describeError(error, env)}\n`);
  };

/** Runs a check and returns the exit code; output goes to stdout, problems to stderr. */
export async function runCheck(args: CheckArgs, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(args.config, cwd);
  const targets = expandPaths(args.paths, cwd);
  const keep = args.quiet ? (finding: Finding) => finding.severity === 'error' : undefined;
  const loaded = await loadWorkspace(targets, { rules: RULES, config, cwd, keep, onRuleError: ruleErrorReporter(env), ...buildOptions(args.build, cwd, env) });
  // Where the report goes: standard output, unless that carries the fixed text of standard input.
  let out: NodeJS.WriteStream = process.stdout;
  if (args.fix) {
    const changed = fixWorkspace(loaded, {
      keep,
      onFixError: (ruleId, path, error) => process.stderr.write(`kube-prod: the fix of rule ${ruleId} failed on ${path}: ${describeError(error, env)}\n`),
      onSkipped: (path, reason) => process.stderr.write(`kube-prod: left ${path} unchanged: ${reason}\n`),
    });
    const problems = writeProblems(changed, { access: !args.dryRun });
    const stdin = args.dryRun ? undefined : loaded.inputs.find((input) => input.absolute === undefined);
    // Echoing standard input unchanged would lose its invalid bytes all the same.
    if (stdin && !stdin.lossless && changed.length === 0) problems.push(`cannot fix ${stdin.path}: it is not valid UTF-8`);
    if (problems.length > 0) {
      for (const problem of problems) process.stderr.write(`kube-prod: ${problem}\n`);
      return 2;
    }
    if (args.dryRun) {
      process.stdout.write(formatDiff(changed.map(({ input, text }) => ({ path: input.path, before: input.text, after: text }))));
      for (const { input, fixed } of changed) process.stderr.write(`would fix ${problemCount(fixed)} in ${input.path}\n`);
      return changed.length > 0 ? 1 : 0;
    }
    if (stdin) {
      process.stdout.write(changed[0]?.text ?? stdin.text);
      out = process.stderr;
    }
    // Before the report in text; on stderr when stdout is JSON, SARIF or the fixed text.
    const notes = args.format === 'text' ? out : process.stderr;
    writeFixed(changed, ({ input, fixed }) => notes.write(`fixed ${problemCount(fixed)} in ${input.path}\n`));
  }
  const { files, rules } = reportOn(loaded, { rules: RULES, keep });
  const report: CheckReport = { tool: packageInfo(), cwd, files, rules };
  const output =
    args.format === 'json'
      ? formatJson(report)
      : args.format === 'sarif'
        ? formatSarif(report)
        : formatText(report, { color: out.isTTY === true && !env.NO_COLOR });
  out.write(output);
  const code = exitCodeOf(report, args.failOn);
  if (code === 2) process.stderr.write(`kube-prod: some documents could not be analysed: see the ${ANALYSIS_FAILED_RULE_ID} findings above\n`);
  return code;
}

/** Prints the production checklist of the given manifests; exit 1 when a required item fails. */
export async function runChecklist(args: ChecklistArgs, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  const config = loadConfig(args.config, cwd);
  const manual = loadChecklistFile(args.checklist, cwd);
  const targets = expandPaths(args.paths, cwd);
  const { workspace } = await loadWorkspace(targets, { rules: RULES, config, cwd, onRuleError: ruleErrorReporter(env), ...buildOptions(args.build, cwd, env) });
  const checklist = computeChecklist(workspace, manual?.state);
  const limit = args.all ? Infinity : DEFAULT_FAILURE_LIMIT;
  const output =
    args.format === 'json'
      ? formatChecklistJson(checklist, { version: packageInfo().version, checklistFile: manual?.shown })
      : args.format === 'markdown'
        ? formatChecklistMarkdown(checklist, { limit })
        : formatChecklistText(checklist, { color: process.stdout.isTTY === true && !env.NO_COLOR, limit });
  process.stdout.write(output);
  return checklist.summary.requiredFailing.length > 0 ? 1 : 0;
}

/**
 * 2 when a document could not be analysed (the report says which, with its path): a verdict on a
 * file nobody checked would be a false pass. Otherwise 1 when a finding reaches --fail-on.
 */
export function exitCodeOf(report: CheckReport, failOn: FailOn): number {
  if (report.files.some((file) => file.findings.some((finding) => finding.ruleId === ANALYSIS_FAILED_RULE_ID))) return 2;
  return failed(report, failOn) ? 1 : 0;
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
    if (command.kind === 'checklist') return await runChecklist(command.args, cwd, env);
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
