import { isScalar } from 'yaml';
import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import type { NodeReader } from '../../engine/nodes';
import type { Rule, RuleContext } from '../../engine/rule';

/** Below this many replicas, one pod down is a large share of capacity (a third or more). */
const SMALL_REPLICA_COUNT = 3;

/** A count given as `3` or `"3"`; undefined for anything else (a template placeholder, a typo). */
function count(read: NodeReader, node: unknown, key: string): number | undefined {
  const value = read.scalar(node, key);
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * maxUnavailable as the Deployment controller resolves it: an integer, or a percentage of
 * replicas rounded down (intstr.GetScaledValueFromIntOrPercent with roundUp=false).
 */
function resolveMaxUnavailable(value: unknown, replicas: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const percent = /^(\d+)%$/.exec(text);
  if (percent) return Math.floor((Number(percent[1]) * replicas) / 100);
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A ReadWriteOnce claim cannot follow a surge pod to another node; Recreate is how such apps update. */
function mountsClaim(read: NodeReader, podSpec: unknown): boolean {
  return read.maps(podSpec, 'volumes').some((volume) => read.map(volume, 'persistentVolumeClaim') !== undefined);
}

function check({ object, read, report }: RuleContext): void {
  const spec = read.map(object.root, 'spec');
  const strategy = read.map(spec, 'strategy');
  if (!strategy) return;
  const type = read.string(strategy, 'type');
  if (type === 'Recreate') {
    if (mountsClaim(read, object.podSpec?.node)) return;
    report({
      at: fieldAnchor(read, strategy, 'type', kindAnchor(object)),
      message: `${describe(object)}: strategy type Recreate stops every pod before starting the new ones (downtime on each rollout)`,
    });
    return;
  }
  if (type !== undefined && type !== 'RollingUpdate') return;
  const rollingUpdate = read.map(strategy, 'rollingUpdate');
  const pair = read.pair(rollingUpdate, 'maxUnavailable');
  if (!pair) return;
  const replicasNode = read.get(spec, 'replicas');
  const replicas = replicasNode === undefined || (isScalar(replicasNode) && replicasNode.value === null) ? 1 : count(read, spec, 'replicas');
  if (replicas === undefined || replicas === 0 || replicas > SMALL_REPLICA_COUNT) return;
  const raw = read.scalar(rollingUpdate, 'maxUnavailable');
  const unavailable = resolveMaxUnavailable(raw, replicas);
  if (unavailable === undefined || unavailable < 1) return;
  const shown = typeof raw === 'string' ? `"${raw}"` : String(raw);
  const down = Math.min(unavailable, replicas);
  report({
    at: fieldAnchor(read, rollingUpdate, 'maxUnavailable', kindAnchor(object)),
    message: `${describe(object)}: rollingUpdate.maxUnavailable ${shown} lets a rollout take ${down} of ${replicas} ${replicas === 1 ? 'replica' : 'replicas'} down`,
  });
}

const rule: Rule = {
  meta: {
    id: 'rolling-update-unsafe',
    category: 'availability',
    severity: 'info',
    description: 'A Deployment rollout can take serving capacity down.',
    rationale:
      'With the Recreate strategy every rollout is an outage: all old pods stop before any new pod is ready. With few replicas, a maxUnavailable of one pod or more removes a third or more of capacity (all of it with one replica) while new pods start, which shows up as errors and latency on every deploy.',
    remediation: 'Use type RollingUpdate with maxSurge: 1 and maxUnavailable: 0, so new pods become ready before old ones stop.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    fixable: true,
    kinds: ['Deployment'],
  },
  check,
};

export default rule;
