// kustomize's output read back to its sources: which file each object came from (kustomize's own
// origin annotations), and which line of which file set the field a finding is about: a patch, a
// transformer entry of a kustomization (images, replicas, namespace) or the base resource.
import { resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { Span } from '../types';
import type { BuildMapper, SourceSpot } from './check';
import type { Entry, ImageEntry, PatchTarget } from './kustomization';
import type { FileTree, KustomizationNode, KustomizePlan } from './tree';
import { isPrefix, locate, nodeAt, pathAt, type YamlPath } from './yamlPath';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';
export const TRANSFORMATIONS_ANNOTATION = 'alpha.config.kubernetes.io/transformations';

/** One object of a kustomize build, with where kustomize says it came from. */
export interface BuiltObject {
  /** The object's YAML, without the annotations kube-prod asked kustomize to add. */
  text: string;
  /** The resource file it was read from (absolute), or the kustomization whose generator made it. */
  originFile: string | undefined;
  /** True when a generator made it (originFile is then a kustomization). */
  generated: boolean;
}

/**
 * Splits `kustomize build` output made with `buildMetadata: [originAnnotations]`; origin paths are
 * relative to `buildDir`, the directory of the kustomization that asked for the annotations.
 */
export function readKustomizeOutput(output: string, buildDir: string): BuiltObject[] {
  const objects: BuiltObject[] = [];
  for (const doc of parseAllDocuments(output, { prettyErrors: false })) {
    if (!isMap(doc.contents)) continue;
    const origin = doc.getIn(['metadata', 'annotations', ORIGIN_ANNOTATION]);
    let originFile: string | undefined;
    let generated = false;
    if (typeof origin === 'string') {
      const parsed = parseDocument(origin).toJS() as { path?: string; configuredIn?: string } | null;
      if (parsed?.path) originFile = resolve(buildDir, parsed.path);
      else if (parsed?.configuredIn) {
        originFile = resolve(buildDir, parsed.configuredIn);
        generated = true;
      }
    }
    doc.deleteIn(['metadata', 'annotations', ORIGIN_ANNOTATION]);
    doc.deleteIn(['metadata', 'annotations', TRANSFORMATIONS_ANNOTATION]);
    const annotations = doc.getIn(['metadata', 'annotations'], true);
    if (isMap(annotations) && annotations.items.length === 0) doc.deleteIn(['metadata', 'annotations']);
    objects.push({ text: doc.toString({ lineWidth: 0 }), originFile, generated });
  }
  return objects;
}

/** The kustomizations from `root` down to the one that lists `file` (outermost first); empty when none does. */
export function chainTo(plan: KustomizePlan, root: string, file: string): KustomizationNode[] {
  const seen = new Set<string>();
  const walk = (dir: string): KustomizationNode[] | undefined => {
    const node = plan.nodes.get(dir);
    if (!node || seen.has(dir)) return undefined;
    seen.add(dir);
    if (node.resourceFiles.includes(file) || node.file === file) return [node];
    for (const child of node.includes) {
      const below = walk(child);
      if (below) return [node, ...below];
    }
    return undefined;
  };
  return walk(root) ?? [];
}

interface ObjectIdentity {
  kind: string;
  name: string;
}

function identityOf(doc: Document): ObjectIdentity | undefined {
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  return typeof kind === 'string' && (typeof name === 'string' || typeof name === 'number') ? { kind, name: String(name) } : undefined;
}

/**
 * The document of `text` that is the base of an object kustomize renamed: the same kind, and the
 * rendered name is the base name with the chain's prefixes and suffixes (exactly), or failing that
 * (a generator's hash, a transformer we do not model) the longest base name it contains.
 */
function baseDocument(text: string, rendered: ObjectIdentity, chain: readonly KustomizationNode[]): Document | undefined {
  const prefix = chain.map((node) => node.model.namePrefix?.value ?? '').join('');
  const suffix = [...chain].reverse().map((node) => node.model.nameSuffix?.value ?? '').join('');
  let best: Document | undefined;
  let bestLength = -1;
  for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
    const id = identityOf(doc);
    if (!id || id.kind !== rendered.kind) continue;
    if (rendered.name === `${prefix}${id.name}${suffix}` || rendered.name === id.name) return doc;
    if (rendered.name.includes(id.name) && id.name.length > bestLength) {
      best = doc;
      bestLength = id.name.length;
    }
  }
  return best;
}

/** kustomize's target names are (Go) regular expressions; one JavaScript cannot read is compared as text. */
function nameMatches(pattern: string, name: string): boolean {
  // Go's leading flag group, `(?i)web`, is a JavaScript flag.
  const flags = /^\(\?([ims]+)\)/.exec(pattern);
  try {
    return new RegExp(`^(?:${flags ? pattern.slice(flags[0].length) : pattern})$`, flags?.[1] ?? '').test(name);
  } catch {
    return pattern === name;
  }
}

/**
 * Does a patch document apply to the object? Patches name the object as its bases do (before any
 * prefix or suffix): `baseName`. A target with a label or annotation selector is not modelled:
 * the patch is not named for the finding (the base or transformer line is, which is never wrong
 * about where the object comes from).
 */
function patchTargets(patchDoc: Document, target: PatchTarget | undefined, kind: string, baseName: string): boolean {
  if (target?.labelSelector !== undefined || target?.annotationSelector !== undefined) return false;
  if (target?.kind !== undefined && target.kind !== kind) return false;
  if (target?.name !== undefined && !nameMatches(target.name, baseName)) return false;
  if (target?.kind !== undefined || target?.name !== undefined) return true;
  const id = identityOf(patchDoc);
  return !!id && id.kind === kind && id.name === baseName;
}

/** A JSON pointer (`/spec/template/spec/containers/0/image`) as path steps. */
function pointerPath(pointer: string): YamlPath {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? { index: Number(part) } : part));
}

/** Steps matched by position only (a JSON 6902 path has indices, no names). */
const byIndex = (path: YamlPath): YamlPath => path.map((s) => (typeof s === 'string' ? s : { index: s.index }));

export interface KustomizeMapping {
  /** The line that set the field (or the base object's), to report the finding on. */
  spot: SourceSpot;
  /** What set it: shown when it is not the base file itself. */
  via: 'patch' | 'images' | 'replicas' | 'namespace' | 'generator' | 'base';
}

/**
 * Where a finding on a built object belongs. `applyPatches`: the build applied the patches (a real
 * render); without a renderer they were not applied, and naming a patch line would be wrong.
 */
export function mapKustomizeFinding(
  built: BuiltObject,
  renderedDoc: Document,
  offset: number,
  chain: readonly KustomizationNode[],
  tree: FileTree,
  applyPatches: boolean,
): KustomizeMapping | undefined {
  const object = identityOf(renderedDoc);
  const path = pathAt(renderedDoc, offset);
  if (!object || !built.originFile) return undefined;
  if (built.generated) {
    const owner = chain.find((node) => node.file === built.originFile);
    // A generated name is the generator's name, the chain's prefixes and suffixes, and a content hash.
    const generator = owner?.model.generated.find((g) => g.value.kind === object.kind && new RegExp(`(^|-)${g.value.name.replace(/[^\w]/g, '\\$&')}(-[a-z0-9]{10})?($|-)`).test(object.name));
    return generator ? { spot: { file: built.originFile, span: generator.span }, via: 'generator' } : undefined;
  }
  const text = tree.read(built.originFile);
  const base = text !== undefined ? baseDocument(text, object, chain) : undefined;
  const baseName = base ? identityOf(base)?.name : undefined;
  const inBase = base ? locate(base, path) : undefined;
  // A `- name:` that only says which item a patch changes is the base's, unless the patch adds the item.
  const patchable = applyPatches && baseName !== undefined && !(isIdentity(path) && inBase?.depth === path.length);
  // kustomize applies the outermost kustomization last, and within one its patches in order, then
  // its images and replicas transformers: the last to touch the field is the one to name.
  for (const node of chain) {
    const transformer = transformerSpot([node], path, renderedDoc, baseName);
    if (transformer) return transformer;
    if (!patchable) continue;
    for (const patch of [...node.patches].reverse()) {
      const spot = patchSpot(patch, node, object.kind, baseName, path, tree);
      if (spot) return { spot, via: 'patch' };
    }
  }
  if (!base || !inBase) return undefined;
  const span = inBase.depth > 0 ? inBase.span : kindSpan(base) ?? inBase.span;
  return { spot: { file: built.originFile, span }, via: 'base' };
}

/**
 * Fields a patch writes to say what it patches, not to change it: kind, apiVersion, the object's
 * name and namespace, and the `name` of a list item (the merge key of containers, env, ports...).
 */
function isIdentity(path: YamlPath): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'kind' || path[0] === 'apiVersion' || path[0] === 'metadata';
  if (path.length === 2 && path[0] === 'metadata') return path[1] === 'name' || path[1] === 'namespace';
  return path[path.length - 1] === 'name' && typeof path[path.length - 2] !== 'string';
}

function kindSpan(doc: Document): Span | undefined {
  if (!isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
  const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
  return range ? [range[0], range[1]] : undefined;
}

function patchSpot(
  patch: KustomizationNode['patches'][number],
  node: KustomizationNode,
  kind: string,
  baseName: string,
  path: YamlPath,
  tree: FileTree,
): SourceSpot | undefined {
  const text = patch.inline?.text ?? (patch.file !== undefined ? tree.read(patch.file) : undefined);
  if (text === undefined) return undefined;
  const file = patch.inline ? node.file : patch.file!;
  // An inline patch is a block scalar, indented in the kustomization: its offsets are mapped back line by line.
  const toFile = (span: Span): Span => (patch.inline ? inlineSpan(node.text, patch.inline.offset, text, span) : span);
  for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
    if (isSeq(doc.contents)) {
      if (!patch.target || !patchTargets(doc, patch.target, kind, baseName)) continue;
      for (const op of doc.contents.items) {
        if (!isMap(op)) continue;
        const pointer = op.get('path');
        if (typeof pointer !== 'string' || !isPrefix(pointerPath(pointer), byIndex(path))) continue;
        const range = (op.get('path', true) as { range?: [number, number, number] } | undefined)?.range;
        if (range) return { file, span: toFile([range[0], range[1]]) };
      }
      continue;
    }
    if (!isMap(doc.contents) || !patchTargets(doc, patch.target, kind, baseName)) continue;
    const found = locate(doc, path);
    if (found && found.depth === path.length) return { file, span: toFile(found.span) };
  }
  return undefined;
}

/**
 * An offset in an inline patch's parsed text, as an offset in the kustomization file: the block
 * scalar's lines sit there with extra indentation, the same lines in the same order.
 */
function inlineSpan(fileText: string, start: number, patchText: string, span: Span): Span {
  const map = (offset: number): number => {
    const before = patchText.slice(0, offset);
    const line = before.split('\n').length - 1;
    const column = offset - (before.lastIndexOf('\n') + 1);
    let at = start;
    for (let i = 0; i < line; i++) at = fileText.indexOf('\n', at) + 1;
    const lineText = fileText.slice(at, fileText.indexOf('\n', at) < 0 ? undefined : fileText.indexOf('\n', at));
    const indent = lineText.length - lineText.trimStart().length;
    const patchLine = patchText.split('\n')[line] ?? '';
    const patchIndent = patchLine.length - patchLine.trimStart().length;
    return at + indent - patchIndent + column;
  };
  return [map(span[0]), map(span[1])];
}

/** The image's name as kustomize's images: entries match it: without tag or digest. */
function imageName(image: string): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

function transformerSpot(chain: readonly KustomizationNode[], path: YamlPath, rendered: Document, baseName: string | undefined): KustomizeMapping | undefined {
  const last = path[path.length - 1];
  if (path.length === 2 && path[0] === 'metadata' && last === 'namespace') {
    const node = chain.find((n) => n.model.namespace);
    if (node) return { spot: { file: node.file, span: node.model.namespace!.span }, via: 'namespace' };
  }
  if (path.length === 2 && path[0] === 'spec' && last === 'replicas') {
    const name = rendered.getIn(['metadata', 'name']);
    for (const node of chain) {
      const entry = node.model.replicas.find((r) => r.value.name === baseName || r.value.name === name);
      if (entry) return { spot: { file: node.file, span: entry.span }, via: 'replicas' };
    }
  }
  if (last === 'image') {
    const node = nodeAt(rendered, path);
    const image = isScalar(node) ? node.value : undefined;
    if (typeof image === 'string') {
      const name = imageName(image);
      for (const node of chain) {
        const entry: Entry<ImageEntry> | undefined = node.model.images.find((e) => (e.value.newName ?? e.value.name) === name || e.value.name === name);
        if (entry) return { spot: { file: node.file, span: entry.span }, via: 'images' };
      }
    }
  }
  return undefined;
}


/**
 * Maps findings on a kustomize build's objects to their sources. `rendered`: kustomize itself built
 * them (patches applied); otherwise they come from liteKustomize.
 */
export function kustomizeMapper(objects: readonly BuiltObject[], plan: KustomizePlan, root: string, tree: FileTree, rendered: boolean): BuildMapper {
  const chains = new Map<string, KustomizationNode[]>();
  const chainOf = (file: string): KustomizationNode[] => {
    let chain = chains.get(file);
    if (!chain) chains.set(file, (chain = chainTo(plan, root, file)));
    return chain;
  };
  return {
    map(index, doc, span) {
      const built = objects[index];
      if (!built.originFile) return undefined;
      const mapping = mapKustomizeFinding(built, doc, span[0], chainOf(built.originFile), tree, rendered);
      return mapping && { spot: mapping.spot };
    },
    fallback(index) {
      const built = objects[index];
      const file = built.originFile ?? plan.nodes.get(root)?.file;
      if (!file) return undefined;
      const text = tree.read(file);
      if (text === undefined) return { file, span: [0, 0] };
      const object = identityOf(parseDocument(built.text));
      const base = object && !built.generated ? baseDocument(text, object, chainOf(file)) : undefined;
      const own = base && kindSpan(base);
      if (own) return { file, span: own };
      const kind = /^kind[ \t]*:/m.exec(text);
      return { file, span: kind ? [kind.index, kind.index + 4] : [0, 0] };
    },
  };
}
