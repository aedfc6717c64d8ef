import { isMap, isScalar, isSeq } from 'yaml';
import type { NodeReader } from './nodes';

/**
 * Label selectors as Kubernetes evaluates them
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors):
 * every matchLabels entry and every matchExpressions requirement must hold (AND);
 * an empty selector matches everything. Whether an empty selector is allowed is the
 * caller's business: Deployments reject it, a PodDisruptionBudget in policy/v1 selects
 * every pod with it.
 */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  /** Empty for Exists / DoesNotExist. */
  values: readonly string[];
}

export interface LabelSelector {
  matchLabels: Readonly<Record<string, string>>;
  matchExpressions: readonly SelectorRequirement[];
}

const OPERATORS: ReadonlySet<string> = new Set<SelectorOperator>(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** A YAML scalar as a label value: `version: 1` and `version: "1"` read alike, null and maps do not. */
function labelValue(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

function parseRequirement(read: NodeReader, node: unknown): SelectorRequirement | undefined {
  const key = read.text(node, 'key');
  const operator = read.string(node, 'operator');
  if (!key || !operator || !OPERATORS.has(operator)) return undefined;
  const valuesNode = read.get(node, 'values');
  const values: string[] = [];
  if (isSeq(valuesNode)) {
    for (const item of valuesNode.items) {
      const value = labelValue(read.resolve(item));
      if (value === undefined) return undefined;
      values.push(value);
    }
  } else if (valuesNode !== undefined && !(isScalar(valuesNode) && valuesNode.value === null)) {
    return undefined;
  }
  const op = operator as SelectorOperator;
  // The API server rejects these shapes; a selector it would reject has no meaning to evaluate.
  if ((op === 'In' || op === 'NotIn') && values.length === 0) return undefined;
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) return undefined;
  return { key, operator: op, values };
}

/**
 * A LabelSelector node (`{matchLabels, matchExpressions}`), or undefined when it is absent,
 * not a mapping, or holds something we cannot evaluate faithfully (an unknown operator, a
 * non-scalar label value): callers then say nothing rather than guess.
 */
export function parseLabelSelector(read: NodeReader, node: unknown): LabelSelector | undefined {
  const map = read.resolve(node);
  if (!isMap(map)) return undefined;
  const matchLabels: Record<string, string> = {};
  const labelsNode = read.get(map, 'matchLabels');
  if (labelsNode !== undefined && !(isScalar(labelsNode) && labelsNode.value === null)) {
    if (!isMap(labelsNode)) return undefined;
    for (const [key, value] of read.entries(labelsNode)) {
      const text = labelValue(value);
      if (text === undefined) return undefined;
      matchLabels[key] = text;
    }
  }
  const matchExpressions: SelectorRequirement[] = [];
  const expressionsNode = read.get(map, 'matchExpressions');
  if (expressionsNode !== undefined && !(isScalar(expressionsNode) && expressionsNode.value === null)) {
    if (!isSeq(expressionsNode)) return undefined;
    for (const item of expressionsNode.items) {
      const requirement = parseRequirement(read, read.resolve(item));
      if (!requirement) return undefined;
      matchExpressions.push(requirement);
    }
  }
  return { matchLabels, matchExpressions };
}

/**
 * A plain `key: value` selector (ReplicationController, Service): equality on every entry.
 * Undefined when the node is not a mapping or holds a non-scalar value.
 */
export function parseMapSelector(read: NodeReader, node: unknown): LabelSelector | undefined {
  const map = read.resolve(node);
  if (!isMap(map)) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const [key, value] of read.entries(map)) {
    const text = labelValue(value);
    if (text === undefined) return undefined;
    matchLabels[key] = text;
  }
  return { matchLabels, matchExpressions: [] };
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

function requirementMatches(requirement: SelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether a set of labels satisfies the selector. */
export function matches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== value) return false;
  }
  return selector.matchExpressions.every((requirement) => requirementMatches(requirement, labels));
}

/** The selector in kubectl's notation (`app=web,tier in (a,b),!canary`), for messages. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.matchExpressions) {
    if (operator === 'In') parts.push(`${key} in (${values.join(',')})`);
    else if (operator === 'NotIn') parts.push(`${key} notin (${values.join(',')})`);
    else if (operator === 'Exists') parts.push(key);
    else parts.push(`!${key}`);
  }
  return parts.join(',');
}

/** Labels in the same notation (`app=web,tier=db`), `(none)` for no labels. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length ? entries.map(([key, value]) => `${key}=${value}`).join(',') : '(none)';
}
