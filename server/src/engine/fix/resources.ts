import { isScalar, type YAMLMap } from 'yaml';
import type { NodeReader } from '../nodes';
import { compareQuantities, parseQuantity, quantityText, type Quantity } from '../quantity';
import { resourceSection, type ResourceName, type ResourceSection } from '../resources';
import { Placeholder, type PlainMap } from './yamlEdit';

/**
 * Seed defaults (seed document 000 "Resource Limits"): requests 250m / 256Mi, limits 500m / 512Mi,
 * and 1Gi of local disk. Every request seed is at most its limit seed, so seeds never conflict
 * with each other, whichever fix goes in first.
 */
export const REQUEST_SEEDS: Record<RequestedResource, string> = { cpu: '250m', memory: '256Mi' };
export const LIMIT_SEEDS: Record<ResourceName, string> = { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' };

/** The resources the requests fix fills in (an ephemeral-storage request defaults from its limit). */
export type RequestedResource = 'cpu' | 'memory';

const REQUEST_HINTS: Record<RequestedResource, string> = {
  cpu: 'seed default: set to the CPU the container typically uses',
  memory: 'seed default: set to the memory the container typically uses',
};

const LIMIT_HINTS: Record<ResourceName, string> = {
  cpu: 'seed default: set to the most CPU the container may use',
  memory: 'seed default: set above the container\'s peak memory use',
  'ephemeral-storage': 'seed default: set to the local disk (logs, emptyDir, writable layer) the container may use',
};

/** The value to insert for `section.resource`: the seed, unless the other section forbids it. */
function fitted(read: NodeReader, container: YAMLMap, section: ResourceSection, resource: ResourceName, seed: string, hint: string): Placeholder {
  const other: ResourceSection = section === 'requests' ? 'limits' : 'requests';
  const otherNode = read.get(resourceSection(read, container, other), resource);
  const otherText = quantityText(otherNode);
  const otherQuantity: Quantity | undefined = otherText === undefined ? undefined : parseQuantity(otherText);
  const order = otherQuantity ? compareQuantities(parseQuantity(seed)!, otherQuantity) : 0;
  // The API server rejects a request above its limit: a seed that would make one takes the other
  // side's value instead (request = limit), spelled as the author spelled it.
  if ((section === 'requests' && order > 0) || (section === 'limits' && order < 0)) {
    const value = isScalar(otherNode) && typeof otherNode.value === 'number' ? otherNode.value : otherText!;
    return new Placeholder(value, section === 'limits' ? `the ${resource} request: a limit may not be lower` : `the ${resource} limit: a request may not be higher`);
  }
  return new Placeholder(seed, hint);
}

/** `resources.requests` for the resources a container lacks (to merge into the container). */
export function resourceRequests(read: NodeReader, container: YAMLMap, missing: readonly RequestedResource[]): PlainMap {
  const requests = Object.fromEntries(missing.map((resource) => [resource, fitted(read, container, 'requests', resource, REQUEST_SEEDS[resource], REQUEST_HINTS[resource])]));
  return { resources: { requests } };
}

/**
 * `resources.requests` and `resources.limits` of ephemeral storage for a container that sets
 * neither: the request is the limit's seed, which is what the API server would copy from the
 * limit anyway, so the fix spells out the cluster's behaviour instead of inventing a second figure.
 */
export function ephemeralStorageRequestAndLimit(): PlainMap {
  const seed = LIMIT_SEEDS['ephemeral-storage'];
  return {
    resources: {
      requests: { 'ephemeral-storage': new Placeholder(seed, 'seed default: the local disk the scheduler reserves, the limit as the API server would copy it') },
      limits: { 'ephemeral-storage': new Placeholder(seed, LIMIT_HINTS['ephemeral-storage']) },
    },
  };
}

/** `resources.limits.<resource>` for a container (to merge into the container). */
export function resourceLimit(read: NodeReader, container: YAMLMap, resource: ResourceName): PlainMap {
  return { resources: { limits: { [resource]: fitted(read, container, 'limits', resource, LIMIT_SEEDS[resource], LIMIT_HINTS[resource]) } } };
}
