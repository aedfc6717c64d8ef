import { isScalar, Scalar, type YAMLMap } from 'yaml';
import type { K8sObject } from '../model';
import type { NodeReader } from '../nodes';
import type { Range, Span } from '../types';

/**
 * The links between objects that navigation follows and rename rewrites: a field naming another
 * object (a secretKeyRef, an HPA's scaleTargetRef, a binding's roleRef...) and the label entries
 * that pods carry and selectors ask for. Each keeps the range of its value alone, so that a
 * rename replaces exactly the name (inside its quotes, if it has them).
 */
export interface ObjectReference {
  /** The kind it names (`Role` or `ClusterRole` for a roleRef, as written). */
  kind: string;
  name: string;
  /** The name's value, relative to the document. */
  at: Range;
  /** The field, as messages name it: `secretKeyRef`, `volume "certs"`, `scaleTargetRef`. */
  field: string;
  /** The keys it reads (secretKeyRef.key, a volume's items[].key). */
  keys: ReadonlyArray<{ value: string; at: Range }>;
  /** `optional: true`: the pod starts without it. */
  optional: boolean;
  /** The namespace it names explicitly (a binding's ServiceAccount subject); else the referrer's own. */
  namespace?: string;
}

/** One `key: value` entry of pod labels (`pod`) or of a selector's matchLabels or a Service's selector (`selector`). */
export interface LabelSite {
  role: 'pod' | 'selector';
  /** Which label map of the object it is in (its entries are unique keys of that map). */
  group: number;
  /** A NetworkPolicy peer with a namespaceSelector: it selects pods of other namespaces too. */
  crossNamespace?: true;
  key: string;
  value: string;
  keyAt: Range;
  valueAt: Range;
}

type Locate = (span: Span) => Range;

/**
 * The span of a scalar's text without its quotes: what a rename replaces. Undefined for block
 * scalars (`|`, `>`), whose text starts on the next line and whose replacement would need its own
 * layout.
 */
export function valueSpan(node: unknown): Span | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return end - start >= 2 ? [start + 1, end - 1] : undefined;
  return node.type === Scalar.PLAIN ? [start, end] : undefined;
}

/** A scalar's text as a name, with the range of its value; undefined for anything else. */
function nameAt(read: NodeReader, map: unknown, key: string, locate: Locate): { name: string; at: Range } | undefined {
  const node = read.get(map, key);
  if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) return undefined;
  const span = valueSpan(node);
  const name = String(node.value).trim();
  return span && name !== '' ? { name, at: locate(span) } : undefined;
}

/** Every other object the pod spec names: Secrets, ConfigMaps, its ServiceAccount and its claims. */
function podReferences(object: K8sObject, locate: Locate): ObjectReference[] {
  const read = object.reader;
  const podSpec = object.podSpec!.node;
  const out: ObjectReference[] = [];
  const add = (kind: string, field: string, map: unknown, nameKey: string, keys: ObjectReference['keys'] = []): void => {
    const named = nameAt(read, map, nameKey, locate);
    if (named) out.push({ kind, ...named, field, keys, optional: read.boolean(map, 'optional') === true });
  };
  const itemKeys = (source: unknown): ObjectReference['keys'] =>
    read.maps(source, 'items').flatMap((item) => {
      const key = nameAt(read, item, 'key', locate);
      return key ? [{ value: key.name, at: key.at }] : [];
    });
  const keyOf = (ref: unknown): ObjectReference['keys'] => {
    const key = nameAt(read, ref, 'key', locate);
    return key ? [{ value: key.name, at: key.at }] : [];
  };
  for (const container of object.podSpec!.containers) {
    for (const env of read.maps(container.node, 'env')) {
      const from = read.map(env, 'valueFrom');
      const secret = read.map(from, 'secretKeyRef');
      if (secret) add('Secret', 'secretKeyRef', secret, 'name', keyOf(secret));
      const configMap = read.map(from, 'configMapKeyRef');
      if (configMap) add('ConfigMap', 'configMapKeyRef', configMap, 'name', keyOf(configMap));
    }
    for (const envFrom of read.maps(container.node, 'envFrom')) {
      const secret = read.map(envFrom, 'secretRef');
      if (secret) add('Secret', 'secretRef', secret, 'name');
      const configMap = read.map(envFrom, 'configMapRef');
      if (configMap) add('ConfigMap', 'configMapRef', configMap, 'name');
    }
  }
  for (const volume of read.maps(podSpec, 'volumes')) {
    const field = `volume "${read.text(volume, 'name') ?? ''}"`;
    const secret = read.map(volume, 'secret');
    if (secret) add('Secret', field, secret, 'secretName', itemKeys(secret));
    const configMap = read.map(volume, 'configMap');
    if (configMap) add('ConfigMap', field, configMap, 'name', itemKeys(configMap));
    const claim = read.map(volume, 'persistentVolumeClaim');
    if (claim) add('PersistentVolumeClaim', field, claim, 'claimName');
    for (const source of read.maps(volume, 'projected', 'sources')) {
      const projectedSecret = read.map(source, 'secret');
      if (projectedSecret) add('Secret', field, projectedSecret, 'name', itemKeys(projectedSecret));
      const projectedConfigMap = read.map(source, 'configMap');
      if (projectedConfigMap) add('ConfigMap', field, projectedConfigMap, 'name', itemKeys(projectedConfigMap));
    }
  }
  for (const pullSecret of read.maps(podSpec, 'imagePullSecrets')) add('Secret', 'imagePullSecrets', pullSecret, 'name');
  if (read.has(podSpec, 'serviceAccountName')) add('ServiceAccount', 'serviceAccountName', podSpec, 'serviceAccountName');
  else add('ServiceAccount', 'serviceAccount', podSpec, 'serviceAccount');
  return out;
}

/** The objects this object names by name (pod references, scale targets, role references, backends). */
export function referencesOf(object: K8sObject, locate: Locate): ObjectReference[] {
  const read = object.reader;
  const root = object.root;
  const out: ObjectReference[] = object.podSpec ? podReferences(object, locate) : [];
  const byKindField = (map: unknown, field: string): void => {
    const kind = read.string(map, 'kind');
    const named = nameAt(read, map, 'name', locate);
    if (kind && named) out.push({ kind, ...named, field, keys: [], optional: false });
  };
  switch (object.kind) {
    case 'HorizontalPodAutoscaler':
      byKindField(read.map(root, 'spec', 'scaleTargetRef'), 'scaleTargetRef');
      break;
    case 'RoleBinding':
    case 'ClusterRoleBinding':
      byKindField(read.map(root, 'roleRef'), 'roleRef');
      for (const subject of read.maps(root, 'subjects')) {
        if (read.string(subject, 'kind') !== 'ServiceAccount') continue;
        const named = nameAt(read, subject, 'name', locate);
        const namespace = read.string(subject, 'namespace');
        if (named) out.push({ kind: 'ServiceAccount', ...named, field: 'subjects', keys: [], optional: false, ...(namespace ? { namespace } : {}) });
      }
      break;
    case 'ServiceAccount':
      for (const field of ['imagePullSecrets', 'secrets']) {
        for (const secret of read.maps(root, field)) {
          const named = nameAt(read, secret, 'name', locate);
          if (named) out.push({ kind: 'Secret', ...named, field, keys: [], optional: false });
        }
      }
      break;
    case 'StatefulSet': {
      const service = nameAt(read, read.map(root, 'spec'), 'serviceName', locate);
      if (service) out.push({ kind: 'Service', ...service, field: 'serviceName', keys: [], optional: false });
      break;
    }
    case 'Ingress': {
      const spec = read.map(root, 'spec');
      const backend = (node: unknown): void => {
        // networking.k8s.io/v1 names backend.service.name; v1beta1 backend.serviceName.
        const named = nameAt(read, read.map(node, 'service'), 'name', locate) ?? nameAt(read, node, 'serviceName', locate);
        if (named) out.push({ kind: 'Service', ...named, field: 'backend', keys: [], optional: false });
      };
      backend(read.get(spec, 'defaultBackend') ?? read.get(spec, 'backend'));
      for (const rule of read.maps(spec, 'rules')) for (const path of read.maps(rule, 'http', 'paths')) backend(read.get(path, 'backend'));
      for (const tls of read.maps(spec, 'tls')) {
        const secret = nameAt(read, tls, 'secretName', locate);
        if (secret) out.push({ kind: 'Secret', ...secret, field: 'tls', keys: [], optional: false });
      }
      break;
    }
  }
  return out;
}

/** The entries of a label map, each with the ranges of its key and its value. */
function sitesOf(read: NodeReader, map: YAMLMap | undefined, role: LabelSite['role'], group: number, locate: Locate, crossNamespace = false): LabelSite[] {
  const out: LabelSite[] = [];
  for (const [key, value, pair] of read.entries(map)) {
    const keySpan = valueSpan(pair.key);
    const valueText = valueSpan(value);
    if (!keySpan || !valueText || !isScalar(value) || value.value === null || typeof value.value === 'object') continue;
    out.push({ role, group, key, value: String(value.value), keyAt: locate(keySpan), valueAt: locate(valueText), ...(crossNamespace ? { crossNamespace: true as const } : {}) });
  }
  return out;
}

/** Selectors by where they are: a workload's own, a Service's, a PDB's, a NetworkPolicy's and its peers' (`cross`: with a namespaceSelector). */
function selectorMaps(object: K8sObject): Array<{ map: YAMLMap | undefined; cross: boolean }> {
  const read = object.reader;
  const spec = read.map(object.root, 'spec');
  switch (object.kind) {
    case 'Service':
    case 'ReplicationController':
    case 'DeploymentConfig':
      return [{ map: read.map(spec, 'selector'), cross: false }];
    case 'NetworkPolicy':
      return [
        { map: read.map(spec, 'podSelector', 'matchLabels'), cross: false },
        ...['ingress', 'egress'].flatMap((direction) =>
          read.maps(spec, direction).flatMap((rule) => read.maps(rule, direction === 'ingress' ? 'from' : 'to').map((peer) => ({ map: read.map(peer, 'podSelector', 'matchLabels'), cross: read.has(peer, 'namespaceSelector') }))),
        ),
      ];
    default:
      return [{ map: read.map(spec, 'selector', 'matchLabels'), cross: false }];
  }
}

/** Pod labels and selector entries of an object (a workload has both). */
export function labelSitesOf(object: K8sObject, locate: Locate): LabelSite[] {
  const read = object.reader;
  const out: LabelSite[] = [];
  let group = 0;
  const podSpec = object.podSpec;
  if (podSpec) {
    out.push(...sitesOf(read, object.kind === 'Pod' ? read.map(object.metadata, 'labels') : read.map(podSpec.templateMetadata, 'labels'), 'pod', group++, locate));
    const terms = [
      ...['podAntiAffinity', 'podAffinity'].flatMap((kind) => {
        const affinity = read.map(podSpec.node, 'affinity', kind);
        return [
          ...read.maps(affinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
          ...read.maps(affinity, 'preferredDuringSchedulingIgnoredDuringExecution').flatMap((weighted) => read.map(weighted, 'podAffinityTerm') ?? []),
        ];
      }),
      ...read.maps(podSpec.node, 'topologySpreadConstraints'),
    ];
    for (const term of terms) out.push(...sitesOf(read, read.map(term, 'labelSelector', 'matchLabels'), 'selector', group++, locate));
  }
  if (object.kind !== 'Pod' && (podSpec || ['Service', 'PodDisruptionBudget', 'NetworkPolicy'].includes(object.kind))) {
    for (const { map, cross } of selectorMaps(object)) out.push(...sitesOf(read, map, 'selector', group++, locate, cross));
  }
  return out;
}

/** A ConfigMap's or Secret's keys (data, stringData, binaryData), each at its key. */
export function dataKeysOf(object: K8sObject, locate: Locate): Record<string, Range> {
  const read = object.reader;
  const out: Record<string, Range> = Object.create(null) as Record<string, Range>;
  for (const field of ['data', 'stringData', 'binaryData']) {
    for (const [key, , pair] of read.entries(read.map(object.root, field))) {
      const span = valueSpan(pair.key);
      if (span && !(key in out)) out[key] = locate(span);
    }
  }
  return out;
}
