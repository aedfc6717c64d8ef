import { isScalar, type Node, type YAMLMap } from 'yaml';
import type { ContainerRef, K8sObject } from './model';
import type { NodeReader } from './nodes';

/**
 * The security settings a container actually runs with. Kubernetes lets a container's
 * securityContext override the pod's for runAsNonRoot, runAsUser and seccompProfile (a field
 * left unset or null inherits), so a rule that only looked at one level would be wrong both ways.
 */

export type Level = 'pod' | 'container';

export interface Setting<T> {
  value: T;
  level: Level;
  /** The mapping that holds the deciding entry, so a finding can point at `owner[key]`. */
  owner: YAMLMap;
  key: string;
}

export interface EffectiveSecurityContext {
  runAsNonRoot: Setting<boolean> | undefined;
  runAsUser: Setting<number> | undefined;
}

export type SeccompType = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

export interface SeccompSetting extends Setting<SeccompType> {
  /** `field` = securityContext.seccompProfile; `annotation` = the pre-1.19 seccomp annotations. */
  source: 'field' | 'annotation';
}

const POD_SECCOMP_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_SECCOMP_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/**
 * An integer from a number or a decimal string: `1000` and `"1000"` read alike (the API server
 * rejects the string, but the author's intent is plain and the finding should not hinge on quoting).
 */
export function integerValue(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export function readInteger(read: NodeReader, map: unknown, key: string): number | undefined {
  return integerValue(read.scalar(map, key));
}

export function podSecurityContext(object: K8sObject): YAMLMap | undefined {
  return object.podSpec ? object.reader.map(object.podSpec.node, 'securityContext') : undefined;
}

export function containerSecurityContext(object: K8sObject, container: ContainerRef): YAMLMap | undefined {
  return object.reader.map(container.node, 'securityContext');
}

/** The container's value when it sets one, else the pod's. */
function inherited<T>(object: K8sObject, container: ContainerRef, key: string, parse: (value: unknown) => T | undefined): Setting<T> | undefined {
  const read = object.reader;
  const levels: Array<[Level, YAMLMap | undefined]> = [
    ['container', containerSecurityContext(object, container)],
    ['pod', podSecurityContext(object)],
  ];
  for (const [level, owner] of levels) {
    if (!owner) continue;
    const value = parse(read.scalar(owner, key));
    if (value !== undefined) return { value, level, owner, key };
  }
  return undefined;
}

const asBoolean = (value: unknown): boolean | undefined => (typeof value === 'boolean' ? value : undefined);

export function effectiveSecurityContext(object: K8sObject, container: ContainerRef): EffectiveSecurityContext {
  return {
    runAsNonRoot: inherited(object, container, 'runAsNonRoot', asBoolean),
    runAsUser: inherited(object, container, 'runAsUser', integerValue),
  };
}

function seccompType(value: unknown): SeccompType | undefined {
  return value === 'RuntimeDefault' || value === 'Localhost' || value === 'Unconfined' ? value : undefined;
}

/** `runtime/default`, `docker/default`, `localhost/<file>`, `unconfined`: the annotation spellings. */
function annotationType(value: unknown): SeccompType | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (value.startsWith('localhost/')) return 'Localhost';
  if (value === 'unconfined') return 'Unconfined';
  return undefined;
}

/** The pod template's annotations: the template's for controllers, the object's own for a bare Pod. */
function podAnnotations(object: K8sObject): YAMLMap | undefined {
  const metadata = object.podSpec?.templateMetadata ?? (object.kind === 'Pod' ? object.metadata : undefined);
  return object.reader.map(metadata, 'annotations');
}

/**
 * The seccomp profile a container runs with, most specific first: the container's field, the
 * container's legacy annotation, the pod's field, the pod's legacy annotation.
 */
export function effectiveSeccomp(object: K8sObject, container: ContainerRef): SeccompSetting | undefined {
  const read = object.reader;
  const annotations = podAnnotations(object);
  const fromField = (level: Level, securityContext: YAMLMap | undefined): SeccompSetting | undefined => {
    const profile = read.map(securityContext, 'seccompProfile');
    const value = profile ? seccompType(read.scalar(profile, 'type')) : undefined;
    return profile && value ? { value, level, owner: profile, key: 'type', source: 'field' } : undefined;
  };
  const fromAnnotation = (level: Level, key: string): SeccompSetting | undefined => {
    const value = annotations ? annotationType(read.scalar(annotations, key)) : undefined;
    return annotations && value ? { value, level, owner: annotations, key, source: 'annotation' } : undefined;
  };
  return (
    fromField('container', containerSecurityContext(object, container)) ??
    fromAnnotation('container', `${CONTAINER_SECCOMP_ANNOTATION}${container.name}`) ??
    fromField('pod', podSecurityContext(object)) ??
    fromAnnotation('pod', POD_SECCOMP_ANNOTATION)
  );
}

/**
 * Windows pods: Linux-only settings (runAsUser, capabilities, seccomp, readOnlyRootFilesystem,
 * allowPrivilegeEscalation, procMount) do not apply, and the API rejects some of them when
 * `spec.os.name` is windows; asking for them would be wrong advice.
 */
export function isWindowsPod(object: K8sObject): boolean {
  const spec = object.podSpec?.node;
  if (!spec) return false;
  const read = object.reader;
  if (read.string(spec, 'os', 'name') === 'windows') return true;
  const selector = read.stringMap(spec, 'nodeSelector');
  return selector['kubernetes.io/os'] === 'windows' || selector['beta.kubernetes.io/os'] === 'windows';
}

/** `CAP_SYS_ADMIN`, `sys_admin` and `SYS_ADMIN` name one capability: container runtimes upper-case and prefix them. */
export function capabilityName(raw: string): string {
  const upper = raw.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export interface CapabilityItem {
  /** Normalised: upper case, no CAP_ prefix. */
  name: string;
  /** As written. */
  raw: string;
  node: Node;
}

/** The string items of a container's `securityContext.capabilities.add` or `.drop`. */
export function capabilityList(object: K8sObject, container: ContainerRef, list: 'add' | 'drop'): CapabilityItem[] {
  const read = object.reader;
  const out: CapabilityItem[] = [];
  for (const node of read.items(containerSecurityContext(object, container), 'capabilities', list)) {
    if (isScalar(node) && typeof node.value === 'string') out.push({ name: capabilityName(node.value), raw: node.value, node });
  }
  return out;
}
