import { isWithin, type Position, type Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import type { LabelSite, ObjectReference } from '../workspace/links';

/** What the cursor is on, as the index knows the object (positions relative to its document). */
export type Subject =
  | { type: 'name'; range: Range }
  | { type: 'reference'; reference: ObjectReference; range: Range }
  | { type: 'key'; reference: ObjectReference; key: string; range: Range }
  | { type: 'label'; site: LabelSite; part: 'key' | 'value'; range: Range }
  | { type: 'object' };

/** The object of the file whose document starts on file line `startLine`. */
export function resourceAt(index: WorkspaceIndex, uri: string, startLine: number): IndexedResource | undefined {
  return index.file(uri)?.resources.find((resource) => resource.startLine === startLine);
}

/** What of the object lies under `position` (relative to its document): a name, a reference, a label; else the object itself. */
export function subjectAt(resource: IndexedResource, position: Position): Subject {
  const { facts } = resource;
  if (facts.nameAt && isWithin(position, facts.nameAt)) return { type: 'name', range: facts.nameAt };
  for (const reference of facts.references ?? []) {
    if (isWithin(position, reference.at)) return { type: 'reference', reference, range: reference.at };
    const key = reference.keys.find((k) => isWithin(position, k.at));
    if (key) return { type: 'key', reference, key: key.value, range: key.at };
  }
  for (const site of facts.labelSites ?? []) {
    if (isWithin(position, site.keyAt)) return { type: 'label', site, part: 'key', range: site.keyAt };
    if (isWithin(position, site.valueAt)) return { type: 'label', site, part: 'value', range: site.valueAt };
  }
  return { type: 'object' };
}
