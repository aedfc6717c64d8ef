import Ajv, { type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { objectOf, type K8sObject } from '../model';
import type { KubernetesSchema } from './bundled';
import { instanceOf } from './instance';

/** What the workspace keeps of a CustomResourceDefinition: which kind it defines, and each version's schema. */
export interface CrdFacts {
  group: string;
  kind: string;
  versions: ReadonlyArray<{ name: string; served: boolean; schema: unknown }>;
}

/** A v1 CustomResourceDefinition's group, kind and versions' `openAPIV3Schema`, as plain JSON. */
export function crdFacts(object: K8sObject): CrdFacts | undefined {
  if (object.apiVersion !== 'apiextensions.k8s.io/v1' || object.kind !== 'CustomResourceDefinition') return undefined;
  const spec = instanceOf(object.reader, object.reader.get(object.root, 'spec')) as
    | { group?: unknown; names?: { kind?: unknown }; versions?: Array<{ name?: unknown; served?: unknown; schema?: { openAPIV3Schema?: unknown } }> }
    | undefined;
  if (typeof spec?.group !== 'string' || typeof spec.names?.kind !== 'string' || !Array.isArray(spec.versions)) return undefined;
  const versions = spec.versions
    .filter((version) => typeof version?.name === 'string')
    .map((version) => ({ name: String(version.name), served: version.served !== false, schema: version.schema?.openAPIV3Schema }));
  return { group: spec.group, kind: spec.names.kind, versions };
}

type Json = Record<string, unknown>;

/** The keywords of a structural schema that say what a valid object is, as ajv reads them. */
const KEPT = ['type', 'description', 'required', 'enum'] as const;

/**
 * A CRD's `openAPIV3Schema` as the API server applies it with strict field validation, for ajv:
 * an object with properties rejects others unless it preserves unknown fields or gives
 * `additionalProperties`; int-or-string takes both types. Keywords whose semantics differ
 * between OpenAPI and ajv (formats, patterns in Go syntax, CEL rules) are left to the cluster.
 */
export function toJsonSchema(schema: unknown, root = true): Json {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return {};
  const source = schema as Json;
  const out: Json = {};
  for (const key of KEPT) if (source[key] !== undefined) out[key] = source[key];
  if (source['x-kubernetes-int-or-string'] === true) out.type = ['integer', 'string'];
  // null where the schema allows it (mappings drop null entries before validation; lists keep them).
  if (source.nullable === true && out.type !== undefined) out.type = [...(Array.isArray(out.type) ? out.type : [out.type]), 'null'];
  if (source.properties && typeof source.properties === 'object') {
    out.properties = Object.fromEntries(Object.entries(source.properties as Json).map(([name, property]) => [name, toJsonSchema(property, false)]));
  }
  if (source.items && typeof source.items === 'object' && !Array.isArray(source.items)) out.items = toJsonSchema(source.items, false);
  if (source.additionalProperties !== undefined) {
    out.additionalProperties = typeof source.additionalProperties === 'object' ? toJsonSchema(source.additionalProperties, false) : source.additionalProperties;
  }
  const embedded = root || source['x-kubernetes-embedded-resource'] === true;
  if (embedded && out.properties) {
    // apiVersion, kind and metadata are the API server's, whatever the schema lists.
    const properties = out.properties as Json;
    properties.apiVersion ??= { type: 'string' };
    properties.kind ??= { type: 'string' };
    properties.metadata = { type: 'object' };
  }
  if (out.properties && source.additionalProperties === undefined && source['x-kubernetes-preserve-unknown-fields'] !== true) out.additionalProperties = false;
  return out;
}

/**
 * `make` of one served version's schema, once per CRD object (the facts object is new whenever the
 * CRD's document changes) and version; undefined for a version that is not served or has no schema.
 */
function perServedVersion<T>(make: (crd: CrdFacts, version: string, schema: object) => T | undefined): (crd: CrdFacts, version: string) => T | undefined {
  const made = new WeakMap<CrdFacts, Map<string, T | undefined>>();
  return (crd, version) => {
    let byVersion = made.get(crd);
    if (!byVersion) made.set(crd, (byVersion = new Map()));
    if (byVersion.has(version)) return byVersion.get(version);
    const entry = crd.versions.find((v) => v.name === version && v.served);
    const value = entry?.schema && typeof entry.schema === 'object' ? make(crd, version, entry.schema) : undefined;
    byVersion.set(version, value);
    return value;
  };
}

/** The validator of one served version of a CRD, compiled once per CRD text. */
export const crdValidator = perServedVersion<ValidateFunction>((_crd, _version, schema) => {
  try {
    // An Ajv of its own: ajv keeps every schema it compiled, and a CRD is compiled again after each edit.
    return new Ajv({ allErrors: true, verbose: true, strict: false, validateFormats: false, code: { optimize: false } }).compile(toJsonSchema(schema));
  } catch {
    // A schema ajv cannot compile (the API server would reject the CRD itself): its resources go unchecked.
    return undefined;
  }
});

/**
 * One served version of a CRD in the shape of the bundled schema (one definition, one kind), so
 * that hover and completion read custom resources as they read built-in kinds.
 */
export const crdAsSchema = perServedVersion<KubernetesSchema>((crd, version, schema) => ({
  $id: `crd:${crd.group}/${version}/${crd.kind}`,
  'x-kube-prod': { kubernetesVersion: '', kinds: { [`${crd.group}/${version}/${crd.kind}`]: 'custom' } },
  definitions: { custom: toJsonSchema(schema) },
}));

/** What crdDefining reads of the workspace index (declared here, so that the schema code does not import the workspace's). */
export interface CrdSource {
  allOfKind(kind: string): ReadonlyArray<{ uri: string; facts: { crd?: CrdFacts } }>;
  /** CRDs from outside the workspace (folders named in the settings): the workspace's own win. */
  readonly externalCrds?: readonly CrdFacts[];
}

/** The workspace's CRD for a group and kind: the first by file when several define it. */
export function crdDefining(index: CrdSource, group: string, kind: string): CrdFacts | undefined {
  let found: { crd: CrdFacts; uri: string } | undefined;
  for (const resource of index.allOfKind('CustomResourceDefinition')) {
    const crd = resource.facts.crd;
    if (crd?.group === group && crd.kind === kind && (!found || resource.uri < found.uri)) found = { crd, uri: resource.uri };
  }
  return found?.crd ?? index.externalCrds?.find((crd) => crd.group === group && crd.kind === kind);
}

/** The v1 CustomResourceDefinitions of a file's text (a CRD folder named in the settings). */
export function crdsOfText(text: string): CrdFacts[] {
  try {
    return parseAllDocuments(text, { prettyErrors: false }).flatMap((doc) => {
      const object = doc.errors.length === 0 ? objectOf(doc) : undefined;
      const crd = object && crdFacts(object);
      return crd ? [crd] : [];
    });
  } catch {
    return [];
  }
}
