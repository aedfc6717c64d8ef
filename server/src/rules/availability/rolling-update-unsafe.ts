import { isScalar, type YAMLMap } from 'yaml';
import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { zeroDowntimeRollingUpdate } from '../../engine/fix/availability';
import { mergeOwn } from '../../engine/fix/own';
import { describe, type K8sObject } from '../../engine/model';
import type { NodeReader } from '../../engine/nodes';
import type { FixSpec, Rule, RuleContext } from '../../engine/rule';

/** Below this many replicas, one pod down is a large share of capacity (a third or more). */
const SMALL_REPLICA_COUNT = 3;

/**
 * Where each kind keeps its rolling update. OpenShift's DeploymentConfig has the same semantics
 * (maxUnavailable rounded down, maxSurge up, 25% each by default) under other names. An Argo
 * Rollout is not listed: its canary and blueGreen strategies move traffic by steps or by switching
 * Services, which a maxUnavailable reading would misjudge.
 */
const STRATEGY_FIELDS: Readonly<Record<string, { rolling: string; params: string }>> = {
  Deployment: { rolling: 'RollingUpdate', params: 'rollingUpdate' },
  DeploymentConfig: { rolling: 'Rolling', params: 'rollingParams' },
};

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

/** maxSurge lets at least one extra pod start: a positive count, or any positive percentage (surge rounds up). */
function allowsSurge(value: unknown): boolean {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = /^(\d+)%?$/.exec(text);
  return match !== null && Number(match[1]) > 0;
}

/**
 * maxSurge 1 and maxUnavailable 0: new pods become ready before old ones stop. A maxSurge that
 * already allows a surge is the author's choice and stays; type is only written over Recreate.
 */
function fix(object: K8sObject, read: NodeReader, strategy: YAMLMap, recreate: boolean): FixSpec | undefined {
  const fields = STRATEGY_FIELDS[object.kind]!;
  const keepSurge = !recreate && allowsSurge(read.scalar(strategy, fields.params, 'maxSurge'));
  const name = describe(object);
  const edits = mergeOwn(read, strategy, { ...(recreate ? { type: fields.rolling } : {}), [fields.params]: zeroDowntimeRollingUpdate(keepSurge) });
  const title = recreate ? `Switch ${name} to a rolling update with maxSurge 1 and maxUnavailable 0` : `Set maxUnavailable 0${keepSurge ? '' : ' and maxSurge 1'} in the rolling update of ${name}`;
  return edits && { title, edits };
}

function check({ object, read, report }: RuleContext): void {
  const fields = STRATEGY_FIELDS[object.kind];
  if (!fields) return;
  const spec = read.map(object.root, 'spec');
  const strategy = read.map(spec, 'strategy');
  if (!strategy) return;
  const type = read.string(strategy, 'type');
  if (type === 'Recreate') {
    if (mountsClaim(read, object.podSpec?.node)) return;
    report({
      at: fieldAnchor(read, strategy, 'type', kindAnchor(object)),
      message: `${describe(object)}: strategy type Recreate stops every pod before starting the new ones (downtime on each rollout)`,
      fix: fix(object, read, strategy, true),
    });
    return;
  }
  if (type !== undefined && type !== fields.rolling) return;
  const rollingUpdate = read.map(strategy, fields.params);
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
    message: `${describe(object)}: ${fields.params}.maxUnavailable ${shown} lets a rollout take ${down} of ${replicas} ${replicas === 1 ? 'replica' : 'replicas'} down`,
    fix: fix(object, read, strategy, false),
  });
}

const rule: Rule = {
  meta: {
    id: 'rolling-update-unsafe',
    category: 'availability',
    severity: 'info',
    description: 'A Deployment (or DeploymentConfig) rollout can take serving capacity down.',
    rationale:
      'With the Recreate strategy every rollout is an outage: all old pods stop before any new pod is ready. With few replicas, a maxUnavailable of one pod or more removes a third or more of capacity (all of it with one replica) while new pods start, which shows up as errors and latency on every deploy.',
    remediation: 'Use type RollingUpdate (Rolling in a DeploymentConfig) with maxSurge: 1 and maxUnavailable: 0, so new pods become ready before old ones stop.',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy',
    peers: { 'kube-linter': ['no-rolling-update-strategy'], 'kube-score': ['deployment-strategy'] },
    fixable: true,
    kinds: Object.keys(STRATEGY_FIELDS),
  },
  check,
};

export default rule;
