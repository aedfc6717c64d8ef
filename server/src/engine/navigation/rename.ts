import { parse } from 'yaml';
import type { Position, Range } from '../types';
import type { WorkspaceIndex } from '../workspace/index';
import { resourceAt, subjectAt, type Subject } from './at';
import { inFile, labelUses, referenced, referrersNamed, targetNamespace } from './graph';

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

export type RenameResult = { edits: RenameEdit[]; label: string } | { error: string };

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
  return subject.type === 'name' ? { ...target, placeholder: self.facts.name ?? '' } : target;
}

// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and .../labels/#syntax-and-character-set
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

function invalidName(what: RenameTarget['what'], name: string): string | undefined {
  if (what === 'object') return name.length <= 253 && DNS_SUBDOMAIN.test(name) ? undefined : `"${name}" is not a valid object name: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, 253 characters at most.`;
  if (what === 'label value') return name === '' || (name.length <= 63 && LABEL_NAME.test(name)) ? undefined : `"${name}" is not a valid label value: 63 characters at most, letters, digits, '-', '_' and '.', starting and ending with a letter or digit.`;
  const slash = name.lastIndexOf('/');
  const prefix = slash === -1 ? undefined : name.slice(0, slash);
  const local = name.slice(slash + 1);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && DNS_SUBDOMAIN.test(prefix));
  return prefixOk && local.length <= 63 && LABEL_NAME.test(local) ? undefined : `"${name}" is not a valid label key: an optional DNS-subdomain prefix and '/', then 63 characters at most of letters, digits, '-', '_' and '.'.`;
}

/** The text replacing a plain scalar: quoted when YAML would read the new text as something other than that string (`true`, `1.0`, ``). */
function asYamlText(name: string, quoted: boolean): string {
  if (quoted) return name;
  let plain = false;
  try {
    plain = parse(name) === name;
  } catch {
    plain = false;
  }
  return plain ? name : JSON.stringify(name);
}

/**
 * Rename: an object's name with every field naming it across the workspace (not the selectors,
 * which select by label), or a label key or value with every pod label and selector entry of the
 * namespace that has that key and value. Edits are in file coordinates; `texts` gives a file's
 * text (to see whether a value is quoted).
 */
export function renameAt(index: WorkspaceIndex, uri: string, startLine: number, position: Position, newName: string, texts: (uri: string) => string | undefined): RenameResult {
  const self = resourceAt(index, uri, startLine);
  const subject = self && subjectAt(self, position);
  const target = subject && targetOf(subject);
  if (!self || !subject || !target) return { error: NOT_RENAMEABLE };
  const invalid = invalidName(target.what, newName);
  if (invalid) return { error: invalid };
  const places: Array<{ uri: string; range: Range }> = [];
  let label: string;
  if (subject.type === 'label') {
    const { key, value } = subject.site;
    for (const { resource, site } of labelUses(index, self.namespace, key, value)) places.push(inFile(resource, subject.part === 'key' ? site.keyAt : site.valueAt));
    label = `Rename label ${key}=${value} to ${subject.part === 'key' ? `${newName}=${value}` : `${key}=${newName}`}`;
  } else {
    const kind = subject.type === 'reference' ? subject.reference.kind : self.facts.kind;
    const name = subject.type === 'reference' ? subject.reference.name : self.facts.name ?? '';
    const namespace = subject.type === 'reference' ? targetNamespace(self, kind) : self.namespace;
    const objects = subject.type === 'reference' ? referenced(index, self, subject.reference) : [self];
    for (const object of objects) if (object.facts.nameAt) places.push(inFile(object, object.facts.nameAt));
    for (const { resource, reference } of referrersNamed(index, namespace, kind, name)) places.push(inFile(resource, reference.at));
    label = `Rename ${kind} "${name}" to "${newName}"`;
  }
  const lines = new Map<string, string[] | undefined>();
  const quotedAt = (place: { uri: string; range: Range }): boolean => {
    if (!lines.has(place.uri)) lines.set(place.uri, texts(place.uri)?.split('\n'));
    const line = lines.get(place.uri)?.[place.range.start.line];
    const before = line?.[place.range.start.character - 1];
    return before === '"' || before === "'";
  };
  const seen = new Set<string>();
  const edits: RenameEdit[] = [];
  for (const place of places) {
    const id = `${place.uri}\u0000${place.range.start.line}\u0000${place.range.start.character}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edits.push({ ...place, newText: asYamlText(newName, quotedAt(place)) });
  }
  edits.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { edits, label };
}
