import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { compareQuantities, parseQuantity, quantityText, type Quantity } from '../../../server/src/engine/quantity';

function q(text: string): Quantity {
  const parsed = parseQuantity(text);
  assert.ok(parsed, `${text} parses`);
  return parsed;
}

/** The quantity as a plain number, for readable expectations on values that fit a double exactly. */
const value = (text: string): number => {
  const { numerator, denominator } = q(text);
  return Number(numerator) / Number(denominator);
};

describe('parseQuantity', () => {
  it('reads plain numbers and decimals', () => {
    assert.equal(value('1'), 1);
    assert.equal(value('0.5'), 0.5);
    assert.equal(value('.5'), 0.5);
    assert.equal(value('2.'), 2);
    assert.equal(value('+3'), 3);
  });

  it('reads decimal SI suffixes', () => {
    assert.equal(value('100m'), 0.1);
    assert.equal(value('1k'), 1000);
    assert.equal(value('1M'), 1e6);
    assert.equal(value('1G'), 1e9);
    assert.equal(value('2T'), 2e12);
    assert.equal(value('1P'), 1e15);
    assert.equal(value('1E'), 1e18);
    assert.equal(value('500u'), 0.0005);
    assert.equal(value('250n'), 2.5e-7);
  });

  it('reads binary SI suffixes', () => {
    assert.equal(value('1Ki'), 1024);
    assert.equal(value('128Mi'), 128 * 2 ** 20);
    assert.equal(value('1Gi'), 2 ** 30);
    assert.equal(value('1.5Gi'), 1.5 * 2 ** 30);
    assert.equal(value('1Ti'), 2 ** 40);
    assert.equal(value('1Pi'), 2 ** 50);
    assert.equal(value('1Ei'), 2 ** 60);
  });

  it('reads decimal exponents, and tells `1E` (exa) from `1E3` (exponent)', () => {
    assert.equal(value('1e3'), 1000);
    assert.equal(value('1E3'), 1000);
    assert.equal(value('12e-1'), 1.2);
    assert.equal(value('1e+2'), 100);
  });

  it('rejects what Kubernetes rejects or what is not a quantity', () => {
    for (const text of ['', 'abc', '1K', '1kb', '1mi', 'Mi', '1 Gi', '1.2.3', '{{ .Values.cpu }}', '1e', '1e99999']) {
      assert.equal(parseQuantity(text), undefined, text);
    }
  });
});

describe('compareQuantities', () => {
  it('compares exactly across units and spellings', () => {
    assert.equal(compareQuantities(q('300m'), q('0.3')), 0);
    assert.equal(compareQuantities(q('1'), q('1000m')), 0);
    assert.equal(compareQuantities(q('1Gi'), q('1073741824')), 0);
    assert.equal(compareQuantities(q('1k'), q('1e3')), 0);
    assert.equal(compareQuantities(q('0.1'), q('100m')), 0);
  });

  it('orders different values', () => {
    assert.equal(compareQuantities(q('1Gi'), q('1G')), 1);
    assert.equal(compareQuantities(q('512M'), q('512Mi')), -1);
    assert.equal(compareQuantities(q('2'), q('1500m')), 1);
    assert.equal(compareQuantities(q('1001m'), q('1')), 1);
    assert.equal(compareQuantities(q('999999999n'), q('1')), -1);
  });
});

describe('quantityText', () => {
  const values = (source: string): Scalar[] => (parseDocument(source).contents as YAMLMap<unknown, Scalar>).items.map((pair) => pair.value as Scalar);

  it('keeps the author\'s spelling of numbers and reads strings as they are', () => {
    assert.deepEqual(values('a: 0.50\nb: 1e3\nc: "250m"\nd: 128Mi\ne: 2\n').map(quantityText), ['0.50', '1e3', '250m', '128Mi', '2']);
  });

  it('has no text for null, booleans and non-scalars', () => {
    assert.deepEqual(values('a:\nb: null\nc: true\nd: {x: 1}\n').map(quantityText), [undefined, undefined, undefined, undefined]);
  });
});
