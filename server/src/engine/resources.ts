import { isScalar, type YAMLMap } from 'yaml';
import type { NodeReader } from './nodes';

/** The resources a container's `resources.requests` / `resources.limits` rules talk about. */
export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
export type ResourceSection = 'requests' | 'limits';

/** The `requests` or `limits` mapping of a container's `resources`, aliases and merges resolved. */
export function resourceSection(read: NodeReader, container: YAMLMap, section: ResourceSection): YAMLMap | undefined {
  return read.map(container, 'resources', section);
}

/** Whether the container sets a value for `resource` in `section`; `cpu:` with nothing after it or `""` does not count. */
export function declaresResource(read: NodeReader, container: YAMLMap, section: ResourceSection, resource: ResourceName): boolean {
  const node = read.get(resourceSection(read, container, section), resource);
  if (!isScalar(node) || node.value === null || node.value === undefined) return false;
  return String(node.value).trim() !== '';
}

/**
 * Whether the container effectively requests `resource`. The API server defaults a
 * missing request to the limit, so a container with only a limit is scheduled with
 * request = limit: it does have a request, and saying otherwise would be a false finding.
 */
export function hasEffectiveRequest(read: NodeReader, container: YAMLMap, resource: ResourceName): boolean {
  return declaresResource(read, container, 'requests', resource) || declaresResource(read, container, 'limits', resource);
}
