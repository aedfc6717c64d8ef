import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { containerAnchor, keyAnchor } from '../../engine/anchors';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { NodeReader } from '../../engine/nodes';
import { podContainers, type Rule } from '../../engine/rule';

type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
type PlainMap = { [key: string]: Plain };

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/** What the API server fills in, so that `periodSeconds: 10` and no periodSeconds compare equal. */
const PROBE_DEFAULTS: PlainMap = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
const HTTP_GET_DEFAULTS: PlainMap = { path: '/', scheme: 'HTTP' };

const rule: Rule = {
  meta: {
    id: 'probes-identical',
    category: 'health-checks',
    severity: 'info',
    description: 'A container\'s livenessProbe and readinessProbe are identical.',
    rationale:
      'Readiness answers "can I take traffic now?" and may fail while a database or downstream service is slow; liveness answers "is this process wedged beyond repair?". When both probes are the same check, a slow dependency fails liveness in every replica at once and the kubelet restarts the whole fleet, turning a brief slowdown into an outage.',
    remediation:
      'Make the livenessProbe check only the process itself (a cheap /healthz that does not call dependencies), or give it a markedly higher failureThreshold/periodSeconds than the readinessProbe.',
    docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    peers: { 'kube-score': ['pod-probes-identical'] },
    fixable: false,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['regular'])) {
      const liveness = read.map(container.node, 'livenessProbe');
      const readiness = read.map(container.node, 'readinessProbe');
      if (!liveness || !readiness || !hasHandler(read, liveness)) continue;
      // Most pairs differ in a timing or in the handler they use: no need to copy them to compare.
      if (!mayBeEqual(read, liveness, readiness)) continue;
      const ports = declaredPorts(read, container.node);
      if (!equal(normalizeProbe(read, liveness, ports), normalizeProbe(read, readiness, ports))) continue;
      report({
        // The liveness probe is the one to change, so the finding points at it.
        at: keyAnchor(read, container.node, 'livenessProbe', containerAnchor(object, container)),
        message: `${describe(object, container)}: livenessProbe is identical to readinessProbe`,
      });
    }
  },
};

function hasHandler(read: NodeReader, probe: YAMLMap): boolean {
  return HANDLERS.some((handler) => {
    const action = read.get(probe, handler);
    return action !== undefined && !(isScalar(action) && (action.value === null || action.value === undefined));
  });
}

const UNDECIDED = Symbol('undecided');

/** A timing field as normalizeProbe would see it, or UNDECIDED when it is not a plain scalar. */
function timing(read: NodeReader, probe: YAMLMap, key: string): Plain | typeof UNDECIDED {
  const node = read.get(probe, key);
  if (node === undefined) return PROBE_DEFAULTS[key];
  if (!isScalar(node)) return UNDECIDED;
  const value = numeric(node.value);
  return value === null ? PROBE_DEFAULTS[key] : value;
}

/** Whether the handler is there once null entries are dropped, as in toPlain. */
function hasAction(read: NodeReader, probe: YAMLMap, handler: string): boolean {
  const action = read.get(probe, handler);
  return action !== undefined && !(isScalar(action) && numeric(action.value) === null);
}

/** False only when the full comparison would surely say "different". */
function mayBeEqual(read: NodeReader, a: YAMLMap, b: YAMLMap): boolean {
  for (const key of Object.keys(PROBE_DEFAULTS)) {
    const x = timing(read, a, key);
    const y = timing(read, b, key);
    if (x !== UNDECIDED && y !== UNDECIDED && x !== y) return false;
  }
  return HANDLERS.every((handler) => hasAction(read, a, handler) === hasAction(read, b, handler));
}

/** Named container ports by name, so that `port: http` and `port: 8080` compare equal when http is 8080. */
function declaredPorts(read: NodeReader, container: YAMLMap): Map<string, number> {
  const ports = new Map<string, number>();
  for (const port of read.maps(container, 'ports')) {
    const name = read.string(port, 'name');
    const number = numeric(read.scalar(port, 'containerPort'));
    if (name !== undefined && typeof number === 'number') ports.set(name, number);
  }
  return ports;
}

function normalizeProbe(read: NodeReader, probe: YAMLMap, ports: Map<string, number>): Plain {
  const out: PlainMap = { ...PROBE_DEFAULTS };
  for (const [key, node] of read.entries(probe)) {
    // Only liveness and startup probes may set it, and it changes how a kill proceeds, not when the probe fails.
    if (key === 'terminationGracePeriodSeconds') continue;
    const plain = toPlain(read, node);
    if (plain !== null) out[key] = plain;
  }
  for (const handler of HANDLERS) {
    const action = out[handler];
    if (!isPlainMap(action)) continue;
    const normalized: PlainMap = handler === 'httpGet' ? { ...HTTP_GET_DEFAULTS, ...action } : { ...action };
    if (typeof normalized.port === 'string') normalized.port = ports.get(normalized.port) ?? normalized.port;
    out[handler] = normalized;
  }
  return out;
}

/**
 * The node as plain data: aliases and merges resolved, null entries dropped, numeric strings as
 * numbers. A collection that contains an alias of itself (`&p {failureThreshold: *p}`) would be
 * infinite data: the inner reference reads as null.
 */
function toPlain(read: NodeReader, node: unknown, within: Set<unknown> = new Set()): Plain {
  const resolved = read.resolve(node);
  if ((isMap(resolved) || isSeq(resolved)) && within.has(resolved)) return null;
  if (isMap(resolved)) {
    within.add(resolved);
    const out: PlainMap = {};
    for (const [key, value] of read.entries(resolved)) {
      const plain = toPlain(read, value, within);
      if (plain !== null) out[key] = plain;
    }
    within.delete(resolved);
    return out;
  }
  if (isSeq(resolved)) {
    within.add(resolved);
    const out = resolved.items.map((item) => toPlain(read, item, within));
    within.delete(resolved);
    return out;
  }
  if (isScalar(resolved)) return numeric(resolved.value);
  return null;
}

/** `"8080"` and `8080` are the same port to the kubelet (it falls back to parsing a port name as a number). */
function numeric(value: unknown): Plain {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

function isPlainMap(value: Plain | undefined): value is PlainMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function equal(a: Plain, b: Plain): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => equal(item, b[i]));
  }
  if (isPlainMap(a) || isPlainMap(b)) {
    if (!isPlainMap(a) || !isPlainMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && equal(a[key], b[key]));
  }
  return a === b;
}

export default rule;
