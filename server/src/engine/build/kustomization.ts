import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { Span } from '../types';

/** The file names kustomize looks for in a directory, in its order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** One entry of a list in a kustomization, with where it is written (what a finding points at). */
export interface Entry<T> {
  value: T;
  span: Span;
}

/** Which objects a patch applies to (`target:`, or the patch's own kind and name). */
export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  /** A patch file, relative to the kustomization's directory. */
  path?: string;
  /** An inline patch's text, and the offset in the kustomization where that text starts. */
  inline?: { text: string; offset: number };
  target?: PatchTarget;
  /** Declared as JSON 6902 (patchesJson6902), or an inline/file patch whose text is a list of operations. */
  json6902: boolean;
  span: Span;
}

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface ReplicaEntry {
  name: string;
  count: number;
}

export interface Kustomization {
  kind: 'Kustomization' | 'Component';
  /** resources and (deprecated) bases: files and directories, relative to the kustomization. */
  resources: Entry<string>[];
  components: Entry<string>[];
  patches: PatchEntry[];
  images: Entry<ImageEntry>[];
  replicas: Entry<ReplicaEntry>[];
  namespace?: Entry<string>;
  namePrefix?: Entry<string>;
  nameSuffix?: Entry<string>;
  /** Files named by transformers:/generators:/validators: (configuration for kustomize, not objects). */
  configFiles: Entry<string>[];
  /** Names of the ConfigMaps and Secrets its generators make. */
  generated: Entry<{ kind: 'ConfigMap' | 'Secret'; name: string }>[];
}

const spanOf = (node: unknown): Span => {
  const range = (node as Node | null)?.range;
  return range ? [range[0], range[1]] : [0, 0];
};

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

function stringEntries(doc: Document, key: string): Entry<string>[] {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return [];
  const out: Entry<string>[] = [];
  for (const item of seq.items) {
    const text = scalarText(item);
    if (text !== undefined) out.push({ value: text, span: spanOf(item) });
  }
  return out;
}

function mapEntries(doc: Document, key: string): Array<{ node: Node; get(field: string): string | undefined; raw(field: string): unknown }> {
  const seq = doc.get(key, true);
  if (!isSeq(seq)) return [];
  const out = [];
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    out.push({ node: item as Node, get: (field: string) => scalarText(item.get(field, true)), raw: (field: string) => item.get(field, true) });
  }
  return out;
}

function targetOf(node: unknown): PatchTarget | undefined {
  if (!isMap(node)) return undefined;
  const target: PatchTarget = {};
  for (const field of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const text = scalarText(node.get(field, true));
    if (text !== undefined) target[field] = text;
  }
  return target;
}

/** An inline patch's text and where it starts in the file (a block scalar's content starts on the next line). */
function inlineOf(node: unknown, text: string): PatchEntry['inline'] {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  const [start] = spanOf(node);
  const blockScalar = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
  const offset = blockScalar ? text.indexOf('\n', start) + 1 : start;
  return { text: node.value, offset };
}

const looksJson6902 = (text: string): boolean => /^\s*-\s*(?:\{\s*)?["']?op["']?\s*:/m.test(text) && !/^\s*kind\s*:/m.test(text);

/** Reads a kustomization file; undefined when the text is not one (no mapping at the top). */
export function parseKustomization(text: string): Kustomization | undefined {
  const doc = parseDocument(text, { prettyErrors: false });
  if (!isMap(doc.contents)) return undefined;
  const kind = scalarText(doc.get('kind', true)) === 'Component' ? 'Component' : 'Kustomization';
  const patches: PatchEntry[] = [];
  for (const entry of mapEntries(doc, 'patches')) {
    const path = entry.get('path');
    const inline = inlineOf(entry.raw('patch'), text);
    const body = inline?.text ?? '';
    patches.push({ path, inline, target: targetOf(entry.raw('target')), json6902: inline ? looksJson6902(body) : false, span: spanOf(entry.node) });
  }
  const smp = doc.get('patchesStrategicMerge', true);
  if (isSeq(smp)) {
    for (const item of smp.items) {
      const value = scalarText(item);
      if (value === undefined) continue;
      // An entry is a file name, or (rarely) a whole inline patch.
      if (/\n/.test(value) || /^\s*(apiVersion|kind)\s*:/m.test(value)) patches.push({ inline: inlineOf(item, text), json6902: false, span: spanOf(item) });
      else patches.push({ path: value, json6902: false, span: spanOf(item) });
    }
  }
  for (const entry of mapEntries(doc, 'patchesJson6902')) {
    const inline = inlineOf(entry.raw('patch'), text);
    patches.push({ path: entry.get('path'), inline, target: targetOf(entry.raw('target')), json6902: true, span: spanOf(entry.node) });
  }
  const images: Entry<ImageEntry>[] = [];
  for (const entry of mapEntries(doc, 'images')) {
    const name = entry.get('name');
    if (name === undefined) continue;
    images.push({ value: { name, newName: entry.get('newName'), newTag: entry.get('newTag'), digest: entry.get('digest') }, span: spanOf(entry.node) });
  }
  const replicas: Entry<ReplicaEntry>[] = [];
  for (const entry of mapEntries(doc, 'replicas')) {
    const name = entry.get('name');
    const count = Number(entry.get('count'));
    if (name !== undefined && Number.isInteger(count)) replicas.push({ value: { name, count }, span: spanOf(entry.node) });
  }
  const generated: Kustomization['generated'] = [];
  for (const [key, generatedKind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
    for (const entry of mapEntries(doc, key)) {
      const name = entry.get('name');
      if (name !== undefined) generated.push({ value: { kind: generatedKind, name }, span: spanOf(entry.node) });
    }
  }
  const single = (key: string): Entry<string> | undefined => {
    const node = doc.get(key, true);
    const value = scalarText(node);
    return value === undefined ? undefined : { value, span: spanOf(node) };
  };
  return {
    kind,
    resources: [...stringEntries(doc, 'resources'), ...stringEntries(doc, 'bases')],
    components: stringEntries(doc, 'components'),
    patches,
    images,
    replicas,
    namespace: single('namespace'),
    namePrefix: single('namePrefix'),
    nameSuffix: single('nameSuffix'),
    configFiles: ['transformers', 'generators', 'validators'].flatMap((key) => stringEntries(doc, key)),
    generated,
  };
}

/** A resource entry that names something kustomize fetches (a Git repository or URL), not a local path. */
export function isRemote(reference: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(reference) || /^(?:git@|github\.com\/|gitlab\.com\/|bitbucket\.org\/)/.test(reference) || /\?ref=/.test(reference);
}
