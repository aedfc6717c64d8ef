import type { Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import { replicaRange } from '../workspace/replicas';
import { REPLICATED_WORKLOAD_KINDS } from '../workspace/queries';
import { inFile, objectTarget, selectedWorkloads, selectorKeyOf, selectorsOf, type Target } from './graph';

/** One piece of a hint's text; a piece with a target opens that object on Ctrl+click. */
export interface HintPart {
  text: string;
  target?: Target;
}

/** A hint at the end of a line: what selects a workload's pods, or what a selector selects. */
export interface RelationHint {
  /** File line; the hint goes after its last character. */
  line: number;
  /** The key it is about (`labels:`, `selector:`), in file coordinates. */
  at: Range;
  parts: HintPart[];
}

const SHORT_KINDS: Readonly<Record<string, string>> = { PodDisruptionBudget: 'PDB', HorizontalPodAutoscaler: 'HPA' };
/** A hint lists this many objects at most, then says how many more. */
const MAX_LISTED = 4;

const named = (resource: IndexedResource): HintPart => ({ text: `${SHORT_KINDS[resource.facts.kind] ?? resource.facts.kind} ${resource.facts.name ?? '(unnamed)'}`, target: objectTarget(resource) });

function listed(parts: HintPart[][]): HintPart[] {
  const out: HintPart[] = [];
  parts.slice(0, MAX_LISTED).forEach((part, i) => out.push(...(i > 0 ? [{ text: ' · ' }] : []), ...part));
  if (parts.length > MAX_LISTED) out.push({ text: ` · ${parts.length - MAX_LISTED} more` });
  return out;
}

/** `3 pods of`, `2–10 pods of` (under an HPA), or `pods of` for kinds whose count is not theirs to say (DaemonSet, Job). */
function podCount(index: WorkspaceIndex, workload: IndexedResource): string {
  const { kind } = workload.facts;
  if (kind === 'Pod') return '';
  if (workload.facts.workload?.replicas === undefined && !(REPLICATED_WORKLOAD_KINDS as readonly string[]).includes(kind)) return 'pods of ';
  const { min, max } = replicaRange(index, workload);
  const count = min === max ? `${min}` : `${min}–${max}`;
  return `${count} pod${max === 1 ? '' : 's'} of `;
}

/**
 * Relation hints for the objects of a file whose document starts between `fromLine` and `toLine`
 * (file lines): after a workload's pod labels, the Services, PDBs and NetworkPolicies that select
 * them; after a Service's, PDB's or NetworkPolicy's selector, the workloads whose pods it selects.
 * Nothing where nothing relates: the rules speak about selectors that select nothing.
 */
export function relationHints(index: WorkspaceIndex, uri: string, fromLine: number, toLine: number): RelationHint[] {
  const out: RelationHint[] = [];
  for (const resource of index.file(uri)?.resources ?? []) {
    const { facts } = resource;
    const workload = facts.workload;
    if (workload?.podLabelsAt) {
      const at = inFile(resource, workload.podLabelsAt).range;
      const line = at.start.line;
      const selecting = line >= fromLine && line <= toLine ? selectorsOf(index, resource) : [];
      if (selecting.length > 0) out.push({ line, at, parts: [{ text: 'selected by ' }, ...listed(selecting.map((s) => [named(s.resource)]))] });
    }
    const selectorAt = selectorKeyOf(facts);
    if (!selectorAt) continue;
    const at = inFile(resource, selectorAt).range;
    const line = at.start.line;
    if (line < fromLine || line > toLine) continue;
    const workloads = selectedWorkloads(index, resource);
    if (workloads.length > 0) out.push({ line, at, parts: [{ text: '→ ' }, ...listed(workloads.map((w) => [{ text: podCount(index, w) }, named(w)]))] });
  }
  return out;
}
