import { isMap, type Document, type YAMLMap } from 'yaml';
import { NodeReader } from './nodes';
import { isBuiltinKind } from './kinds';

export type ContainerRole = 'init' | 'regular' | 'ephemeral';

export interface ContainerRef {
  node: YAMLMap;
  name: string;
  role: ContainerRole;
  /** Position in its list (containers / initContainers / ephemeralContainers). */
  index: number;
}

export interface PodSpecRef {
  /** The pod spec mapping (`spec` of a Pod, `spec.template.spec` of a controller...). */
  node: YAMLMap;
  /** The pod template's `metadata` (absent for a bare Pod, whose metadata is the object's). */
  templateMetadata: YAMLMap | undefined;
  /** Path of keys from the object root to the pod spec. */
  path: readonly string[];
  containers: ContainerRef[];
}

/** One Kubernetes object of a document: identity, where its parts are, and a reader over its nodes. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  /** True when the kind is a built-in we know; CRDs and unknown kinds are false. */
  builtin: boolean;
  root: YAMLMap;
  metadata: YAMLMap | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  podSpec: PodSpecRef | undefined;
  doc: Document.Parsed;
  reader: NodeReader;
}

const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  DeploymentConfig: ['spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
};

function podSpecOf(reader: NodeReader, root: YAMLMap, kind: string): PodSpecRef | undefined {
  const path = POD_SPEC_PATHS[kind];
  if (!path) return undefined;
  // A Rollout with workloadRef runs the referenced Deployment's template (Argo rejects one with both):
  // that template is checked as the Deployment, so the Rollout has no pod spec and no pod findings.
  if (kind === 'Rollout' && reader.has(root, 'spec', 'workloadRef')) return undefined;
  const node = reader.map(root, ...path);
  if (!node) return undefined;
  const templateMetadata = kind === 'Pod' ? undefined : reader.map(root, ...path.slice(0, -1), 'metadata');
  const containers: ContainerRef[] = [];
  const collect = (key: string, role: ContainerRole): void => {
    reader.maps(node, key).forEach((container, index) => {
      containers.push({ node: container, name: reader.text(container, 'name') ?? `#${index + 1}`, role, index });
    });
  };
  collect('initContainers', 'init');
  collect('containers', 'regular');
  collect('ephemeralContainers', 'ephemeral');
  return { node, templateMetadata, path, containers };
}

/** The Kubernetes object a parsed document holds, or undefined for any other YAML. */
export function objectOf(doc: Document.Parsed): K8sObject | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  // `$patch: delete` (and the other directives) make a document a strategic-merge patch, never an object.
  if (root.has('$patch')) return undefined;
  const reader = new NodeReader(doc);
  const apiVersion = reader.string(root, 'apiVersion');
  const kind = reader.string(root, 'kind');
  if (!apiVersion || !kind) return undefined;
  const metadata = reader.map(root, 'metadata');
  const builtin = isBuiltinKind(apiVersion, kind);
  return {
    apiVersion,
    kind,
    name: reader.text(metadata, 'name'),
    namespace: reader.text(metadata, 'namespace'),
    builtin,
    root,
    metadata,
    labels: reader.stringMap(metadata, 'labels'),
    annotations: reader.stringMap(metadata, 'annotations'),
    podSpec: builtin ? podSpecOf(reader, root, kind) : undefined,
    doc,
    reader,
  };
}

/** `Deployment "api"` or `Deployment "api", container "web"`: how messages name what they are about. */
export function describe(object: Pick<K8sObject, 'kind' | 'name'>, container?: Pick<ContainerRef, 'name' | 'role'>): string {
  const head = `${object.kind} "${object.name ?? '(unnamed)'}"`;
  if (!container) return head;
  const label = container.role === 'init' ? 'init container' : container.role === 'ephemeral' ? 'ephemeral container' : 'container';
  return `${head}, ${label} "${container.name}"`;
}
