import type { Position } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import { resourceAt, subjectAt } from './at';
import { crossNamespaceLabelUses, inFile, labelUses, objectTarget, placesOnce, referenced, referrersNamed, referrersOf, selectorsOf, targetNamespace, type Target } from './graph';

/** Every place that points at the object: fields naming it (an HPA's scaleTargetRef among them) and selectors selecting its pods. */
function pointersTo(index: WorkspaceIndex, target: IndexedResource): Target[] {
  const named = referrersOf(index, target).map(({ resource, reference }) => inFile(resource, reference.at));
  return [...named, ...selectorsOf(index, target).map((s) => s.at)];
}

/**
 * Find References. On an object (anywhere but a reference or a label): the Services, PDBs and
 * NetworkPolicies selecting its pods, the HPAs scaling it, and every field naming it (a
 * secretKeyRef, an Ingress backend, a roleRef...). On a reference: those of the object it names.
 * On a label entry (pod label or selector): every pod label and selector entry with that key and
 * value in the namespace. `position` is relative to the document starting on file line `startLine`.
 */
export function referencesAt(index: WorkspaceIndex, uri: string, startLine: number, position: Position, includeDeclaration: boolean): Target[] {
  const self = resourceAt(index, uri, startLine);
  if (!self) return [];
  const subject = subjectAt(self, position);
  const out: Target[] = [];
  if (subject.type === 'label') {
    const { key, value } = subject.site;
    // With the NetworkPolicy peers that ask for it in any namespace.
    for (const { resource, site } of [...labelUses(index, self.namespace, key, value), ...crossNamespaceLabelUses(index, key, value)]) {
      if (includeDeclaration || site.role === 'selector') out.push(inFile(resource, { start: site.keyAt.start, end: site.valueAt.end }));
    }
    return placesOnce(out);
  }
  if (subject.type === 'reference' || subject.type === 'key') {
    const targets = referenced(index, self, subject.reference);
    // A name no object of the workspace has: the fields that name it all the same.
    if (targets.length === 0) {
      const { kind, name } = subject.reference;
      return placesOnce(referrersNamed(index, targetNamespace(self, subject.reference), kind, name).map(({ resource, reference }) => inFile(resource, reference.at)));
    }
  }
  const targets = subject.type === 'reference' || subject.type === 'key' ? referenced(index, self, subject.reference) : [self];
  for (const target of targets) {
    if (includeDeclaration) out.push(objectTarget(target));
    out.push(...pointersTo(index, target));
  }
  return placesOnce(out);
}
