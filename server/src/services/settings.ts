import type { Connection } from 'vscode-languageserver/node';
import type { Severity } from '../engine/types';
import { SCHEMA_RULE_IDS } from '../engine/config';
import type { Log } from './log';

export type Level = Severity | 'off';

/** The `kubeProd.*` editor settings, as the server uses them. */
export interface Settings {
  enable: boolean;
  /** Rule id -> level; applied over the config file. */
  rules: Record<string, Level>;
  /** Glob patterns of files not to analyse. */
  exclude: string[];
  debounceMs: number;
  /** Files larger than this are not read into the workspace index. */
  maxFileSizeKb: number;
  /** Render Helm charts and kustomizations with the user's tools (trusted workspaces only). */
  render: boolean;
  /** helm's path or command; '' for helm on PATH. */
  helmPath: string;
  /** kustomize's (or kubectl's) path or command; '' for kustomize, else kubectl, on PATH. */
  kustomizePath: string;
  /** Chart folder (relative to the workspace folder) -> values files (relative to the workspace folder). */
  helmValues: Record<string, string[]>;
  renderTimeoutMs: number;
  /** Diagnostics published per file at most; one more says how many were left out. */
  maxProblemsPerFile: number;
  /** `1.30`: the target cluster's release, over the config file's; '' leaves it to the config file. */
  kubernetesVersion: string;
  /** false: both schema rules off (unless `rules` names one), over the config file. */
  schemaValidation: boolean;
  /** Folders (absolute, or relative to the workspace folder) whose CustomResourceDefinitions validate custom resources too. */
  crdFolders: string[];
  /** "selected by" / "→ pods of" hints at the end of lines. */
  inlayHints: boolean;
}

export const SETTINGS_SECTION = 'kubeProd';
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  exclude: [],
  debounceMs: 150,
  maxFileSizeKb: 2048,
  render: true,
  helmPath: '',
  kustomizePath: '',
  helmValues: {},
  renderTimeoutMs: 30_000,
  maxProblemsPerFile: 1000,
  kubernetesVersion: '',
  schemaValidation: true,
  crdFolders: [],
  inlayHints: true,
});
const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];
const MAX_DEBOUNCE_MS = 10_000;
/** VS Code's own setting: glob -> true hides files from the explorer and from us. */
export const FILES_EXCLUDE_SECTION = 'files.exclude';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Settings as the client sent them, checked: a wrong value falls back to its default and an
 * unknown rule id is dropped; each problem is reported once to the log.
 */
export function normalizeSettings(raw: unknown, knownRule: (id: string) => boolean, log: Log): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {}, exclude: [], helmValues: {}, crdFolders: [] };
  if (!isRecord(raw)) return settings;
  const invalid = (key: string, value: unknown, expected: string): void =>
    log.once(`setting:${key}:${JSON.stringify(value)}`, 'warn', `kube-prod: setting ${SETTINGS_SECTION}.${key} = ${JSON.stringify(value)} ignored: ${expected}.`);

  if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
  else if (raw.enable !== undefined && raw.enable !== null) invalid('enable', raw.enable, 'expected true or false');

  if (isRecord(raw.rules)) {
    for (const [id, level] of Object.entries(raw.rules)) {
      if (!knownRule(id)) {
        log.once(`setting:rules:unknown:${id}`, 'warn', `kube-prod: setting ${SETTINGS_SECTION}.rules names an unknown rule "${id}"; ignored.`);
      } else if (typeof level === 'string' && LEVELS.includes(level)) settings.rules[id] = level as Level;
      else invalid(`rules.${id}`, level, `expected one of ${LEVELS.map((l) => `"${l}"`).join(', ')}`);
    }
  } else if (raw.rules !== undefined && raw.rules !== null) invalid('rules', raw.rules, 'expected an object of rule id to level');

  if (Array.isArray(raw.exclude)) {
    for (const pattern of raw.exclude) {
      if (typeof pattern === 'string' && pattern.trim() !== '') settings.exclude.push(pattern);
      else invalid('exclude', pattern, 'expected a glob pattern');
    }
  } else if (raw.exclude !== undefined && raw.exclude !== null) invalid('exclude', raw.exclude, 'expected an array of glob patterns');

  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
    settings.debounceMs = Math.min(Math.round(raw.debounceMs), MAX_DEBOUNCE_MS);
  } else if (raw.debounceMs !== undefined && raw.debounceMs !== null) invalid('debounceMs', raw.debounceMs, 'expected a number of milliseconds >= 0');

  if (typeof raw.maxFileSizeKb === 'number' && Number.isFinite(raw.maxFileSizeKb) && raw.maxFileSizeKb > 0) {
    settings.maxFileSizeKb = raw.maxFileSizeKb;
  } else if (raw.maxFileSizeKb !== undefined && raw.maxFileSizeKb !== null) invalid('maxFileSizeKb', raw.maxFileSizeKb, 'expected a number of kilobytes > 0');

  if (typeof raw.render === 'boolean') settings.render = raw.render;
  else if (raw.render !== undefined && raw.render !== null) invalid('render', raw.render, 'expected true or false');

  for (const key of ['helmPath', 'kustomizePath'] as const) {
    if (typeof raw[key] === 'string') settings[key] = raw[key].trim();
    else if (raw[key] !== undefined && raw[key] !== null) invalid(key, raw[key], 'expected a path or a command name');
  }

  if (isRecord(raw.helmValues)) {
    for (const [chart, files] of Object.entries(raw.helmValues)) {
      if (Array.isArray(files) && files.every((f) => typeof f === 'string')) settings.helmValues[chart] = files as string[];
      else invalid(`helmValues.${chart}`, files, 'expected an array of values file paths');
    }
  } else if (raw.helmValues !== undefined && raw.helmValues !== null) invalid('helmValues', raw.helmValues, 'expected an object of chart folder to values files');

  if (typeof raw.renderTimeoutMs === 'number' && Number.isFinite(raw.renderTimeoutMs) && raw.renderTimeoutMs >= 1000) {
    settings.renderTimeoutMs = Math.round(raw.renderTimeoutMs);
  } else if (raw.renderTimeoutMs !== undefined && raw.renderTimeoutMs !== null) invalid('renderTimeoutMs', raw.renderTimeoutMs, 'expected a number of milliseconds >= 1000');

  if (typeof raw.maxProblemsPerFile === 'number' && Number.isInteger(raw.maxProblemsPerFile) && raw.maxProblemsPerFile >= 1) {
    settings.maxProblemsPerFile = raw.maxProblemsPerFile;
  } else if (raw.maxProblemsPerFile !== undefined && raw.maxProblemsPerFile !== null) invalid('maxProblemsPerFile', raw.maxProblemsPerFile, 'expected a whole number >= 1');

  if (typeof raw.kubernetesVersion === 'string' && /^(?:1\.\d+)?$/.test(raw.kubernetesVersion.trim())) {
    settings.kubernetesVersion = raw.kubernetesVersion.trim();
  } else if (raw.kubernetesVersion !== undefined && raw.kubernetesVersion !== null) invalid('kubernetesVersion', raw.kubernetesVersion, 'expected a release such as "1.30"');

  if (typeof raw.schemaValidation === 'boolean') {
    settings.schemaValidation = raw.schemaValidation;
    // One switch for both schema rules, as levels: the workspace and every document then agree.
    if (!raw.schemaValidation) for (const id of SCHEMA_RULE_IDS) settings.rules[id] ??= 'off';
  } else if (raw.schemaValidation !== undefined && raw.schemaValidation !== null) invalid('schemaValidation', raw.schemaValidation, 'expected true or false');

  if (Array.isArray(raw.crdFolders) && raw.crdFolders.every((folder) => typeof folder === 'string' && folder.trim() !== '')) {
    settings.crdFolders = (raw.crdFolders as string[]).map((folder) => folder.trim());
  } else if (raw.crdFolders !== undefined && raw.crdFolders !== null) invalid('crdFolders', raw.crdFolders, 'expected an array of folder paths');

  if (typeof raw.inlayHints === 'boolean') settings.inlayHints = raw.inlayHints;
  else if (raw.inlayHints !== undefined && raw.inlayHints !== null) invalid('inlayHints', raw.inlayHints, 'expected true or false');

  return settings;
}

/**
 * The patterns of a `files.exclude` value that are switched on. Values such as
 * `{ "when": "$(basename).ts" }` depend on sibling files; they are not applied.
 */
export function enabledPatterns(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  return Object.entries(raw)
    .filter(([pattern, on]) => on === true && pattern.trim() !== '')
    .map(([pattern]) => pattern);
}

/**
 * Settings per document, pulled with workspace/configuration (they can differ per folder or
 * language) and cached until the client says they changed. A client that cannot answer
 * configuration requests gets what it pushed with didChangeConfiguration, or the defaults.
 */
export class SettingsService {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private readonly filesExcludes = new Map<string, Promise<string[]>>();
  private pushed: Settings = DEFAULT_SETTINGS;
  private canPull = false;

  constructor(
    private readonly connection: Connection,
    private readonly knownRule: (id: string) => boolean,
    private readonly log: Log,
  ) {}

  initialize(canPull: boolean): void {
    this.canPull = canPull;
  }

  /** The settings for a document; never rejects. */
  forDocument(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    let settings = this.cache.get(uri);
    if (!settings) {
      const pulled = this.pull(uri);
      this.cache.set(uri, (settings = pulled));
      // Keep the answer only while the cache still holds this request (a change may have cleared it meanwhile).
      void pulled.then((value) => {
        if (this.cache.get(uri) === pulled) this.resolved.set(uri, value);
      });
    }
    return settings;
  }

  /** The settings last read for a document, without asking (for choosing a debounce delay). */
  peek(uri: string): Settings | undefined {
    return this.canPull ? this.resolved.get(uri) : this.pushed;
  }

  /** didChangeConfiguration: forget what was read; `pushed` is the notification's settings payload. */
  changed(pushed: unknown): void {
    this.cache.clear();
    this.resolved.clear();
    this.filesExcludes.clear();
    if (!this.canPull) this.pushed = normalizeSettings(isRecord(pushed) ? pushed[SETTINGS_SECTION] : undefined, this.knownRule, this.log);
  }

  /** The enabled `files.exclude` patterns for a folder (none when the client cannot be asked); never rejects. */
  filesExclude(scopeUri: string): Promise<string[]> {
    if (!this.canPull) return Promise.resolve([]);
    let patterns = this.filesExcludes.get(scopeUri);
    if (!patterns) {
      patterns = this.connection.workspace.getConfiguration({ scopeUri, section: FILES_EXCLUDE_SECTION }).then(enabledPatterns, (error: unknown) => {
        this.log.once('settings:files.exclude', 'warn', `kube-prod: could not read ${FILES_EXCLUDE_SECTION} (${String(error)}); excluding nothing more.`);
        return [];
      });
      this.filesExcludes.set(scopeUri, patterns);
    }
    return patterns;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.resolved.delete(uri);
  }

  private async pull(uri: string): Promise<Settings> {
    let raw: unknown;
    try {
      raw = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION });
    } catch (error) {
      this.log.once('settings:pull', 'warn', `kube-prod: could not read settings (${String(error)}); using the defaults.`);
    }
    return normalizeSettings(raw, this.knownRule, this.log);
  }
}
