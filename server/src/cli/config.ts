import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME, parseConfig, type UserConfig } from '../engine/config';
import type { ManualState } from '../engine/workspace/checklist';
import { parseChecklistFile } from '../engine/workspace/checklistFile';
import { CHECKLIST_FILE_NAME } from '../engine/workspace/checklistItems';
import { cannotRead } from './errors';

/** The nearest file called `name` in `cwd` or its ancestors. */
function findUp(name: string, cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The nearest .kube-prod.yaml in `cwd` or its ancestors. */
export function findConfig(cwd: string): string | undefined {
  return findUp(CONFIG_FILE_NAME, cwd);
}

/** Reads the file given explicitly, else the nearest one of that name; undefined when there is none. */
function readExplicitOrNearest(explicit: string | undefined, name: string, cwd: string): { text: string; shown: string } | undefined {
  const file = explicit !== undefined ? resolve(cwd, explicit) : findUp(name, cwd);
  if (file === undefined) return undefined;
  const shown = explicit ?? (relative(cwd, file) || file);
  try {
    return { text: readFileSync(file, 'utf8'), shown };
  } catch (error) {
    throw cannotRead(shown, error);
  }
}

/**
 * Loads the config file given with --config, else the nearest one; no file means no settings.
 * Throws InputError when the file cannot be read, ConfigValidationError when it is invalid
 * (its message names the file, line and key).
 */
export function loadConfig(explicit: string | undefined, cwd: string): UserConfig {
  const file = readExplicitOrNearest(explicit, CONFIG_FILE_NAME, cwd);
  return file ? parseConfig(file.text, file.shown) : {};
}

/**
 * Loads the manual checklist items from --checklist, else the nearest .kube-prod-checklist.yaml;
 * undefined when there is none. Throws like loadConfig.
 */
export function loadChecklistFile(explicit: string | undefined, cwd: string): { state: ManualState; shown: string } | undefined {
  const file = readExplicitOrNearest(explicit, CHECKLIST_FILE_NAME, cwd);
  return file ? { state: parseChecklistFile(file.text, file.shown), shown: file.shown } : undefined;
}
