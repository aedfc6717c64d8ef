import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { FileAnalysis } from '../analyzer';
import { nodeSpan } from '../nodes';
import { parseLabelSelector, parseMapSelector, type LabelSelector } from '../selector';
import { isWithin, type Position } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import { fileOrder, objectsByName, workloadsWithPodsSelectedBy } from '../workspace/queries';
import { resourceAt, subjectAt } from './at';
import { inFile, podLabelsTarget, referenced, selectedWorkloads, type Target } from './graph';

export type { Target } from './graph';

type Document = FileAnalysis['documents'][number];

interface PathTo {
  /** The keys from the object's root to the scalar at the offset (`[]` for a list item); the last is a key when the offset is on one. */
  path: string[];
  /** The collection each of them is in. */
  parents: Node[];
}

function pathTo(document: Document, offset: number): PathTo | undefined {
  const object = document.object;
  if (!object) return undefined;
  const path: string[] = [];
  const parents: Node[] = [];
  let node: Node | undefined = object.root;
  const within = (candidate: unknown): boolean => {
    const span = nodeSpan(candidate);
    return span !== undefined && offset >= span[0] && offset <= span[1];
  };
  for (let depth = 0; depth < 100; depth++) {
    const resolved = object.reader.resolve(node);
    if (isMap(resolved)) {
      const pair = resolved.items.find(within);
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      parents.push(resolved);
      if (within(pair.key)) return { path, parents };
      node = pair.value as Node | undefined;
    } else if (isSeq(resolved)) {
      const item = resolved.items.find(within);
      if (!item) return undefined;
      path.push('[]');
      parents.push(resolved);
      node = item as Node;
    } else {
      return isScalar(resolved) && within(resolved) ? { path, parents } : undefined;
    }
  }
  return undefined;
}

const SELECTOR_KEYS = new Set(['selector', 'podSelector', 'labelSelector']);
/** Kinds whose `spec.selector` is a plain map of labels rather than a LabelSelector. */
const MAP_SELECTORS = new Set(['Service', 'ReplicationController', 'DeploymentConfig']);

/**
 * The selector the offset is in (on its key, a matchLabels entry, an expression) and the
 * namespace whose pods it selects; undefined when the offset is in none, or in a NetworkPolicy
 * peer that selects pods of other namespaces.
 */
function selectorAround(document: Document, { path, parents }: PathTo, namespace: string | undefined): { selector: LabelSelector; namespace: string } | undefined {
  const object = document.object!;
  let end = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (SELECTOR_KEYS.has(path[i])) {
      end = i;
      break;
    }
  }
  if (end === -1 || namespace === undefined) return undefined;
  // Only selectors of pods: a PVC's selector picks volumes, an HPA's metric selector picks metrics.
  const prefix = path.slice(0, end + 1).join('.');
  const ownSelector = prefix === 'spec.selector' && (object.podSpec !== undefined || MAP_SELECTORS.has(object.kind) || object.kind === 'PodDisruptionBudget');
  const policySelector = object.kind === 'NetworkPolicy' && (prefix === 'spec.podSelector' || /^spec\.(ingress|egress)\.\[\]\.(from|to)\.\[\]\.podSelector$/.test(prefix));
  const podSpecSelector = object.podSpec !== undefined && path[end] === 'labelSelector' && /\.(affinity|topologySpreadConstraints)\./.test(prefix);
  if (!ownSelector && !policySelector && !podSpecSelector) return undefined;
  const read = object.reader;
  const parent = parents[end];
  if (path[end] === 'podSelector' && read.has(parent, 'namespaceSelector')) return undefined;
  const node = read.get(parent, path[end]);
  const plain = MAP_SELECTORS.has(object.kind) && end === 1 && path[0] === 'spec' && path[1] === 'selector';
  const selector = plain ? parseMapSelector(read, node) : parseLabelSelector(read, node);
  return selector && { selector, namespace };
}

/** The ports of a Service's targetPort: the container ports of the pods it selects with that name (or number). */
function targetPorts(index: WorkspaceIndex, service: IndexedResource, position: Position): Target[] | undefined {
  const port = service.facts.service?.ports.find((p) => p.targetPort && isWithin(position, p.targetPort.at));
  if (!port?.targetPort) return undefined;
  const wanted = port.targetPort.value;
  const out: Target[] = [];
  for (const workload of selectedWorkloads(index, service)) {
    for (const container of workload.facts.workload!.containers) {
      for (const containerPort of container.ports) {
        if (typeof wanted === 'number' ? containerPort.containerPort === wanted : containerPort.name === wanted) out.push(inFile(workload, containerPort.at));
      }
    }
  }
  return out;
}

/** An Ingress backend's port: the port of the backend's Service with that number or name. */
function backendPorts(index: WorkspaceIndex, ingress: IndexedResource, position: Position): Target[] | undefined {
  const backend = ingress.facts.ingress?.backends.find((b) => b.port && isWithin(position, b.port.at));
  if (!backend?.port || ingress.namespace === undefined) return undefined;
  const service = objectsByName(index, 'Service', ingress.namespace).get(backend.service.value);
  const wanted = backend.port.value;
  const ports = service?.facts.service?.ports.filter((p) => (typeof wanted === 'number' ? p.port === wanted : p.name === wanted)) ?? [];
  return ports.map((p) => inFile(service!, p.at));
}

/**
 * Go to definition: from a reference (a secretKeyRef and its key, a configMap volume,
 * serviceAccountName, a claim, a scaleTargetRef, a roleRef, an Ingress backend and its port) to
 * the objects of the workspace it names, in the referring object's namespace (cluster-wide for
 * cluster-scoped kinds); from a selector to the pod labels of the workloads it selects; from a
 * Service's targetPort to the container ports it reaches. `uri` is the file's URI as the index
 * knows it; `offset` counts in the document.
 */
export function definitionAt(index: WorkspaceIndex, uri: string, document: Document, offset: number): Target[] {
  const self = resourceAt(index, uri, document.startLine);
  if (!self || !document.object) return [];
  const position = document.lines.positionAt(offset);
  const subject = subjectAt(self, position);
  if (subject.type === 'reference') return referenced(index, self, subject.reference).map((target) => inFile(target, target.facts.kindAt));
  if (subject.type === 'key') {
    return referenced(index, self, subject.reference).map((target) => inFile(target, target.facts.dataKeys?.[subject.key] ?? target.facts.kindAt));
  }
  const ports = targetPorts(index, self, position) ?? backendPorts(index, self, position);
  if (ports) return ports;
  const path = pathTo(document, offset);
  const around = path && selectorAround(document, path, self.namespace);
  if (!around) return [];
  return workloadsWithPodsSelectedBy(index, around.selector, around.namespace).sort(fileOrder).map(podLabelsTarget);
}
