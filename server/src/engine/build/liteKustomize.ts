// A kustomize build without kustomize: what a kustomization says directly about its resources
// (namespace, name prefix and suffix, images, replicas) applied to them. Patches and generators
// need the real tool; the caller says once that overlays were not rendered.
import { isMap, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { isClusterScoped } from '../kinds';
import type { BuiltObject } from './kustomize';
import type { FileTree, KustomizationNode, KustomizePlan } from './tree';

/** Every object the root builds on, with its kustomizations' transformers applied (innermost first). */
export function liteKustomize(plan: KustomizePlan, root: string, tree: FileTree): BuiltObject[] {
  const objects: BuiltObject[] = [];
  const visit = (dir: string, outer: KustomizationNode[], seen: Set<string>): void => {
    const node = plan.nodes.get(dir);
    if (!node || seen.has(dir)) return;
    seen.add(dir);
    const layers = [node, ...outer];
    for (const file of node.resourceFiles) {
      const text = tree.read(file);
      if (text === undefined) continue;
      for (const doc of parseAllDocuments(text, { prettyErrors: false })) {
        if (!isMap(doc.contents) || doc.errors.length > 0 || doc.has('$patch')) continue;
        for (const layer of layers) transform(doc, layer);
        objects.push({ text: doc.toString({ lineWidth: 0 }), originFile: file, generated: false });
      }
    }
    for (const child of node.includes) visit(child, layers, seen);
  };
  visit(root, [], new Set());
  return objects;
}

function transform(doc: Document, node: KustomizationNode): void {
  const { model } = node;
  const kind = doc.get('kind');
  const name = doc.getIn(['metadata', 'name']);
  if (typeof name === 'string' && (model.namePrefix || model.nameSuffix)) {
    doc.setIn(['metadata', 'name'], `${model.namePrefix?.value ?? ''}${name}${model.nameSuffix?.value ?? ''}`);
  }
  if (model.namespace && typeof kind === 'string' && !isClusterScoped(kind)) doc.setIn(['metadata', 'namespace'], model.namespace.value);
  for (const { value: entry } of model.replicas) {
    if (entry.name === name && doc.hasIn(['spec'])) doc.setIn(['spec', 'replicas'], entry.count);
  }
  if (model.images.length > 0) forEachImage(doc, (image) => retag(image, model.images.map((e) => e.value)));
}

/** Calls `change` on every container image string of the object, writing back what it returns. */
function forEachImage(doc: Document, change: (image: string) => string): void {
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if ((key === 'containers' || key === 'initContainers' || key === 'ephemeralContainers') && isSeq(pair.value)) {
          for (const container of pair.value.items) {
            if (!isMap(container)) continue;
            const image = container.get('image', true);
            if (isScalar(image) && typeof image.value === 'string') image.value = change(image.value);
          }
        } else visit(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(visit);
  };
  visit(doc.contents);
}

function retag(image: string, entries: ReadonlyArray<{ name: string; newName?: string; newTag?: string; digest?: string }>): string {
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = withoutDigest.lastIndexOf(':');
  const hasTag = colon > withoutDigest.lastIndexOf('/');
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  const entry = entries.find((e) => e.name === name);
  if (!entry) return image;
  const newName = entry.newName ?? name;
  if (entry.digest) return `${newName}@${entry.digest}`;
  if (entry.newTag) return `${newName}:${entry.newTag}`;
  return `${newName}${image.slice(name.length)}`;
}
