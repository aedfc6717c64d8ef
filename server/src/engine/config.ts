import Ajv, { type ErrorObject } from 'ajv';
import { isNode, parseDocument, type Document } from 'yaml';
import configSchema from '../../../schemas/kube-prod.schema.json';
import type { AnyRule } from './rule';
import { BUNDLED_KUBERNETES_VERSION } from './schema/bundled';
import { LineIndex } from './text';
import type { Severity } from './types';

export const CONFIG_FILE_NAME = '.kube-prod.yaml';

type SeverityOrOff = Severity | 'off';

/** The config file as written: `.kube-prod.yaml`. */
export interface UserConfig {
  rules?: Record<string, SeverityOrOff | { severity?: SeverityOrOff; options?: Record<string, unknown> }>;
  defaultNamespace?: string;
  /** The Kubernetes release the manifests are applied to, `1.30`: which removed APIs are errors. */
  kubernetesVersion?: string;
  /** false: no schema validation (both schema rules off), for teams whose other tooling validates. */
  schemaValidation?: boolean;
}

/** The rules `schemaValidation: false` (config key or setting) turns off together. */
export const SCHEMA_RULE_IDS: readonly string[] = ['schema-violation', 'crd-schema-violation'];

export interface RuleSetting {
  enabled: boolean;
  severity: Severity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: ReadonlyMap<string, RuleSetting>;
  defaultNamespace: string;
  /** `major.minor` of the target cluster (default: the release of the bundled API schema). */
  kubernetesVersion: string;
}

export interface ConfigError {
  /** Dotted path of the offending key, e.g. `rules.image-tag-latest.severity`. */
  path: string;
  message: string;
  line?: number;
  character?: number;
}

export class ConfigValidationError extends Error {
  constructor(readonly file: string, readonly errors: ConfigError[]) {
    super(errors.map((e) => `${file}${e.line !== undefined ? `:${e.line + 1}:${(e.character ?? 0) + 1}` : ''}: ${e.path ? `${e.path}: ` : ''}${e.message}`).join('\n'));
    this.name = 'ConfigValidationError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Parses and validates a config file's text; throws ConfigValidationError naming each bad key. */
export function parseConfig(text: string, file = CONFIG_FILE_NAME): UserConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const lines = new LineIndex(text);
  if (doc.errors.length > 0) {
    throw new ConfigValidationError(
      file,
      doc.errors.map((e) => ({ path: '', message: `YAML syntax error: ${e.message.split('\n')[0]}`, ...lines.positionAt(e.pos[0]) })),
    );
  }
  const value: unknown = doc.toJS() ?? {};
  const errors = validate(value);
  if (errors.length > 0) throw new ConfigValidationError(file, explainSchemaErrors(errors, doc, lines));
  return value as UserConfig;
}

/** How an unknown key is named: `unknown rule "x"` under `rules`, `unknown key "x"` elsewhere. */
const configUnknownKey = (parent: readonly string[], key: string): string =>
  parent[0] === 'rules' && parent.length === 1 ? `unknown rule "${key}"` : `unknown key "${key}"`;

/**
 * Ajv's errors as messages that name the offending key with its line and column; shared by every
 * file kube-prod validates against a schema (.kube-prod.yaml, .kube-prod-checklist.yaml).
 */
export function explainSchemaErrors(
  errors: readonly ErrorObject[],
  doc: Document,
  lines: LineIndex,
  unknownKey: (parent: readonly string[], key: string) => string = configUnknownKey,
): ConfigError[] {
  const out: ConfigError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // A oneOf failure repeats itself once per branch; the branch errors say more.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let message = error.message ?? 'invalid';
    if (error.keyword === 'additionalProperties') {
      const key = String(error.params.additionalProperty);
      message = unknownKey(segments, key);
      segments.push(key);
    } else if (error.keyword === 'enum') {
      message = `must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    const path = segments.join('.');
    const key = `${path}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const node = segments.length ? doc.getIn(segments, true) : undefined;
    const pair = locateKey(doc, segments);
    const offset = pair ?? (isNode(node) ? node.range?.[0] : undefined);
    out.push({ path, message, ...(offset !== undefined ? lines.positionAt(offset) : {}) });
  }
  return out;
}

/** Offset of the last path segment's key, so the error points at the key the user typed. */
function locateKey(doc: Document, segments: string[]): number | undefined {
  if (segments.length === 0) return undefined;
  const parent = segments.length === 1 ? doc.contents : doc.getIn(segments.slice(0, -1), true);
  const items = (parent as { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined)?.items;
  const pair = items?.find((item) => String(item.key?.value) === segments[segments.length - 1]);
  return pair?.key?.range?.[0];
}

/** Rule settings from metadata defaults, the config file, then editor settings (last wins). */
export function resolveConfig(
  rules: readonly AnyRule[],
  user: UserConfig = {},
  overrides: Record<string, SeverityOrOff> = {},
  kubernetesVersion: string | undefined = undefined,
): ResolvedConfig {
  const settings = new Map<string, RuleSetting>();
  for (const rule of rules) {
    const { meta } = rule;
    const defaults: Record<string, unknown> = {};
    for (const [name, option] of Object.entries(meta.options ?? {})) defaults[name] = option.default;
    const setting: RuleSetting = { enabled: !meta.disabledByDefault, severity: meta.severity, options: defaults };
    const fromFile = user.rules?.[meta.id] ?? (user.schemaValidation === false && SCHEMA_RULE_IDS.includes(meta.id) ? 'off' : undefined);
    for (const entry of [fromFile, overrides[meta.id]]) {
      if (entry === undefined) continue;
      const level = typeof entry === 'string' ? entry : entry.severity;
      if (level === 'off') setting.enabled = false;
      else if (level) {
        setting.enabled = true;
        setting.severity = level;
      } else if (typeof entry === 'object') setting.enabled = true;
      if (typeof entry === 'object' && entry.options) setting.options = { ...setting.options, ...entry.options };
    }
    settings.set(meta.id, setting);
  }
  return { rules: settings, defaultNamespace: user.defaultNamespace ?? 'default', kubernetesVersion: kubernetesVersion ?? user.kubernetesVersion ?? BUNDLED_KUBERNETES_VERSION };
}
