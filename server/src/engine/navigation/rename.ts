import { parse } from 'yaml';
import type { LabelSelector } from '../selector';
import type { Position, Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import { resourceAt, subjectAt, type Subject } from './at';
import { crossNamespaceLabelUses, inFile, labelUses, placesOnce, referrersNamed, targetNamespace } from './graph';

/** What a rename at a place would rename: its range (document coordinates) and current text. */
export interface RenameTarget {
  range: Range;
  placeholder: string;
  /** `object`: a name and every field naming it; `label key` / `label value`: every pod label and selector entry with it. */
  what: 'object' | 'label key' | 'label value';
}

export interface RenameEdit {
  uri: string;
  range: Range;
  newText: string;
}

/** The edits, a label for them, and what the user should know before applying them. */
export type RenameResult = { edits: RenameEdit[]; label: string; note?: string } | { error: string };

const NOT_RENAMEABLE = 'kube-prod renames an object\'s name, a field that names an object (secretKeyRef, serviceAccountName, scaleTargetRef...), or a label key or value of pod labels and selectors.';

function targetOf(subject: Subject): RenameTarget | undefined {
  switch (subject.type) {
    case 'name':
      return { range: subject.range, placeholder: '', what: 'object' };
    case 'reference':
      return { range: subject.range, placeholder: subject.reference.name, what: 'object' };
    case 'label':
      return { range: subject.range, placeholder: subject.part === 'key' ? subject.site.key : subject.site.value, what: subject.part === 'key' ? 'label key' : 'label value' };
    default:
      return undefined;
  }
}

/** prepareRename: what the cursor would rename, or why nothing can be. */
export function renameTargetAt(index: WorkspaceIndex, uri: string, startLine: number, position: Position): RenameTarget | { error: string } {
  const self = resourceAt(index, uri, startLine);
  const subject = self && subjectAt(self, position);
  const target = subject && targetOf(subject);
  if (!self || !target) return { error: NOT_RENAMEABLE };
  if (self.facts.aliases) return { error: ALIASES };
  return subject.type === 'name' ? { ...target, placeholder: self.facts.name ?? '' } : target;
}

const ALIASES = 'kube-prod does not rename in a document that uses YAML aliases (*name): one text there may stand for several fields. Rename by hand.';

// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and .../labels/#syntax-and-character-set
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** RBAC objects' names are path segments: `system:controller:foo` is a ClusterRole name. */
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

function invalidObjectName(kind: string, name: string): string | undefined {
  if (PATH_SEGMENT_KINDS.has(kind)) return name !== '' && name !== '.' && name !== '..' && !/[/%]/.test(name) ? undefined : `"${name}" is not a valid ${kind} name: it may not be empty, "." or "..", nor contain '/' or '%'.`;
  // Service names are DNS-1035 labels (they become DNS names and environment variables); Namespace names DNS-1123 labels.
  if (kind === 'Service') return name.length <= 63 && /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name) ? undefined : `"${name}" is not a valid Service name: lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, 63 characters at most.`;
  if (kind === 'Namespace') return name.length <= 63 && DNS_LABEL.test(name) ? undefined : `"${name}" is not a valid Namespace name: lowercase letters, digits and '-', starting and ending with a letter or digit, 63 characters at most.`;
  return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? undefined : `"${name}" is not a valid object name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, 253 characters at most.`;
}

function invalidLabel(what: 'label key' | 'label value', name: string): string | undefined {
  if (what === 'label value') return name === '' || (name.length <= 63 && LABEL_NAME.test(name)) ? undefined : `"${name}" is not a valid label value: 63 characters at most, letters, digits, '-', '_' and '.', starting and ending with a letter or digit.`;
  const slash = name.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : name.slice(0, slash);
  const local = name.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && local.length <= 63 && LABEL_NAME.test(local) ? undefined : `"${name}" is not a valid label key: an optional DNS-subdomain prefix and '/', then 63 characters at most of letters, digits, '-', '_' and '.'.`;
}

/**
 * The text replacing a plain scalar: quoted when a YAML reader would take the new text for
 * something other than that string. kubectl reads YAML 1.1, where `on`, `yes`, `n` are booleans
 * and `1_000` a number; YAML 1.2 readers (this project's) read `1.0` and `true` alike.
 */
function asYamlText(name: string, quoted: boolean): string {
  if (quoted) return name;
  const readsAsItself = (version: '1.1' | '1.2'): boolean => {
    try {
      return parse(name, { version }) === name;
    } catch {
      return false;
    }
  };
  return readsAsItself('1.1') && readsAsItself('1.2') ? name : JSON.stringify(name);
}

/** Selectors of an object that can say more than `key: value` (matchExpressions). */
function expressionSelectors(resource: IndexedResource): LabelSelector[] {
  const { facts } = resource;
  const out: Array<LabelSelector | undefined> = [facts.pdb?.selector, facts.networkPolicy?.podSelector, facts.workload?.selector];
  for (const term of facts.workload?.spreadTerms ?? []) if (typeof term.selector === 'object') out.push(term.selector);
  return out.filter((s): s is LabelSelector => s !== undefined);
}

const KINDS_WITH_FIXED_SELECTOR = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** A label key or value with every pod label and selector entry of the namespace that has it. */
function renameLabel(index: WorkspaceIndex, self: IndexedResource, subject: Extract<Subject, { type: 'label' }>, newName: string): { places: Array<{ uri: string; range: Range }>; label: string; note?: string } | { error: string } {
  const { key, value } = subject.site;
  const byKey = subject.part === 'key';
  const uses = labelUses(index, self.namespace, key, value);
  const places: Array<{ uri: string; range: Range }> = [];
  const fixedSelectors = new Set<string>();
  for (const { resource, site } of uses) {
    if (resource.facts.aliases) return { error: `${ALIASES} (${resource.facts.kind} "${resource.facts.name ?? ''}" does)` };
    // A key renamed into one its map already has would write that key twice.
    if (byKey && (resource.facts.labelSites ?? []).some((other) => other.group === site.group && other.key === newName)) {
      return { error: `${resource.facts.kind} "${resource.facts.name ?? ''}" already has a label "${newName}" beside "${key}": rename it by hand.` };
    }
    places.push(inFile(resource, byKey ? site.keyAt : site.valueAt));
    if (site.role === 'selector' && KINDS_WITH_FIXED_SELECTOR.has(resource.facts.kind) && resource.facts.workload) fixedSelectors.add(`${resource.facts.kind} "${resource.facts.name ?? ''}"`);
  }
  // matchExpressions are not rewritten (a key may be asked for with several values): refuse rather than break them.
  for (const resource of self.namespace === undefined ? [] : index.ofKind('PodDisruptionBudget', self.namespace).concat(index.ofKind('NetworkPolicy', self.namespace), index.workloads(self.namespace))) {
    const expression = expressionSelectors(resource).flatMap((s) => s.matchExpressions).find((r) => r.key === key && (byKey || r.values.includes(value)));
    if (expression) return { error: `${resource.facts.kind} "${resource.facts.name ?? ''}" selects on ${key} in matchExpressions, which a rename does not rewrite: change it by hand.` };
  }
  const elsewhere = crossNamespaceLabelUses(index, key, value)[0];
  if (elsewhere) return { error: `NetworkPolicy "${elsewhere.resource.facts.name ?? ''}"${elsewhere.resource.namespace ? ` (namespace "${elsewhere.resource.namespace}")` : ''} allows pods labelled ${key}=${value} of other namespaces too, which a rename of this namespace's labels does not rewrite: change it by hand.` };
  const label = `Rename label ${key}=${value} to ${byKey ? `${newName}=${value}` : `${key}=${newName}`}`;
  const note = fixedSelectors.size > 0 ? `spec.selector cannot change on an object that already exists (${[...fixedSelectors].join(', ')}): apply by re-creating it.` : undefined;
  return { places, label, ...(note ? { note } : {}) };
}

/** An object's name with every field naming it. */
function renameObject(index: WorkspaceIndex, self: IndexedResource, subject: Extract<Subject, { type: 'name' | 'reference' }>, newName: string): { places: Array<{ uri: string; range: Range }>; label: string } | { error: string } {
  const kind = subject.type === 'reference' ? subject.reference.kind : self.facts.kind;
  const name = subject.type === 'reference' ? subject.reference.name : self.facts.name ?? '';
  const namespace = subject.type === 'reference' ? targetNamespace(self, subject.reference) : self.namespace;
  const invalid = invalidObjectName(kind, newName);
  if (invalid) return { error: invalid };
  const sameName = index.ofKind(kind, namespace).filter((resource) => resource.facts.name === name);
  const where = namespace === undefined ? 'the cluster' : `namespace "${namespace}"`;
  // Two definitions (a dev and a prod folder, both without a namespace): which one the references mean is not ours to say.
  if (sameName.length > 1) return { error: `${kind} "${name}" is defined ${sameName.length} times in ${where} (${sameName.map((r) => r.uri.slice(r.uri.lastIndexOf('/') + 1)).join(', ')}): kube-prod cannot tell which one the references mean. Rename by hand.` };
  if (index.ofKind(kind, namespace).some((resource) => resource.facts.name === newName)) return { error: `${kind} "${newName}" already exists in ${where}.` };
  const referrers = referrersNamed(index, namespace, kind, name);
  const aliased = [...sameName, ...referrers.map((r) => r.resource)].find((resource) => resource.facts.aliases);
  if (aliased) return { error: `${ALIASES} (${aliased.facts.kind} "${aliased.facts.name ?? ''}" does)` };
  const places = sameName.flatMap((object) => (object.facts.nameAt ? [inFile(object, object.facts.nameAt)] : []));
  for (const { resource, reference } of referrers) places.push(inFile(resource, reference.at));
  return { places, label: `Rename ${kind} "${name}" to "${newName}"` };
}

/**
 * Rename: an object's name with every field naming it across the workspace (not the selectors,
 * which select by label), or a label key or value with every pod label and selector entry of the
 * namespace that has that key and value. Refused, with the reason, where the edit could break
 * what it does not see. Edits are in file coordinates; `texts` gives a file's text (to see
 * whether a value is quoted).
 */
export function renameAt(index: WorkspaceIndex, uri: string, startLine: number, position: Position, newName: string, texts: (uri: string) => string | undefined): RenameResult {
  const self = resourceAt(index, uri, startLine);
  const subject = self && subjectAt(self, position);
  const target = subject && targetOf(subject);
  if (!self || !subject || !target) return { error: NOT_RENAMEABLE };
  let renamed: ReturnType<typeof renameLabel>;
  if (subject.type === 'label') {
    const invalid = invalidLabel(subject.part === 'key' ? 'label key' : 'label value', newName);
    if (invalid) return { error: invalid };
    renamed = renameLabel(index, self, subject, newName);
  } else if (subject.type === 'name' || subject.type === 'reference') {
    renamed = renameObject(index, self, subject, newName);
  } else {
    return { error: NOT_RENAMEABLE };
  }
  if ('error' in renamed) return renamed;
  const lines = new Map<string, string[] | undefined>();
  const quotedAt = (place: { uri: string; range: Range }): boolean => {
    if (!lines.has(place.uri)) lines.set(place.uri, texts(place.uri)?.split(/\r\n|\r|\n/));
    const line = lines.get(place.uri)?.[place.range.start.line];
    const before = line?.[place.range.start.character - 1];
    return before === '"' || before === "'";
  };
  const edits: RenameEdit[] = placesOnce(renamed.places).map((place) => ({ ...place, newText: asYamlText(newName, quotedAt(place)) }));
  return { edits, label: renamed.label, ...('note' in renamed && renamed.note ? { note: renamed.note } : {}) };
}
