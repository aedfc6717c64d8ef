import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export interface ChangedText {
  /** The display path: relative to the working directory, forward slashes. */
  path: string;
  before: string;
  after: string;
}

/**
 * `check --fix --dry-run`: one unified diff per changed file, named `a/<path>` and `b/<path>` with
 * three lines of context as `git diff` writes them, so that `git apply` (or `patch -p1`) applies
 * the output from the working directory. CRLF lines keep their CR; a last line without a newline
 * is marked `\ No newline at end of file`.
 */
export function formatDiff(changes: readonly ChangedText[]): string {
  return changes.map(({ path, before, after }) => createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY })).join('');
}
