// Derives schemas/kubernetes-<version>.json from the Kubernetes OpenAPI document vendored in
// third_party/k8s-openapi: what the extension and the CLI validate manifests with, offline.
//
//   node scripts/generate-k8s-schema.mjs          writes the file
//   node scripts/generate-k8s-schema.mjs --check  exits 1 when the committed file is not what it would write
//
// Upstream's spec never says `additionalProperties: false`, so a schema taken as is accepts any
// misspelled field. The derived schema is strict the way kubeconform's are: an object type with
// properties rejects others, unless the spec makes it free-form (`additionalProperties` given, or
// `x-kubernetes-preserve-unknown-fields`). Formats the API accepts in two JSON types (int-or-string,
// quantities) become both types. Enumerations the spec gives only in prose ("One of Always, Never,
// IfNotPresent.") become `enum` where the sentence lists plain identifiers and nothing says the list
// may grow; an empty string is allowed too, since the API server takes it for unset and fills in the
// default (Helm renders `imagePullPolicy: ""` often).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VERSION = '1.36';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'third_party', 'k8s-openapi', `swagger-${VERSION}.json`);
const target = join(root, 'schemas', `kubernetes-${VERSION}.json`);

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
/** Object types whose content is any JSON (the spec gives them no properties). */
const FREE_FORM = new Set(['io.k8s.apimachinery.pkg.runtime.RawExtension', 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON']);

const IDENTIFIER = /^[A-Z][A-Za-z0-9]*$/;
/** "One of A, B, C." / "Valid options are A, B, and C." / "Must be A, B, or C." / "Can be "A" or "B"." */
const ENUM_SENTENCE = /(?:^|\.\s+|\n)(?:One of|Valid options are|Valid values are|Must be one of|Must be|Can be)\s+([^.:\n]+?)\s*\./g;
/** Prose that says the list is not closed. */
const OPEN_LIST = /could be added|may be added|can be added|in the future|or a custom|or any|other values|and others|e\.g\./i;

/** The identifiers of an enumerating sentence, or undefined when it lists anything else. */
function listedValues(list) {
  const items = list
    .split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/)
    .map((item) => item.trim().replace(/^"(.*)"$/, '$1').replace(/^`"?(.*?)"?`$/, '$1'))
    .filter((item) => item.length > 0);
  if (items.length < 2 || !items.every((item) => IDENTIFIER.test(item))) return undefined;
  return [...new Set(items)];
}

/** The enumeration a string field's description states, if it states exactly one. */
export function enumOf(description) {
  if (typeof description !== 'string' || OPEN_LIST.test(description)) return undefined;
  const found = [];
  for (const match of description.matchAll(ENUM_SENTENCE)) {
    const values = listedValues(match[1]);
    if (values) found.push(values);
  }
  return found.length === 1 ? found[0] : undefined;
}

function convert(node) {
  if (Array.isArray(node)) return node.map(convert);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    // Vendor extensions and formats: no validation keyword of ours reads them.
    if (key.startsWith('x-') || key === 'format') continue;
    if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, convert(property)]));
    else out[key] = convert(value);
  }
  if (node['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
  } else if (node.properties && node.additionalProperties === undefined && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    out.additionalProperties = false;
  }
  if (node.type === 'string' && !node.enum) {
    const values = enumOf(node.description);
    if (values) out.enum = [...values, ''];
  }
  return out;
}

function derive(swagger) {
  const definitions = {};
  const kinds = {};
  for (const [name, definition] of Object.entries(swagger.definitions)) {
    let converted = convert(definition);
    if (name === INT_OR_STRING) converted = { description: definition.description, type: ['integer', 'string'] };
    else if (name === QUANTITY) converted = { description: definition.description, type: ['string', 'number'] };
    else if (FREE_FORM.has(name)) converted = { description: definition.description };
    definitions[name] = converted;
    for (const gvk of definition['x-kubernetes-group-version-kind'] ?? []) {
      const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
      // Only the kinds one writes in a manifest: each has apiVersion, kind and metadata properties.
      if (!definition.properties?.apiVersion || !definition.properties?.kind || !definition.properties?.metadata) continue;
      kinds[`${apiVersion}/${gvk.kind}`] = name;
    }
  }
  return {
    $id: `kubernetes-${VERSION}`,
    $comment: `Derived by scripts/generate-k8s-schema.mjs from the Kubernetes ${VERSION} OpenAPI document (third_party/k8s-openapi/swagger-${VERSION}.json; Apache License 2.0, copyright The Kubernetes Authors). Do not edit: regenerate.`,
    'x-kube-prod': { kubernetesVersion: VERSION, kinds: Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b))) },
    definitions,
  };
}

const text = `${JSON.stringify(derive(JSON.parse(readFileSync(source, 'utf8'))))}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (committed !== text) {
    console.error(`${target} is not what scripts/generate-k8s-schema.mjs derives: run it and commit the result.`);
    process.exit(1);
  }
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(target, text);
  console.log(`wrote ${target} (${(text.length / 1024).toFixed(0)} KiB)`);
}
