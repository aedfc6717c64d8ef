import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type UserConfig } from '../engine/config';
import { cannotRead } from './errors';

/** The nearest .kube-prod.yaml in `cwd` or its ancestors. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Loads the config file given with --config, else the nearest one; no file means no settings.
 * Throws InputError when the file cannot be read, ConfigValidationError when it is invalid
 * (its message names the file, line and key).
 */
export function loadConfig(explicit: string | undefined, cwd: string): UserConfig {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findConfig(cwd);
  if (file === undefined) return {};
  const shown = explicit ?? (relative(cwd, file) || file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(shown, error);
  }
  return parseConfig(text, shown);
}
