import { Placeholder, type PlainMap } from './yamlEdit';

/** Replicas for a workload that runs one (RULES.md: `replicas: 3`): one can be drained while two keep serving. */
export const SEED_REPLICAS = 3;

/** The lowest minReplicas an HPA should keep: one pod can go (drain, crash) while another serves. */
export const HPA_MIN_REPLICAS = 2;

/**
 * Seed rolling update (seed document 002, 2.2 Application HA): one extra pod at a time and none
 * taken down before its replacement is ready. maxSurge must then be at least 1, or the
 * Deployment could never make progress (the API server rejects 0 and 0).
 */
export function zeroDowntimeRollingUpdate(keepSurge: boolean): PlainMap {
  return keepSurge ? { maxUnavailable: 0 } : { maxSurge: 1, maxUnavailable: 0 };
}

/**
 * topologySpreadConstraints over nodes and zones (seed document 000 "Multi-AZ Deployment", RULES.md)
 * selecting the workload's own pods. Both constraints are soft (ScheduleAnyway): the scheduler
 * spreads whenever it can, but a hard one can leave pods Pending with nothing wrong in the
 * workload. With DoNotSchedule on kubernetes.io/hostname, a node the pods cannot use (a tainted
 * control-plane node counts by default) holds the minimum at zero and blocks every second pod on
 * the other nodes; on zones, nodes without the zone label (kind, bare metal) are left out and
 * the pods cannot be placed at all. The placeholder says where to make the node spread hard.
 * `taken` says which {topologyKey, whenUnsatisfiable} pairs the pod spec already has: the API
 * server rejects a repeated pair, so those are left out (undefined when none is left).
 */
export function topologySpread(matchLabels: Readonly<Record<string, string>>, taken: (topologyKey: string, whenUnsatisfiable: string) => boolean = () => false): PlainMap | undefined {
  const constraint = (topologyKey: string, whenUnsatisfiable: string | Placeholder): PlainMap => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable,
    labelSelector: { matchLabels: { ...matchLabels } },
  });
  const constraints = [
    constraint('kubernetes.io/hostname', new Placeholder('ScheduleAnyway', 'DoNotSchedule makes it a hard rule, when every node can run these pods')),
    constraint('topology.kubernetes.io/zone', 'ScheduleAnyway'),
  ].filter(({ topologyKey, whenUnsatisfiable }) => {
    const mode = whenUnsatisfiable instanceof Placeholder ? whenUnsatisfiable.value : whenUnsatisfiable;
    return !taken(String(topologyKey), String(mode));
  });
  return constraints.length > 0 ? { topologySpreadConstraints: constraints } : undefined;
}
