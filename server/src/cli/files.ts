import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { cannotRead } from './errors';

/** What to check: a file on disk or standard input. */
export type Target = { kind: 'file'; absolute: string } | { kind: 'stdin' };

export const STDIN_PATH = '<stdin>';
const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/**
 * Expands command-line paths into targets: files as given (whatever their extension),
 * directories recursively to their .yaml/.yml files in sorted order, `-` to standard input.
 * Each target appears once, at its first mention. Throws InputError for a path it cannot read.
 */
export function expandPaths(paths: readonly string[], cwd: string): Target[] {
  const targets: Target[] = [];
  const seen = new Set<string>();
  const add = (target: Target): void => {
    const key = target.kind === 'stdin' ? '-' : target.absolute;
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };
  for (const path of paths.length > 0 ? paths : ['.']) {
    if (path === '-') {
      add({ kind: 'stdin' });
      continue;
    }
    const absolute = resolve(cwd, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      throw cannotRead(path, error);
    }
    if (!isDirectory) add({ kind: 'file', absolute });
    else for (const file of walk(absolute, path, new Set())) add({ kind: 'file', absolute: file });
  }
  return targets;
}

/** The manifests under a directory, depth first, entries in code-unit order; symlinked directories once each. */
function walk(directory: string, shown: string, visited: Set<string>): string[] {
  let entries;
  try {
    const real = realpathSync(directory);
    if (visited.has(real)) return [];
    visited.add(real);
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw cannotRead(shown, error);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const absolute = join(directory, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stats = statSync(absolute);
        isDirectory = stats.isDirectory();
        isFile = stats.isFile();
      } catch {
        continue; // a dangling link is not a manifest
      }
    }
    if (isDirectory) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) files.push(...walk(absolute, join(shown, entry.name), visited));
    } else if (isFile && MANIFEST_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
      files.push(absolute);
    }
  }
  return files;
}

export interface TargetText {
  text: string;
  /**
   * The bytes were valid UTF-8, so writing `text` back gives the same bytes. Otherwise decoding
   * replaced the invalid bytes with U+FFFD, and --fix must not write the text back.
   */
  lossless: boolean;
}

/** Reads a target's text; throws InputError naming the path as the user sees it. */
export async function readTarget(target: Target, cwd: string): Promise<TargetText> {
  let bytes: Buffer;
  if (target.kind === 'stdin') {
    bytes = await readStdin();
  } else {
    try {
      bytes = readFileSync(target.absolute);
    } catch (error) {
      throw cannotRead(displayPath(target, cwd), error);
    }
  }
  const text = bytes.toString('utf8');
  // Only a text holding U+FFFD can have lost bytes; most files skip the comparison.
  return { text, lossless: !text.includes('\uFFFD') || Buffer.from(text, 'utf8').equals(bytes) };
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  } catch (error) {
    throw cannotRead(STDIN_PATH, error);
  }
  return Buffer.concat(chunks);
}

/** A target's path as reports show it: relative to `cwd`, forward slashes. */
export function displayPath(target: Target, cwd: string): string {
  if (target.kind === 'stdin') return STDIN_PATH;
  const path = relative(cwd, target.absolute);
  return (path === '' || isAbsolute(path) ? target.absolute : path).split(sep).join('/');
}
