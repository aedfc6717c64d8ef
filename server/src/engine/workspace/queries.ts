import { isEmptySelector, matches } from '../selector';
import type { IndexedResource, WorkspaceIndex } from './index';

/** Kinds whose pods a PodDisruptionBudget protects and whose replica count matters. */
export const REPLICATED_WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'] as const;

/** Whether a PDB's selector selects the pods of a workload, as the disruption controller decides. */
export function pdbSelects(pdb: IndexedResource, workload: IndexedResource): boolean {
  const selector = pdb.facts.pdb?.selector;
  const labels = workload.facts.workload?.podLabels;
  if (!selector || !labels || pdb.namespace !== workload.namespace) return false;
  // policy/v1beta1 read an empty selector as "no pods"; policy/v1 as "every pod in the namespace".
  if (isEmptySelector(selector)) return pdb.facts.apiVersion === 'policy/v1';
  return matches(selector, labels);
}

export function pdbsSelecting(index: WorkspaceIndex, workload: IndexedResource): IndexedResource[] {
  if (workload.namespace === undefined) return [];
  return index.ofKind('PodDisruptionBudget', workload.namespace).filter((pdb) => pdbSelects(pdb, workload));
}

/** HorizontalPodAutoscalers whose scaleTargetRef names this workload. */
export function hpasTargeting(index: WorkspaceIndex, workload: IndexedResource): IndexedResource[] {
  if (workload.namespace === undefined) return [];
  const { kind, name } = workload.facts;
  return index.ofKind('HorizontalPodAutoscaler', workload.namespace).filter((hpa) => hpa.facts.hpa?.target?.kind === kind && hpa.facts.hpa.target.name === name);
}

/**
 * The fewest pods the workload runs: its replicas (default 1), or, under an HPA, the HPA's
 * minReplicas (default 1) — the HPA overrides `replicas` as soon as it acts.
 */
export function minimumReplicas(index: WorkspaceIndex, workload: IndexedResource): number {
  const hpas = hpasTargeting(index, workload);
  if (hpas.length > 0) return Math.max(...hpas.map((hpa) => hpa.facts.hpa?.minReplicas?.value ?? 1));
  return workload.facts.workload?.replicas?.value ?? 1;
}

/** `Deployment "api"`: how messages name the other side of a relation. */
export function nameOf(resource: IndexedResource): string {
  return `${resource.facts.kind} "${resource.facts.name ?? '(unnamed)'}"`;
}

/** Where the other side lives, for messages that name an object of another file. */
export function whereIs(resource: IndexedResource, from: IndexedResource): string {
  if (resource.uri === from.uri) return '';
  const file = resource.uri.slice(resource.uri.lastIndexOf('/') + 1);
  return ` (${file})`;
}
