import { isScalar, type Scalar, type YAMLMap } from 'yaml';
import { describe, type ContainerRef, type K8sObject } from '../model';
import type { FixSpec } from '../rule';
import {
  capabilityList,
  containerSecurityContext,
  effectiveSecurityContext,
  integerValue,
  isWindowsPod,
  podSecurityContext,
  type Level,
  type SeccompSetting,
} from '../securityContext';
import { mergeOwn, type Edits } from './own';
import { replaceScalar } from './scalar';
import { joinInsertions, type PlainMap } from './yamlEdit';

/**
 * Security context quick-fixes. Every value comes from the seed's hardened Deployment (seed document
 * 000 "Pod Security Standards"): the pod runs as UID 1000 with runAsNonRoot and fsGroup 2000 under
 * the RuntimeDefault seccomp profile; each container drops ALL capabilities, forbids privilege
 * escalation and has a read-only root filesystem.
 *
 * Fixes merge into what the manifest already has and change only what is unsafe: a non-zero
 * runAsUser, an fsGroup or a Localhost profile the author chose stay as written.
 */
export const SEED_RUN_AS_USER = 1000;
export const SEED_FS_GROUP = 2000;
const RUNTIME_DEFAULT = 'RuntimeDefault';

const POD_SECCOMP_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_SECCOMP_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function containerLabel(container: ContainerRef): string {
  return `${container.role === 'init' ? 'init container' : 'container'} "${container.name}"`;
}

function mergeSecurityContext(object: K8sObject, owner: YAMLMap, fields: PlainMap): Edits | undefined {
  return Object.keys(fields).length === 0 ? undefined : mergeOwn(object.reader, owner, { securityContext: fields });
}

type SeccompType = 'RuntimeDefault' | 'Localhost' | 'Unconfined';

function profileType(value: unknown): SeccompType | undefined {
  return value === 'RuntimeDefault' || value === 'Localhost' || value === 'Unconfined' ? value : undefined;
}

/** The pre-1.19 annotation spellings (`runtime/default`, `localhost/<file>`, `unconfined`). */
function annotationType(value: unknown): SeccompType | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return 'RuntimeDefault';
  if (typeof value === 'string' && value.startsWith('localhost/')) return 'Localhost';
  return value === 'unconfined' ? 'Unconfined' : undefined;
}

interface Annotation {
  type: SeccompType | undefined;
  /** The value node when this object's own text holds it (not an alias, not inherited through `<<`). */
  node: Scalar | undefined;
}

/** A legacy seccomp annotation of the pod template (a bare Pod's own metadata). */
function seccompAnnotation(object: K8sObject, key: string): Annotation | undefined {
  const read = object.reader;
  const metadata = object.podSpec?.templateMetadata ?? (object.kind === 'Pod' ? object.metadata : undefined);
  const annotations = read.map(metadata, 'annotations');
  const pair = annotations ? read.pair(annotations, key) : undefined;
  if (!annotations || !pair) return undefined;
  const own = annotations.items.includes(pair) && isScalar(pair.value) ? pair.value : undefined;
  return { type: annotationType(read.scalar(annotations, key)), node: own };
}

interface SeccompChange {
  fields: PlainMap;
  /** An annotation to rewrite to `runtime/default`: the API server rejects a pod whose field and annotation disagree. */
  annotation: Scalar | undefined;
}

/**
 * What makes one level (the pod, or one container) run under RuntimeDefault. `replaceUnconfined`:
 * an explicit Unconfined is replaced (the seccomp fix, hardening) rather than respected (the
 * run-as-root fix, which only adds the seed's profile where none is chosen). A container level with
 * nothing set inherits the pod's profile, so it only changes when it overrides with Unconfined.
 */
function seccompChange(object: K8sObject, level: Level, container: ContainerRef | undefined, replaceUnconfined: boolean): SeccompChange | undefined {
  const read = object.reader;
  const securityContext = container ? containerSecurityContext(object, container) : podSecurityContext(object);
  const field = profileType(read.scalar(securityContext, 'seccompProfile', 'type'));
  const annotation = seccompAnnotation(object, container ? `${CONTAINER_SECCOMP_ANNOTATION}${container.name}` : POD_SECCOMP_ANNOTATION);
  if (field === 'RuntimeDefault' || field === 'Localhost') return undefined;
  const decides = field ?? annotation?.type;
  if (decides === 'Localhost' || (decides === 'Unconfined' && !replaceUnconfined)) return undefined;
  if (decides === undefined && level === 'container') return undefined;
  const stale = annotation !== undefined && annotation.type !== 'RuntimeDefault';
  // A field that would contradict an annotation we cannot rewrite would make the API reject the pod.
  if (stale && annotation.node === undefined) return undefined;
  return { fields: { seccompProfile: { type: RUNTIME_DEFAULT } }, annotation: stale ? annotation.node : undefined };
}

/** The pod-level fields of the seed that the pod securityContext lacks (or has unsafe: runAsUser 0, runAsNonRoot false). */
function podNonRootFields(object: K8sObject): PlainMap {
  const read = object.reader;
  const current = podSecurityContext(object);
  const fields: PlainMap = {};
  if (read.boolean(current, 'runAsNonRoot') !== true) fields.runAsNonRoot = true;
  // Windows pods have no UIDs, groups or seccomp: the API rejects those fields there.
  if (isWindowsPod(object)) return fields;
  const user = integerValue(read.scalar(current, 'runAsUser'));
  if (user === undefined || user <= 0) fields.runAsUser = SEED_RUN_AS_USER;
  const fsGroup = read.scalar(current, 'fsGroup');
  if (fsGroup === undefined || fsGroup === null) fields.fsGroup = SEED_FS_GROUP;
  return fields;
}

/**
 * Container-level non-root fields, for a container whose own securityContext sets runAsNonRoot
 * false or runAsUser 0: the container's value wins over the pod's, so only a container-level change
 * helps. `override`: only replace what the container itself sets (the pod level supplies the rest).
 */
function containerNonRootFields(object: K8sObject, container: ContainerRef, override: boolean): PlainMap {
  const read = object.reader;
  const own = containerSecurityContext(object, container);
  const { runAsNonRoot, runAsUser } = effectiveSecurityContext(object, container);
  const fields: PlainMap = {};
  if (override ? read.boolean(own, 'runAsNonRoot') === false : runAsNonRoot?.value !== true) fields.runAsNonRoot = true;
  if (isWindowsPod(object)) return fields;
  const ownUser = integerValue(read.scalar(own, 'runAsUser'));
  if (override ? ownUser !== undefined && ownUser <= 0 : runAsUser === undefined || runAsUser.value <= 0) fields.runAsUser = SEED_RUN_AS_USER;
  return fields;
}

/** Whether the container's own securityContext decides that it may run as root. */
function rootByContainer(object: K8sObject, container: ContainerRef): boolean {
  const { runAsNonRoot, runAsUser } = effectiveSecurityContext(object, container);
  if (runAsNonRoot?.level === 'container' && runAsNonRoot.value === false) return true;
  return !isWindowsPod(object) && runAsUser?.level === 'container' && runAsUser.value <= 0;
}

function fixOf(title: string, parts: ReadonlyArray<Edits | undefined>): FixSpec | undefined {
  const present = parts.filter((part): part is Edits => part !== undefined);
  if (present.length === 0) return undefined;
  return { title, edits: (editor) => joinInsertions(present.flatMap((part) => part(editor))) };
}

function podSpecNode(object: K8sObject): YAMLMap | undefined {
  return object.podSpec?.node;
}

function annotationEdit(node: Scalar | undefined): Edits | undefined {
  return node ? () => [replaceScalar(node, 'runtime/default')] : undefined;
}

/**
 * run-as-root. Normally the pod securityContext of the seed (runAsNonRoot true, runAsUser 1000,
 * fsGroup 2000, seccompProfile RuntimeDefault), merged into the pod's; a container whose own
 * securityContext says runAsNonRoot false or runAsUser 0 overrides any pod setting, so it is fixed
 * at the container instead.
 */
export function nonRootFix(object: K8sObject, container: ContainerRef): FixSpec | undefined {
  const spec = podSpecNode(object);
  if (!spec) return undefined;
  if (rootByContainer(object, container)) {
    return fixOf(`Run ${containerLabel(container)} as a non-root user`, [mergeSecurityContext(object, container.node, containerNonRootFields(object, container, false))]);
  }
  const fields = podNonRootFields(object);
  const seccomp = isWindowsPod(object) ? undefined : seccompChange(object, 'pod', undefined, false);
  // The profile is the seed's too, but only where none is chosen and no annotation would contradict it.
  if (seccomp && !seccomp.annotation) Object.assign(fields, seccomp.fields);
  return fixOf(`Set a non-root pod securityContext on ${describe(object)}`, [mergeSecurityContext(object, spec, fields)]);
}

/**
 * seccomp-profile-missing: RuntimeDefault where the deciding setting is (the pod when nothing is
 * set). An Unconfined field is replaced; a legacy annotation is rewritten to runtime/default and the
 * field added next to it, as the API server requires them to agree.
 */
export function seccompFix(object: K8sObject, container: ContainerRef, setting: SeccompSetting | undefined): FixSpec | undefined {
  const spec = podSpecNode(object);
  if (!spec) return undefined;
  const level = setting?.level ?? 'pod';
  const target = level === 'container' ? container : undefined;
  const change = seccompChange(object, level, target, true);
  if (!change) return undefined;
  const owner = target ? target.node : spec;
  const where = target ? containerLabel(target) : `the pods of ${describe(object)}`;
  return fixOf(`Set seccompProfile RuntimeDefault for ${where}`, [mergeSecurityContext(object, owner, change.fields), annotationEdit(change.annotation)]);
}

/** allowPrivilegeEscalation can only be false when the container is not privileged and adds no SYS_ADMIN (API validation). */
function canForbidEscalation(object: K8sObject, container: ContainerRef): boolean {
  if (object.reader.boolean(containerSecurityContext(object, container), 'privileged') === true) return false;
  return !capabilityList(object, container, 'add').some((c) => c.name === 'SYS_ADMIN' || c.name === 'ALL');
}

/** privilege-escalation-allowed: `allowPrivilegeEscalation: false` in the container securityContext. */
export function noEscalationFix(object: K8sObject, container: ContainerRef): FixSpec | undefined {
  if (!canForbidEscalation(object, container)) return undefined;
  return fixOf(`Set allowPrivilegeEscalation: false on ${containerLabel(container)}`, [mergeSecurityContext(object, container.node, { allowPrivilegeEscalation: false })]);
}

/** writable-root-filesystem: `readOnlyRootFilesystem: true` in the container securityContext. */
export function readOnlyRootFix(object: K8sObject, container: ContainerRef): FixSpec | undefined {
  return fixOf(`Set readOnlyRootFilesystem: true on ${containerLabel(container)}`, [mergeSecurityContext(object, container.node, { readOnlyRootFilesystem: true })]);
}

/** capabilities-not-dropped: ALL appended to `capabilities.drop`; existing add and drop entries stay. */
export function dropAllFix(object: K8sObject, container: ContainerRef): FixSpec | undefined {
  return fixOf(`Drop ALL capabilities in ${containerLabel(container)}`, [mergeSecurityContext(object, container.node, { capabilities: { drop: ['ALL'] } })]);
}

/** Runtimes accept "all" in any case, not "CAP_ALL" (as capabilities-not-dropped reads it). */
function dropsAll(object: K8sObject, container: ContainerRef): boolean {
  return capabilityList(object, container, 'drop').some((c) => c.raw.trim().toUpperCase() === 'ALL');
}

/** Everything the hardening fixes would set on one container (overrides of the pod settings included). */
function hardenedContainerFields(object: K8sObject, container: ContainerRef): { fields: PlainMap; annotation: Scalar | undefined } {
  const read = object.reader;
  const own = containerSecurityContext(object, container);
  const fields = containerNonRootFields(object, container, true);
  if (isWindowsPod(object)) return { fields, annotation: undefined };
  const seccomp = seccompChange(object, 'container', container, true);
  if (seccomp) Object.assign(fields, seccomp.fields);
  const privileged = read.boolean(own, 'privileged') === true;
  if (canForbidEscalation(object, container) && read.boolean(own, 'allowPrivilegeEscalation') !== false) fields.allowPrivilegeEscalation = false;
  // A privileged container has every capability whatever it drops: dropping would only look safe.
  if (!privileged && !dropsAll(object, container)) fields.capabilities = { drop: ['ALL'] };
  if (read.boolean(own, 'readOnlyRootFilesystem') !== true) fields.readOnlyRootFilesystem = true;
  return { fields, annotation: seccomp?.annotation };
}

/**
 * "Harden the whole pod": the edits that give the pod securityContext the seed's settings
 * (runAsNonRoot true, runAsUser 1000, fsGroup 2000, seccompProfile RuntimeDefault) and every init
 * and regular container allowPrivilegeEscalation false, capabilities.drop [ALL] and
 * readOnlyRootFilesystem true, in one fix.
 *
 * Contract:
 * - Returns undefined when the object has no pod spec, or nothing in it can be hardened by an edit
 *   of this document (everything already hardened, or only reachable through aliases).
 * - Otherwise a FixSpec whose `edits(editor)`, given a YamlEditor over the object's own document
 *   text and `object.reader`, returns non-overlapping TextEdits in that document's offsets (same-
 *   place insertions are joined into one edit), to be sent as one workspace edit.
 * - The edits merge into existing securityContexts (no duplicate keys) and keep what is already
 *   safe: a non-zero runAsUser, an fsGroup, a Localhost profile, existing capability entries.
 *   Container overrides that defeat the pod settings (runAsNonRoot false, runAsUser 0, seccomp
 *   Unconfined field or annotation) are replaced at the container. Unsafe pod values (runAsUser 0,
 *   runAsNonRoot false, Unconfined) are replaced, and a legacy seccomp annotation is rewritten to
 *   runtime/default so that it agrees with the field.
 * - Afterwards run-as-root, seccomp-profile-missing, privilege-escalation-allowed,
 *   writable-root-filesystem and capabilities-not-dropped report nothing for the object, except
 *   where the API forbids the safe value: no allowPrivilegeEscalation false on a privileged
 *   container or one that adds SYS_ADMIN, no capabilities drop on a privileged one.
 * - Windows pods get runAsNonRoot only: the other settings are Linux-only and rejected there.
 * - Applying the edits and calling hardenPod again on the result gives no edits (idempotent).
 */
export function hardenPod(object: K8sObject): FixSpec | undefined {
  const spec = podSpecNode(object);
  if (!spec) return undefined;
  const parts: Array<Edits | undefined> = [];
  // Containers first: where a container's and the pod's insertions meet (the last container ends
  // the pod spec), the container's text must come first, inside the container.
  for (const container of object.podSpec!.containers) {
    if (container.role === 'ephemeral') continue;
    const { fields, annotation } = hardenedContainerFields(object, container);
    parts.push(mergeSecurityContext(object, container.node, fields), annotationEdit(annotation));
  }
  const podFields = podNonRootFields(object);
  const seccomp = isWindowsPod(object) ? undefined : seccompChange(object, 'pod', undefined, true);
  if (seccomp) Object.assign(podFields, seccomp.fields);
  parts.push(mergeSecurityContext(object, spec, podFields), annotationEdit(seccomp?.annotation));
  return fixOf(`Harden the pod and container securityContexts of ${describe(object)}`, parts);
}
