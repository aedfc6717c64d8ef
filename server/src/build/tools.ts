// Finding and running the user's helm and kustomize (or kubectl's built-in kustomize). Nothing is
// downloaded: a tool that is not installed is reported once and its builds are done without it.
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { basename, delimiter, isAbsolute, join } from 'node:path';

export interface KustomizeTool {
  path: string;
  /** `kustomize build DIR` or `kubectl kustomize DIR`. */
  flavour: 'kustomize' | 'kubectl';
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The absolute path of `command` as the shell would find it on `PATH`. */
export function which(command: string, path = process.env.PATH ?? ''): string | undefined {
  if (isAbsolute(command) || command.includes('/')) return isExecutable(command) ? command : undefined;
  const extensions = process.platform === 'win32' ? ['.exe', '.cmd', ''] : [''];
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, command + extension);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** helm: the configured path or command, else `helm` on PATH. */
export function findHelm(configured?: string): string | undefined {
  return which(configured?.trim() || 'helm');
}

/**
 * kustomize: the configured path (kustomize or kubectl, told apart by name), else `kustomize` on
 * PATH, else `kubectl`, whose `kubectl kustomize` is the same engine.
 */
export function findKustomize(configured?: string): KustomizeTool | undefined {
  const wanted = configured?.trim();
  if (wanted) {
    const path = which(wanted);
    return path ? { path, flavour: /kubectl/i.test(basename(path)) ? 'kubectl' : 'kustomize' } : undefined;
  }
  const kustomize = which('kustomize');
  if (kustomize) return { path: kustomize, flavour: 'kustomize' };
  const kubectl = which('kubectl');
  return kubectl ? { path: kubectl, flavour: 'kubectl' } : undefined;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed because it ran longer than the timeout. */
  timedOut: boolean;
  /** Stopped because the caller cancelled it. */
  cancelled: boolean;
}

export interface RunOptions {
  cwd?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Runs a tool to completion, never through a shell; a tool that cannot start gives code null. */
export function run(path: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      path,
      args,
      { cwd: options.cwd, timeout: options.timeoutMs, signal: options.signal, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        const cancelled = options.signal?.aborted === true;
        const timedOut = !cancelled && failure?.killed === true;
        const code = failure ? (typeof failure.code === 'number' ? failure.code : null) : 0;
        resolve({ code, stdout, stderr: stderr || (failure && typeof failure.code === 'string' ? failure.message : ''), timedOut, cancelled });
      },
    );
  });
}
