import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { K8sObject } from '../model';
import { nodeSpan } from '../nodes';
import type { Span } from '../types';
import { bundledSchema, type KubernetesSchema } from './bundled';

/** What the API says about one field of an object: for a hover over its key. */
export interface FieldDocumentation {
  /** `spec.template.spec.containers[].livenessProbe` */
  path: string;
  /** The key under the cursor. */
  at: Span;
  /** `Probe`, `integer`, `map of string`... */
  type: string;
  description: string | undefined;
  required: boolean;
  enum?: string[];
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
};

/** The definition a `$ref` names, and its short name (`Probe`). */
function follow(schema: KubernetesSchema, node: Schema): { schema: Schema; name: string | undefined } {
  let current = node;
  let name: string | undefined;
  for (let hops = 0; current.$ref && hops < 8; hops++) {
    const full = current.$ref.slice(current.$ref.lastIndexOf('/') + 1);
    name = full.slice(full.lastIndexOf('.') + 1);
    // The field's own words come first: a property's description beside its $ref says what it is for.
    const description: string | undefined = current.description;
    current = { ...(schema.definitions[full] as Schema), ...(description ? { description } : {}) };
  }
  return { schema: current, name };
}

function typeOf(schema: KubernetesSchema, node: Schema): string {
  const { schema: resolved, name } = follow(schema, node);
  const type = Array.isArray(resolved.type) ? resolved.type.join(' or ') : resolved.type;
  // A named type (Probe, Quantity, IntOrString) says more than its JSON type.
  if (name && (resolved.properties || type !== 'array')) return type && type !== 'object' ? `${name} (${type})` : name;
  if (type === 'array' && resolved.items) return `list of ${typeOf(schema, resolved.items)}`;
  if (type === 'object' && resolved.additionalProperties && typeof resolved.additionalProperties === 'object') return `map of ${typeOf(schema, resolved.additionalProperties)}`;
  return type ?? name ?? 'any';
}

/**
 * The field whose key is at `offset` in an object of a built-in kind, with its documentation from
 * the bundled API schema; undefined off a key, or where the schema says nothing (custom resources,
 * free-form maps such as labels).
 */
export function fieldAt(object: K8sObject, offset: number, schema: KubernetesSchema = bundledSchema()): FieldDocumentation | undefined {
  const definition = schema['x-kube-prod'].kinds[`${object.apiVersion}/${object.kind}`];
  if (!definition) return undefined;
  let current: Schema = { $ref: `#/definitions/${definition}` };
  let node: Node | undefined = object.root;
  const path: string[] = [];
  for (let depth = 0; depth < 100; depth++) {
    const resolvedSchema = follow(schema, current).schema;
    const resolved = object.reader.resolve(node);
    if (isMap(resolved)) {
      const pair = resolved.items.find((item) => {
        const span = nodeSpan(item);
        return span !== undefined && offset >= span[0] && offset <= span[1];
      });
      if (!pair || !isScalar(pair.key)) return undefined;
      const key = String(pair.key.value);
      const property = resolvedSchema.properties?.[key] ?? (typeof resolvedSchema.additionalProperties === 'object' ? resolvedSchema.additionalProperties : undefined);
      if (!property) return undefined;
      path.push(key);
      const keySpan = nodeSpan(pair.key);
      if (keySpan && offset >= keySpan[0] && offset <= keySpan[1]) {
        if (!resolvedSchema.properties?.[key]) return undefined;
        const target = follow(schema, property).schema;
        return {
          path: path.join('.').replace(/\.\[\]/g, '[]'),
          at: keySpan,
          type: typeOf(schema, property),
          description: property.description ?? target.description,
          required: resolvedSchema.required?.includes(key) ?? false,
          ...(Array.isArray(target.enum) ? { enum: target.enum.map(String).filter((value) => value !== '') } : {}),
        };
      }
      current = property;
      node = pair.value as Node | undefined;
    } else if (isSeq(resolved)) {
      const item = resolved.items.find((child) => {
        const span = nodeSpan(child);
        return span !== undefined && offset >= span[0] && offset <= span[1];
      });
      if (!item || !resolvedSchema.items) return undefined;
      path.push('[]');
      current = resolvedSchema.items;
      node = item as Node;
    } else {
      return undefined;
    }
  }
  return undefined;
}
