import { normaliseLoneCarriageReturns } from './lineBreaks';
import type { Position } from './types';

/** One YAML document's source text and where it sits in its file. */
export interface DocumentChunk {
  text: string;
  startOffset: number;
  startLine: number;
}

const DOCUMENT_START = /^---(?:[ \t\r\n]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t\r\n]|$)/;
const CONTENT_LINE = /^[ \t]*[^\s#%]/;

/**
 * Splits a file at its document markers without parsing it. YAML forbids a
 * column-0 `---` or `...` inside any scalar, so a line scan is exact. The cost
 * is one pass over the text, which is what lets an edit in one document of a
 * large file skip parsing the others.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  let chunkStart = 0;
  let chunkStartLine = 0;
  let chunkHasContent = false;
  let chunkHasMarker = false;
  let lineStart = 0;
  let line = 0;

  const close = (end: number, nextLine: number): void => {
    if (end > chunkStart) chunks.push({ text: text.slice(chunkStart, end), startOffset: chunkStart, startLine: chunkStartLine });
    chunkStart = end;
    chunkStartLine = nextLine;
    chunkHasContent = false;
    chunkHasMarker = false;
  };

  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const first = text.charCodeAt(lineStart);
    // Only lines starting with '-' or '.' can be markers; checking the first char keeps the scan cheap.
    if (first === 45 /* - */ && DOCUMENT_START.test(text.slice(lineStart, lineStart + 4))) {
      // Leading comments and directives stay with the document they introduce.
      if (chunkHasContent || chunkHasMarker) close(lineStart, line);
      chunkHasMarker = true;
    } else if (first === 46 /* . */ && DOCUMENT_END.test(text.slice(lineStart, lineStart + 4))) {
      close(lineEnd, line + 1);
    } else if (!chunkHasContent && CONTENT_LINE.test(text.slice(lineStart, Math.min(lineEnd, lineStart + 200)))) {
      chunkHasContent = true;
    }
    if (newline === -1) break;
    lineStart = lineEnd;
    line++;
  }
  close(text.length, line);
  return chunks;
}

/**
 * Offset-to-position conversion for one text, built on first use. Lines end where LSP and the
 * editor end them: at LF, CRLF or a lone CR.
 */
export class LineIndex {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (!this.starts) {
      const text = normaliseLoneCarriageReturns(this.text);
      const starts = [0];
      let i = text.indexOf('\n');
      while (i !== -1) {
        starts.push(i + 1);
        i = text.indexOf('\n', i + 1);
      }
      this.starts = starts;
    }
    return this.starts;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - starts[low] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts();
    if (position.line >= starts.length) return this.text.length;
    return Math.min(starts[position.line] + position.character, this.text.length);
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }
}
