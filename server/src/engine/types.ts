export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

/** Zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A half-open span of offsets into a text. */
export type Span = readonly [start: number, end: number];

/** Whether `a` comes strictly before `b`. */
export const isBefore = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Whether the position lies in the range, its end included (the cursor just after a word is on it). */
/** A range moved down `lines` lines (document coordinates to file coordinates). */
export const shiftRange = ({ start, end }: Range, lines: number): Range => ({
  start: { line: start.line + lines, character: start.character },
  end: { line: end.line + lines, character: end.character },
});

export const isWithin = (position: Position, range: Range): boolean => !isBefore(position, range.start) && !isBefore(range.end, position);

/** A text change in file coordinates. */
export interface FileEdit {
  range: Range;
  newText: string;
  /**
   * Absolute path of the file the edit is for, when it is not the finding's own: a finding on a
   * chart's template is fixed in its values file.
   */
  file?: string;
}

/** A quick-fix: computed only when asked for (most findings are never fixed). */
export interface Fix {
  /** The code action's title: `Add a readinessProbe`. */
  title: string;
  edits(): FileEdit[];
}

/** Another place that explains a finding: the values.yaml key a template line read, for example. */
export interface RelatedLocation {
  /** Absolute path of the file. */
  file: string;
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** What to do about it: the rule's remediation text. */
  remediation?: string;
  fix?: Fix;
  /** For a finding on a built object (Helm, kustomize): other source lines that fed the field. */
  related?: RelatedLocation[];
}
