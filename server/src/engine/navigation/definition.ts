import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FileAnalysis } from '../analyzer';
import { nodeSpan } from '../nodes';
import { shiftRange, type Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';

/** Where a reference leads: an object of the workspace, by its `kind:` line. */
export interface Target {
  uri: string;
  range: Range;
}

type Document = FileAnalysis['documents'][number];

/** The keys from the object's root to the scalar at `offset` (`[]` for a list item), and that scalar. */
function pathTo(document: Document, offset: number): { path: string[]; value: string } | undefined {
  const object = document.object;
  if (!object) return undefined;
  const path: string[] = [];
  let node: Node | undefined = object.root;
  for (let depth = 0; depth < 100; depth++) {
    const resolved = object.reader.resolve(node);
    const within = (candidate: unknown): boolean => {
      const span = nodeSpan(candidate);
      return span !== undefined && offset >= span[0] && offset <= span[1];
    };
    if (isMap(resolved)) {
      const pair = resolved.items.find(within);
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      node = pair.value as Node | undefined;
    } else if (isSeq(resolved)) {
      const item = resolved.items.find(within);
      if (!item) return undefined;
      path.push('[]');
      node = item as Node;
    } else if (isScalar(resolved) && within(resolved) && (typeof resolved.value === 'string' || typeof resolved.value === 'number')) {
      return { path, value: String(resolved.value) };
    } else {
      return undefined;
    }
  }
  return undefined;
}

const endsWith = (path: readonly string[], ...tail: string[]): boolean => tail.every((key, i) => path[path.length - tail.length + i] === key);

/** The kind a reference at `path` names, from the path alone or a sibling field; undefined when it is no reference. */
function referencedKind(document: Document, path: readonly string[]): string | undefined {
  if (endsWith(path, 'secretKeyRef', 'name') || endsWith(path, 'secretRef', 'name') || endsWith(path, 'secret', 'secretName') || endsWith(path, 'imagePullSecrets', '[]', 'name')) return 'Secret';
  if (endsWith(path, 'configMapKeyRef', 'name') || endsWith(path, 'configMapRef', 'name') || endsWith(path, 'configMap', 'name')) return 'ConfigMap';
  if (endsWith(path, 'serviceAccountName')) return 'ServiceAccount';
  if (endsWith(path, 'persistentVolumeClaim', 'claimName')) return 'PersistentVolumeClaim';
  if (endsWith(path, 'backend', 'service', 'name')) return 'Service';
  const object = document.object!;
  // scaleTargetRef and roleRef name their kind beside the name.
  for (const ref of ['scaleTargetRef', 'roleRef']) {
    if (!endsWith(path, ref, 'name')) continue;
    const map = object.reader.get(object.root, ...path.slice(0, -1));
    const kind = isMap(map) ? object.reader.string(map, 'kind') : undefined;
    return kind;
  }
  return undefined;
}

/**
 * Go to definition from a reference (a secretKeyRef, a configMap volume, serviceAccountName, a PVC
 * claim, an HPA's scaleTargetRef, a binding's roleRef, an Ingress backend) to the objects of the
 * workspace it names, in the referring object's namespace (cluster-wide for cluster-scoped kinds).
 * `uri` is the file's URI as the index knows it.
 */
export function definitionAt(index: WorkspaceIndex, uri: string, document: Document, offset: number): Target[] {
  const reference = pathTo(document, offset);
  if (!reference || !document.object) return [];
  const kind = referencedKind(document, reference.path);
  if (!kind) return [];
  const self: IndexedResource | undefined = index.file(uri)?.resources.find((resource) => resource.startLine === document.startLine);
  const namespace = self?.namespace;
  // A kind the index files without a namespace (ClusterRole) is looked up cluster-wide.
  const candidates = [...index.ofKind(kind, namespace), ...(namespace !== undefined ? index.ofKind(kind, undefined) : [])];
  return candidates
    .filter((resource) => resource.facts.name === reference.value)
    .map((resource) => ({ uri: resource.uri, range: shiftRange(resource.facts.kindAt, resource.startLine) }));
}
