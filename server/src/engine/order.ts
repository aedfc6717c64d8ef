import type { AnyRule } from './rule';
import type { Finding } from './types';

export type FindingOrder = (a: Finding, b: Finding) => number;

const orders = new WeakMap<readonly AnyRule[], FindingOrder>();

/**
 * Findings in file order; on one position, in the order of the rule registry. Fix-all applies
 * fixes in this order, and the registry puts requests before limits: the other way round, a
 * container's CPU limit would go in first and its request would be left to default to it.
 */
export function findingOrder(rules: readonly AnyRule[]): FindingOrder {
  let order = orders.get(rules);
  if (!order) {
    const rank = new Map(rules.map((rule, i) => [rule.meta.id, i]));
    const rankOf = (id: string): number => rank.get(id) ?? rules.length;
    order = (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      rankOf(a.ruleId) - rankOf(b.ruleId) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
    orders.set(rules, order);
  }
  return order;
}
