import type { IndexedResource, WorkspaceIndex } from '../workspace/index';
import { Placeholder, type PlainMap } from './yamlEdit';
import { LIMIT_SEEDS, REQUEST_SEEDS } from './resources';

/**
 * Namespace-level objects that workspace fixes create as a new document after the object the
 * finding is on (the Namespace, or the namespace's first workload).
 */

/**
 * The `namespace:` the new object states: the Namespace object's name, or the workload's own
 * `metadata.namespace`. A workload that states none is applied to whatever namespace kubectl or
 * the deploy tool picks; the new object states none either, so that it lands in the same one.
 */
export function statedNamespace(resource: IndexedResource): string | undefined {
  return resource.facts.kind === 'Namespace' ? resource.facts.name : resource.facts.namespace;
}

/** `base`, or `base-2`, `base-3`...: a name no object of that kind in the namespace has (applying would overwrite it). */
export function freeName(index: WorkspaceIndex, kind: string, namespace: string, base: string): string {
  const taken = new Set(index.ofKind(kind, namespace).map((object) => object.facts.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

function metadata(name: string, namespace: string | undefined): PlainMap {
  return { name, ...(namespace !== undefined ? { namespace } : {}) };
}

/**
 * The seed's default-deny policy (seed document 000 "Network Policies"): every pod of the namespace
 * selected, no rules, so nothing is allowed in the listed directions until a policy allows it.
 */
export function defaultDenyPolicy(name: string, namespace: string | undefined, egress: boolean): PlainMap {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: metadata(name, namespace),
    spec: { podSelector: {}, policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'] },
  };
}

/**
 * A ResourceQuota over what the remediation names (requests.cpu, requests.memory, limits.memory,
 * pods). The seeds give no namespace totals: the figures are placeholders for a small team's
 * namespace, to be sized to the cluster's share.
 */
export function resourceQuota(name: string, namespace: string | undefined): PlainMap {
  const hint = 'size to the namespace\'s share of the cluster';
  return {
    apiVersion: 'v1',
    kind: 'ResourceQuota',
    metadata: metadata(name, namespace),
    spec: {
      hard: {
        'requests.cpu': new Placeholder('4', hint),
        'requests.memory': new Placeholder('8Gi', hint),
        'limits.memory': new Placeholder('16Gi', hint),
        pods: new Placeholder('50', hint),
      },
    },
  };
}

// The LimitRange defaults are the seed values fix/resources.ts inserts into containers.
const DEFAULT_REQUEST = { cpu: REQUEST_SEEDS.cpu, memory: REQUEST_SEEDS.memory };
const DEFAULT_LIMIT = { cpu: LIMIT_SEEDS.cpu, memory: LIMIT_SEEDS.memory };

/**
 * A LimitRange giving containers that set none the seed's requests and limits, so that the
 * scheduler sees every pod's size and a memory-capped quota does not reject them.
 */
export function limitRange(name: string, namespace: string | undefined): PlainMap {
  const hint = 'seed default for containers that set none';
  return {
    apiVersion: 'v1',
    kind: 'LimitRange',
    metadata: metadata(name, namespace),
    spec: {
      limits: [
        {
          type: 'Container',
          defaultRequest: { cpu: new Placeholder(DEFAULT_REQUEST.cpu, hint), memory: new Placeholder(DEFAULT_REQUEST.memory, hint) },
          default: { cpu: new Placeholder(DEFAULT_LIMIT.cpu, hint), memory: new Placeholder(DEFAULT_LIMIT.memory, hint) },
        },
      ],
    },
  };
}
