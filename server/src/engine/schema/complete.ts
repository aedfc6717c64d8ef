import { bundledSchema, type KubernetesSchema } from './bundled';

/** One completion: a field name (with its type and documentation) or an allowed value. */
export interface SchemaCompletion {
  label: string;
  kind: 'field' | 'value';
  /** What to insert: `livenessProbe:` and a space for a field, the value itself for a value. */
  insertText: string;
  detail: string;
  documentation: string | undefined;
  required?: boolean;
}

type Schema = {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
};

interface Line {
  /** Column of the key (after any `- `). */
  keyColumn: number;
  /** Column of a `- ` before the key, if the line starts a list item. */
  dashColumn: number | undefined;
  key: string | undefined;
}

const LINE = /^(\s*)(?:(-)(\s+))?(?:("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?:\s|$))?/;

function parseLine(text: string): Line | undefined {
  if (/^\s*(?:#.*)?$/.test(text)) return undefined;
  const match = LINE.exec(text);
  if (!match) return undefined;
  const indent = match[1].length;
  const dashColumn = match[2] ? indent : undefined;
  const keyColumn = match[2] ? indent + 1 + match[3].length : indent;
  const key = match[4]?.replace(/^["']|["']$/g, '');
  return { keyColumn, dashColumn, key };
}

function resolve(schema: KubernetesSchema, node: Schema | undefined): Schema | undefined {
  let current = node;
  for (let hops = 0; current?.$ref && hops < 8; hops++) current = schema.definitions[current.$ref.slice(current.$ref.lastIndexOf('/') + 1)] as Schema | undefined;
  return current;
}

function typeLabel(schema: KubernetesSchema, node: Schema): string {
  const name = node.$ref ? node.$ref.slice(node.$ref.lastIndexOf('.') + 1) : undefined;
  const resolved = resolve(schema, node);
  const type = Array.isArray(resolved?.type) ? resolved.type.join(' or ') : resolved?.type;
  if (type === 'array' && resolved?.items) return `list of ${typeLabel(schema, resolved.items)}`;
  return name ?? type ?? 'any';
}

/** The top-level `apiVersion:` and `kind:` of a document's text, as written (it may not parse while typed). */
function identity(text: string): { apiVersion: string; kind: string } | undefined {
  const apiVersion = /^apiVersion:[ \t]*["']?([^\s"'#]+)/m.exec(text)?.[1];
  const kind = /^kind:[ \t]*["']?([^\s"'#]+)/m.exec(text)?.[1];
  return apiVersion && kind ? { apiVersion, kind } : undefined;
}

/**
 * Completions at `line`/`character` of one document's text for an object of a built-in kind: the
 * fields of the mapping the cursor is in (those not written yet, required ones first), or the
 * allowed values after `field: `. The path is read from the indentation of the lines above, since
 * a document being typed often does not parse.
 */
export function completionsAt(
  text: string,
  line: number,
  character: number,
  /** The schema of a kind: the bundled API's by default; the server adds the workspace's CRDs. */
  schemaFor: (apiVersion: string, kind: string) => KubernetesSchema | undefined = () => bundledSchema(),
): SchemaCompletion[] {
  const who = identity(text);
  const schema = who && schemaFor(who.apiVersion, who.kind);
  const definition = who && schema?.['x-kube-prod'].kinds[`${who.apiVersion}/${who.kind}`];
  if (!schema || !definition) return [];
  const lines = text.split(/\r?\n/);
  const before = (lines[line] ?? '').slice(0, character);
  const valueMatch = /^(\s*)(?:-\s+)?([\w.-]+):[ \t]+["']?([\w.-]*)$/.exec(before);
  const keyMatch = /^(\s*)(?:(-)(\s+))?([\w.-]*)$/.exec(before);
  if (!valueMatch && !keyMatch) return [];
  const current = parseLine(before.replace(/[\w.-]*$/, 'x')) ?? { keyColumn: before.length, dashColumn: undefined, key: undefined };
  // The path of keys from the root to the mapping the cursor's key belongs to.
  const path: string[] = [];
  let target = current.keyColumn;
  let inItem = current.dashColumn !== undefined;
  if (inItem) {
    path.unshift('[]');
    target = current.dashColumn!;
  }
  const siblings = new Set<string>();
  let collecting = !inItem;
  for (let i = line - 1; i >= 0 && (target > 0 || inItem || collecting); i--) {
    const parsed = parseLine(lines[i]);
    if (!parsed) continue;
    if (collecting && parsed.keyColumn === target && parsed.key) siblings.add(parsed.key);
    if (parsed.dashColumn !== undefined && parsed.keyColumn === target && !inItem) {
      // The first key of this list item: the rest of the path is the list's.
      path.unshift('[]');
      target = parsed.dashColumn;
      inItem = true;
      collecting = false;
      continue;
    }
    const parentColumn = parsed.dashColumn ?? parsed.keyColumn;
    if (parsed.key && (parsed.keyColumn < target || (inItem && parsed.keyColumn === target && parsed.dashColumn === undefined))) {
      path.unshift(parsed.key);
      target = parsed.dashColumn !== undefined ? parsed.dashColumn : parsed.keyColumn;
      inItem = parsed.dashColumn !== undefined;
      if (inItem) path.unshift('[]');
      collecting = false;
      continue;
    }
    if (parentColumn < target) return [];
  }
  if (target > 0 || inItem) return [];
  // `- name: x` starts the item whose fields we are in: its own key is a sibling too.
  if (current.dashColumn === undefined) {
    for (let i = line + 1; i < lines.length; i++) {
      const parsed = parseLine(lines[i]);
      if (!parsed) continue;
      // Deeper lines are a sibling's value; a shallower line or the next list item ends the mapping.
      if (parsed.keyColumn > current.keyColumn && parsed.dashColumn === undefined) continue;
      if (parsed.keyColumn !== current.keyColumn || parsed.dashColumn !== undefined) break;
      if (parsed.key) siblings.add(parsed.key);
    }
  }
  let node = resolve(schema, { $ref: `#/definitions/${definition}` });
  for (const segment of path) {
    node = resolve(schema, segment === '[]' ? node?.items : node?.properties?.[segment]);
    if (!node) return [];
  }
  if (valueMatch) {
    const field = node?.properties?.[valueMatch[2]];
    const target = resolve(schema, field);
    const values = Array.isArray(target?.enum) ? target.enum.map(String).filter((value) => value !== '') : target?.type === 'boolean' ? ['true', 'false'] : [];
    return values.map((value) => ({ label: value, kind: 'value', insertText: value, detail: typeLabel(schema, field!), documentation: field?.description ?? target?.description }));
  }
  const required = new Set(node?.required ?? []);
  return Object.entries(node?.properties ?? {})
    .filter(([name]) => !siblings.has(name) && !['apiVersion', 'kind', 'status'].includes(name))
    .map(([name, property]) => ({
      label: name,
      kind: 'field' as const,
      insertText: `${name}: `,
      detail: `${typeLabel(schema, property)}${required.has(name) ? ' (required)' : ''}`,
      documentation: property.description ?? resolve(schema, property)?.description,
      required: required.has(name),
    }))
    .sort((a, b) => Number(b.required) - Number(a.required) || a.label.localeCompare(b.label));
}
