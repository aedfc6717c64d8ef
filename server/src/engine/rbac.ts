import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { NodeReader } from './nodes';

/** One string of a rule's list (a verb, a resource, an API group) and the node to point at. */
export interface RbacItem {
  value: string;
  node: Node;
}

/** One entry of a Role's or ClusterRole's `rules`. */
export interface PolicyRule {
  index: number;
  node: YAMLMap;
  apiGroups: RbacItem[];
  resources: RbacItem[];
  verbs: RbacItem[];
  /** Non-empty when the rule only covers the named objects. */
  resourceNames: string[];
}

function itemsOf(read: NodeReader, node: YAMLMap, key: string): RbacItem[] {
  const out: RbacItem[] = [];
  for (const item of read.items(node, key)) {
    if (isScalar(item) && item.value !== null && item.value !== undefined) out.push({ value: String(item.value), node: item });
  }
  return out;
}

/**
 * The `rules` of a Role or ClusterRole. An aggregated ClusterRole yields none: the controller
 * overwrites its `rules` with those of the roles it selects, which are checked on their own.
 */
export function policyRules(read: NodeReader, root: unknown): PolicyRule[] {
  if (read.map(root, 'aggregationRule')) return [];
  return read.items(root, 'rules').flatMap((node, index) =>
    isMap(node)
      ? [{
          index,
          node,
          apiGroups: itemsOf(read, node, 'apiGroups'),
          resources: itemsOf(read, node, 'resources'),
          verbs: itemsOf(read, node, 'verbs'),
          resourceNames: itemsOf(read, node, 'resourceNames').map((i) => i.value),
        }]
      : [],
  );
}

/** `rules[2]`: how messages name a rule; the index is what `kubectl get -o yaml` readers count. */
export function ruleLabel(rule: PolicyRule): string {
  return `rules[${rule.index}]`;
}

// The item of the rule's resources that grants `resource` (`secrets`, `pods/exec`), matched as the
// RBAC authorizer does: `*` matches every resource and subresource, `*/exec` the exec subresource
// of every resource, any other item only its exact string. There is no trailing wildcard: `pods/*`
// matches only a subresource literally named `*`, so it grants no pods/exec. The exact item wins
// over a wildcard, so a finding points at the most specific grant.
export function grantingItem(rule: PolicyRule, resource: string): RbacItem | undefined {
  const exact = rule.resources.find((r) => r.value === resource);
  if (exact) return exact;
  const slash = resource.indexOf('/');
  const anyParent = slash === -1 ? undefined : `*/${resource.slice(slash + 1)}`;
  return (anyParent !== undefined ? rule.resources.find((r) => r.value === anyParent) : undefined) ?? rule.resources.find((r) => r.value === '*');
}

/** ` through resources "*"`: how a message says that a grant comes from a wildcard item rather than from the resource's own name. */
export function throughWildcard(item: RbacItem, resource: string): string {
  return item.value === resource ? '' : ` through resources "${item.value}"`;
}

/** The verbs of `wanted` that the rule grants, `*` granting all of them. Verbs are case-sensitive in RBAC. */
export function grantedVerbs(rule: PolicyRule, wanted: readonly string[]): string[] {
  if (rule.verbs.some((v) => v.value === '*')) return [...wanted];
  return wanted.filter((verb) => rule.verbs.some((v) => v.value === verb));
}

/** Whether the rule applies to one of the API groups (`""` is the core group). */
export function coversGroup(rule: PolicyRule, groups: readonly string[]): boolean {
  return rule.apiGroups.some((g) => g.value === '*' || groups.includes(g.value));
}

/** Human list: `get, list and watch`. */
export function listWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
