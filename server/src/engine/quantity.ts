import { isScalar } from 'yaml';
import { memoizeByString } from './memo';

/**
 * Kubernetes resource quantities (`100m`, `0.5`, `128Mi`, `1G`, `1e3`, `1k`), parsed
 * exactly: a value is `numerator / denominator` in BigInt, so that `300m` and `0.3`
 * compare equal, which floating point would not guarantee. Mirrors the grammar of
 * k8s.io/apimachinery/pkg/api/resource: a signed decimal number, then a binary SI
 * suffix (Ki..Ei), a decimal SI suffix (n u m "" k M G T P E) or a decimal exponent.
 */
export interface Quantity {
  readonly numerator: bigint;
  /** Always positive: 1 or a power of ten. */
  readonly denominator: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])|[eE]([+-]?\d+))?$/;

const BINARY_POWER: Record<string, bigint> = { Ki: 10n, Mi: 20n, Gi: 30n, Ti: 40n, Pi: 50n, Ei: 60n };
const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** Beyond this a quantity is not a real resource amount, and 10n ** exponent would only burn memory. */
const MAX_EXPONENT = 1000;

/** Parses a quantity's text; undefined when it is not a valid quantity (a template, a typo, `1K`). */
export const parseQuantity: (text: string) => Quantity | undefined = memoizeByString(parseQuantityText);

function parseQuantityText(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text.trim());
  if (!match) return undefined;
  const [, sign, number, suffix, exponentText] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  if (exponentText !== undefined) exponent += Number(exponentText);
  else if (suffix !== undefined && suffix in DECIMAL_EXPONENT) exponent += DECIMAL_EXPONENT[suffix];
  else if (suffix !== undefined) numerator <<= BINARY_POWER[suffix];
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) return undefined;
  if (sign === '-') numerator = -numerator;
  return exponent >= 0
    ? { numerator: numerator * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator, denominator: 10n ** BigInt(-exponent) };
}

/** Negative, zero or positive as `a` is less than, equal to or greater than `b`. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = a.numerator * b.denominator;
  const right = b.numerator * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * A quantity as its author wrote it. YAML reads `cpu: 0.50` or `memory: 1e3` as numbers;
 * the source text keeps the author's spelling for messages and avoids float rounding.
 */
export function quantityText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.value === 'number' && node.source !== undefined) return node.source;
  return typeof node.value === 'string' || typeof node.value === 'number' ? String(node.value) : undefined;
}
