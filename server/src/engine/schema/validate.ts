import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import { replaceScalar } from '../fix/scalar';
import type { K8sObject } from '../model';
import type { FixSpec } from '../rule';
import { nodeSpan } from '../nodes';
import type { Span } from '../types';
import { bundledSchema, type KubernetesSchema } from './bundled';
import { instanceOf, locate, type Located } from './instance';
import { didYouMean } from './suggest';

export type SchemaIssueKind = 'unknown-field' | 'type' | 'required' | 'enum';

/** One way an object breaks its kind's schema, placed on the node to change. */
export interface SchemaIssue {
  kind: SchemaIssueKind;
  /** Undefined when only the object's plain value was at hand (a closed file's custom resource). */
  at: Span | undefined;
  /** Where in the object, `spec.containers[0].ports`: what a message without a place says. */
  path: string;
  message: string;
  /** unknown-field: the path of the field it most likely meant. */
  meant?: string;
  /** unknown-field: the key as written, the field it most likely meant, and the mapping holding it. */
  misspelled?: { key: Scalar; suggestion: string | undefined; parent: YAMLMap };
}

type Schema = Record<string, unknown> & { description?: string; properties?: Record<string, Schema> };

/** `apps/v1` + `Deployment` → the definitions' `io.k8s.api.apps.v1.Deployment` validator, compiled on first use. */
export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction | undefined>();
  private readonly issues = new WeakMap<K8sObject, readonly SchemaIssue[]>();
  /** Each definition's short name (`Container`), by the schema object ajv hands back as parentSchema. */
  private readonly typeNames = new WeakMap<object, string>();

  constructor(private readonly schema: KubernetesSchema = bundledSchema()) {
    // strict: false, since the definitions keep the spec's own words (descriptions) beside the keywords;
    // verbose for parentSchema, which holds the field's documentation and the names a typo is matched against.
    // optimize: false halves the compile time of a kind (0.1 s for the first Deployment instead of 0.2 s) for
    // validators that run a few microseconds longer; validateSchema: false saves checking the megabyte
    // schema against JSON Schema's meta-schema on every start (test/unit/engine/schema.test.ts does it once).
    this.ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false, validateSchema: false, addUsedSchema: false, code: { optimize: false } });
    this.ajv.addSchema(schema as unknown as Record<string, unknown>);
    for (const [name, definition] of Object.entries(schema.definitions)) this.typeNames.set(definition, name.slice(name.lastIndexOf('.') + 1));
  }

  /** Whether the schema knows the kind (custom resources and removed versions are not checked). */
  knows(apiVersion: string, kind: string): boolean {
    return this.schema['x-kube-prod'].kinds[`${apiVersion}/${kind}`] !== undefined;
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | undefined {
    const key = `${apiVersion}/${kind}`;
    if (this.compiled.has(key)) return this.compiled.get(key);
    const definition = this.schema['x-kube-prod'].kinds[key];
    const validate = definition ? this.ajv.getSchema(`${this.schema.$id}#/definitions/${definition}`) : undefined;
    this.compiled.set(key, validate);
    return validate;
  }

  /** The object's schema issues, computed once per object (the rule and the analyzer both ask). */
  issuesOf(object: K8sObject): readonly SchemaIssue[] {
    let found = this.issues.get(object);
    if (!found) this.issues.set(object, (found = this.check(object)));
    return found;
  }

  private check(object: K8sObject): readonly SchemaIssue[] {
    const validate = this.validatorFor(object.apiVersion, object.kind);
    if (!validate) return [];
    const instance = instanceOf(object.reader, object.root);
    return instance === undefined ? [] : schemaIssues(validate, instance, object, this.typeNames);
  }
}

/** The issues one object gets at most (each is placed by a walk of its tree). */
const MAX_ISSUES_PER_OBJECT = 50;

/**
 * How `instance` breaks the schema `validate` checks, each issue placed on the node of `object`
 * to change (when the syntax tree is at hand) and worded from the schema's documentation.
 */
export function schemaIssues(
  validate: ValidateFunction,
  instance: unknown,
  object: K8sObject | undefined,
  typeNames?: WeakMap<object, string>,
  /** What the object is called in a message about its top level (its kind). */
  rootName = object?.kind ?? 'the object',
): SchemaIssue[] {
  if (validate(instance)) return [];
  // Enough to act on: a generated ConfigMap of 20,000 unquoted numbers would otherwise cost seconds.
  const errors = (validate.errors ?? []).slice(0, MAX_ISSUES_PER_OBJECT);
  // A value of the wrong type also fails its enum: the type is the one to say.
  const wrongType = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const issues: SchemaIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (error.keyword === 'enum' && wrongType.has(error.instancePath)) continue;
    const issue = issueOf(object, error, typeNames, rootName);
    if (!issue) continue;
    const key = `${issue.path}:${issue.at?.[0]}:${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  // `endpoint:` for `endpoints:` is one mistake: the rename is the finding, not also "missing endpoints".
  const meant = new Set(issues.flatMap((issue) => (issue.meant ? [issue.meant] : [])));
  return meant.size === 0 ? issues : issues.filter((issue) => issue.kind !== 'required' || !meant.has(issue.path));
}

function issueOf(object: K8sObject | undefined, error: ErrorObject, typeNames: WeakMap<object, string> | undefined, rootName: string): SchemaIssue | undefined {
  const where: Partial<Located> = object ? locate(object.reader, object.root, error.instancePath) : {};
  const path = pathOf(error.instancePath);
  // `replicas: {{replicas}}` is a placeholder of some templating step (sed, envsubst, a script), parsed
  // as a mapping in a mapping: what it becomes is not in this file.
  if (isPlaceholder(where.node) || isPlaceholderText(error.data)) return undefined;
  const parentSchema = (error.parentSchema ?? {}) as Schema;
  const type = typeNames?.get(parentSchema);
  const field = fieldName(error.instancePath) ?? rootName;
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String((error.params as { additionalProperty: string }).additionalProperty);
      const map = isMap(where.node) ? where.node : undefined;
      const pair = map?.items.find((item) => isScalar(item.key) && String(item.key.value) === name);
      const at = nodeSpan(pair?.key) ?? nodeSpan(where.pair?.key) ?? nodeSpan(where.node);
      if (!at && object) return undefined;
      const suggestion = didYouMean(name, Object.keys(parentSchema.properties ?? {}));
      return {
        kind: 'unknown-field',
        at,
        path: path ? `${path}.${name}` : name,
        meant: suggestion && (path ? `${path}.${suggestion}` : suggestion),
        message: `Unknown field \`${name}\` in ${type ?? field}${suggestion ? `; did you mean \`${suggestion}\`?` : ': the API server rejects it.'}`,
        misspelled: map && pair && isScalar(pair.key) ? { key: pair.key, suggestion, parent: map } : undefined,
      };
    }
    case 'type': {
      const at = nodeSpan(where.node) ?? nodeSpan(where.pair?.key);
      if (!at && object) return undefined;
      const expected = String((error.params as { type: string | string[] }).type).split(',').map(article).join(' or ');
      return {
        kind: 'type',
        at,
        path,
        message: `\`${field}\` must be ${expected}, not ${describeValue(error.data, where.node)}${documentation(parentSchema.description)}`,
      };
    }
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const at = nodeSpan(where.pair?.key) ?? firstKeySpan(where.node) ?? nodeSpan(where.node);
      if (!at && object) return undefined;
      return {
        kind: 'required',
        at,
        path: path ? `${path}.${missing}` : missing,
        message: `${type ?? field} is missing the required field \`${missing}\`${documentation(parentSchema.properties?.[missing]?.description)}`,
      };
    }
    case 'enum': {
      const at = nodeSpan(where.node);
      if (!at && object) return undefined;
      // An empty string in the list stands for "unset" (the bundled enums allow it): not a value to suggest.
      const allowed = ((error.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String).filter((value) => value !== '').join(', ');
      return {
        kind: 'enum',
        at,
        path,
        message: `\`${field}\` must be one of ${allowed}, not ${describeValue(error.data, where.node)}${documentation(parentSchema.description)}`,
      };
    }
    default:
      return undefined;
  }
}

/** `/spec/containers/0/ports` → `spec.containers[0].ports`. */
function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, segment) => (/^\d+$/.test(segment) ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

/** The last key of a JSON pointer (`/spec/ports/0/port` → `port`), skipping list indexes. */
function fieldName(pointer: string): string | undefined {
  const segments = pointer.split('/').slice(1).filter((segment) => !/^\d+$/.test(segment));
  const last = segments.at(-1);
  return last?.replace(/~1/g, '/').replace(/~0/g, '~');
}

function article(type: string): string {
  switch (type) {
    case 'integer':
      return 'an integer';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    default:
      return `a ${type}`;
  }
}

function describeValue(value: unknown, node?: unknown): string {
  // As written: `version: 1.0` is the number 1.0, not 1.
  if (typeof value === 'number' && isScalar(node) && typeof node.source === 'string') return `the number ${node.source}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (value && typeof value === 'object') return 'a mapping';
  return String(value);
}

/** ": " and the first sentence of a field's API documentation, or nothing. */
function documentation(description: string | undefined): string {
  if (!description) return '';
  const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(description.trim())?.[0] ?? description.trim();
  const oneLine = sentence.replace(/\s+/g, ' ');
  return `: ${oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine}`;
}

/** `${REPLICAS}`, `$(PORT)`: a value envsubst or kustomize vars put in later. */
function isPlaceholderText(value: unknown): boolean {
  return typeof value === 'string' && /\$\{[^}]*\}|\$\([^)]*\)/.test(value);
}

function isPlaceholder(node: unknown): boolean {
  if (!isMap(node) || !node.flow || node.items.length !== 1) return false;
  const { key, value } = node.items[0];
  return isMap(key) && key.flow === true && (value === null || (isScalar(value) && value.value === null));
}

function firstKeySpan(node: unknown): Span | undefined {
  return isMap(node) && node.items.length > 0 ? nodeSpan(node.items[0].key) : undefined;
}

/**
 * The quick-fix of a misspelled key: renamed to the field it most likely meant, unless `present`
 * says the mapping already has that field.
 */
export function renameFix(issue: SchemaIssue, present: (parent: YAMLMap, field: string) => boolean): FixSpec | undefined {
  const misspelled = issue.misspelled;
  if (!misspelled?.suggestion || present(misspelled.parent, misspelled.suggestion)) return undefined;
  const { key, suggestion } = misspelled;
  return { title: `Rename \`${String(key.value)}\` to \`${suggestion}\``, edits: () => [replaceScalar(key, suggestion)] };
}

let shared: SchemaValidator | undefined;

/** One validator per process: its compiled kinds serve every file and every analysis. */
export function sharedSchemaValidator(): SchemaValidator {
  return (shared ??= new SchemaValidator());
}
