import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex, splitDocuments } from '../../../server/src/engine/text';

const texts = (source: string): string[] => splitDocuments(source).map((c) => c.text);

describe('splitDocuments', () => {
  it('keeps a file without markers whole', () => {
    assert.deepEqual(texts('a: 1\nb: 2\n'), ['a: 1\nb: 2\n']);
  });

  it('splits at column-0 markers and records where each chunk starts', () => {
    const source = 'a: 1\n---\nb: 2\n--- # c\nc: 3';
    assert.deepEqual(splitDocuments(source), [
      { text: 'a: 1\n', startOffset: 0, startLine: 0 },
      { text: '---\nb: 2\n', startOffset: 5, startLine: 1 },
      { text: '--- # c\nc: 3', startOffset: 14, startLine: 3 },
    ]);
  });

  it('keeps leading comments and directives with the document they introduce', () => {
    assert.deepEqual(texts('# header\n%YAML 1.2\n---\na: 1\n---\nb: 2\n'), ['# header\n%YAML 1.2\n---\na: 1\n', '---\nb: 2\n']);
  });

  it('does not split at indented or non-marker dashes', () => {
    const source = 'a: |\n  ---\n  text\nb: ----\nc:\n- x\n';
    assert.deepEqual(texts(source), [source]);
  });

  it('ends a document at `...`', () => {
    assert.deepEqual(texts('a: 1\n...\nb: 2\n'), ['a: 1\n...\n', 'b: 2\n']);
  });

  it('handles CRLF line endings and a marker with inline content', () => {
    assert.deepEqual(texts('a: 1\r\n--- {b: 2}\r\n'), ['a: 1\r\n', '--- {b: 2}\r\n']);
  });

  it('keeps empty documents between markers as their own chunks', () => {
    assert.deepEqual(texts('---\n---\na: 1\n'), ['---\n', '---\na: 1\n']);
  });

  it('returns nothing for an empty text', () => {
    assert.deepEqual(splitDocuments(''), []);
  });
});

describe('LineIndex', () => {
  it('maps offsets to zero-based line and column and back', () => {
    const index = new LineIndex('ab\ncd\r\nef');
    assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionAt(4), { line: 1, character: 1 });
    assert.deepEqual(index.positionAt(7), { line: 2, character: 0 });
    assert.deepEqual(index.positionAt(100), { line: 2, character: 2 });
    assert.equal(index.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(index.lineCount, 3);
  });
});
