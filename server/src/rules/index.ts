import { CATEGORIES, type AnyRule } from '../engine/rule';
import * as registry from './all';

const categoryOrder = Object.keys(CATEGORIES);

/** Every rule, in documentation order: by checklist section, then id. */
export const RULES: readonly AnyRule[] = Object.values(registry).sort(
  (a, b) => categoryOrder.indexOf(a.meta.category) - categoryOrder.indexOf(b.meta.category) || a.meta.id.localeCompare(b.meta.id),
);

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
