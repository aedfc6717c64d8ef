import type { IndexedResource, WorkspaceIndex } from './index';
import { hpasTargeting, minimumReplicas, nameOf, whereIs } from './queries';

export interface ReplicaRange {
  /** The fewest pods it runs: replicas, or its HPA's minReplicas. */
  min: number;
  /** The most: replicas, or its HPA's maxReplicas (never below min). */
  max: number;
  hpas: IndexedResource[];
}

/** How many pods the workload runs, from quiet hours to peak load. */
export function replicaRange(index: WorkspaceIndex, workload: IndexedResource): ReplicaRange {
  const hpas = hpasTargeting(index, workload);
  const min = minimumReplicas(index, workload);
  // maxReplicas is required; without one (an unrendered template) the range is its minimum.
  const max = Math.max(min, ...hpas.map((hpa) => hpa.facts.hpa?.maxReplicas?.value ?? 0));
  return { min, max, hpas };
}

/**
 * Whether the workload runs several pods at some time. An HPA with minReplicas 1 and maxReplicas
 * 10 runs several most of the day: what protects replicas (a disruption budget, spreading) then
 * matters at every scale but the lowest, where it costs nothing.
 */
export function runsSeveralReplicas(range: ReplicaRange): boolean {
  return range.max >= 2;
}

/** `3 replicas`, or for an HPA that goes below two: `1 to 10 replicas under HorizontalPodAutoscaler "api"`. */
export function describeReplicas(range: ReplicaRange, from: IndexedResource): string {
  if (range.min >= 2 || range.hpas.length === 0) return `${range.min} replica${range.min === 1 ? '' : 's'}`;
  const hpa = range.hpas.find((h) => (h.facts.hpa?.maxReplicas?.value ?? 0) === range.max) ?? range.hpas[0];
  return `${range.min} to ${range.max} replicas under ${nameOf(hpa)}${whereIs(hpa, from)}`;
}
