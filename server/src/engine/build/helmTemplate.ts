// A Helm template read against one document it rendered: which template line produced each rendered
// line (literal lines match themselves; actions fill the gaps between them), and which values keys
// a template line reads.

const ACTION = /\{\{/;
/** Actions that print nothing: control structure, comments, assignments. */
const SILENT_ACTION = /^\{\{-?\s*(?:if|else|end|with|range|define|block|break|continue|\/\*|\$[\w]*\s*:?=)/;

/** A template line that prints something computed (and so can have produced any rendered line). */
function isOutputLine(line: string): boolean {
  const trimmed = line.trim();
  if (!ACTION.test(trimmed)) return false;
  // A line made only of silent actions prints nothing.
  const withoutSilent = trimmed.replace(/\{\{-?\s*(?:if|else|end|with|range|define|block|break|continue|\/\*|\$[\w]*\s*:?=)[^}]*-?\}\}/g, '').trim();
  return withoutSilent !== '' || !SILENT_ACTION.test(trimmed);
}

/** The key a line sets, `image` for `image: x` and `- name: web`; undefined for anything else. */
function keyOf(line: string): string | undefined {
  const match = /^\s*(?:-\s+)*["']?([\w.\-/]+)["']?\s*:(?:\s|$)/.exec(line);
  return match?.[1];
}

export const indentOf = (line: string): number => line.length - line.trimStart().length;

/** How a template's lines line up with a rendered document's: literal lines match, actions fill the gaps. */
export class TemplateAlignment {
  /** For each rendered line, the template line it matches literally, or -1. */
  private readonly literal: Int32Array;

  constructor(
    private readonly template: readonly string[],
    private readonly rendered: readonly string[],
  ) {
    this.literal = align(template.map((l) => l.trim()), rendered.map((l) => l.trim()));
  }

  /** How many rendered lines match a template line literally: how well the two agree. */
  get literalMatches(): number {
    let count = 0;
    for (const line of this.literal) if (line >= 0) count++;
    return count;
  }

  /** The template line (0-based) that produced rendered line `line`; undefined when none can be named. */
  templateLineOf(line: number): { line: number; literal: boolean } | undefined {
    const exact = this.literal[line];
    if (exact >= 0) return { line: exact, literal: true };
    let before = -1;
    for (let r = line - 1; r >= 0; r--) if (this.literal[r] >= 0) { before = this.literal[r]; break; }
    let after = this.template.length;
    for (let r = line + 1; r < this.rendered.length; r++) if (this.literal[r] >= 0) { after = this.literal[r]; break; }
    const gap: number[] = [];
    for (let t = before + 1; t < after; t++) if (isOutputLine(this.template[t])) gap.push(t);
    if (gap.length === 0) return before >= 0 ? { line: before, literal: false } : undefined;
    const renderedLine = this.rendered[line];
    // The line's own key, then its parents' while they are in the same gap: `securityContext: {{ include ... }}`
    // printed `readOnlyRootFilesystem: false` two levels down.
    for (let r = line, indent = Infinity; r >= 0 && this.literal[r] < 0; r--) {
      const own = indentOf(this.rendered[r]);
      if (this.rendered[r].trim() === '' || own >= indent) continue;
      indent = own;
      const key = keyOf(this.rendered[r]);
      const sameKey = key !== undefined ? gap.filter((t) => keyOf(this.template[t]) === key) : [];
      if (sameKey.length > 0) return { line: sameKey[0], literal: false };
    }
    // A block printed by `toYaml ... | nindent N` starts at column N: the action whose column fits.
    const indent = indentOf(renderedLine);
    let best: number | undefined;
    let bestColumn = -1;
    for (const t of gap) {
      const column = printedColumn(this.template[t]);
      if (column !== undefined && column <= indent && column > bestColumn) {
        best = t;
        bestColumn = column;
      }
    }
    return { line: best ?? gap[0], literal: false };
  }
}

/** The column an action's output starts at: `nindent N`/`indent N`, or the line's own indentation. */
function printedColumn(line: string): number | undefined {
  const match = /\b(?:nindent|indent)\s+(\d+)/.exec(line);
  if (match) return Number(match[1]);
  return /^\s*\{\{/.test(line) ? undefined : indentOf(line);
}

/**
 * Longest common subsequence of non-empty lines: rendered index -> template index, or -1. Only
 * lines that can match take part (a template line with an action, a rendered line the template
 * never writes): the table is that much smaller, and the alignment the same.
 */
function align(templateLines: readonly string[], renderedLines: readonly string[]): Int32Array {
  const out = new Int32Array(renderedLines.length).fill(-1);
  // Lines as small integers: a line of one side that the other lacks gets none.
  const ids = new Map<string, number>();
  const template: number[] = [];
  const templateAt: number[] = [];
  templateLines.forEach((line, i) => {
    if (line === '' || line.includes('{{')) return;
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    template.push(id);
    templateAt.push(i);
  });
  const rendered: number[] = [];
  const renderedAt: number[] = [];
  renderedLines.forEach((line, j) => {
    const id = line === '' ? undefined : ids.get(line);
    if (id === undefined) return;
    rendered.push(id);
    renderedAt.push(j);
  });
  const n = template.length;
  const m = rendered.length;
  // lengths[i][j]: LCS of template[i..] and rendered[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        template[i] === rendered[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (template[i] === rendered[j]) {
      // Equal lines are matched as late in the rendering as the longest alignment allows: a loop's
      // literal lines then match its last iteration, and the earlier iterations fall in the gap
      // before the loop's body, where its actions are.
      if (lengths[i * width + j + 1] === lengths[i * width + j]) {
        j++;
        continue;
      }
      out[renderedAt[j]] = templateAt[i];
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++;
    else j++;
  }
  return out;
}

/** The `.Values` keys a template line reads, as paths (`image.tag` -> ['image', 'tag']). */
export function valuesReadBy(templateLines: readonly string[], line: number): string[][] {
  const text = templateLines[line] ?? '';
  const paths: string[][] = [];
  for (const match of text.matchAll(/\$?\.Values((?:\.[A-Za-z_][\w-]*)+)/g)) paths.push(match[1].slice(1).split('.'));
  if (paths.length > 0) return paths;
  // `toYaml .` or `.name` inside `{{- with .Values.x }}`: relative to the enclosing scope.
  const relative = [...text.matchAll(/\{\{-?[^}]*?(?:^|[\s(|])\.((?:[A-Za-z_][\w-]*)(?:\.[A-Za-z_][\w-]*)*)?(?=[\s|)}])/g)];
  if (relative.length === 0) return paths;
  const scope = enclosingWith(templateLines, line);
  if (!scope) return paths;
  for (const match of relative) paths.push(match[1] ? [...scope, ...match[1].split('.')] : scope);
  return paths;
}

/** The `.Values` path of the innermost `{{ with .Values.x }}` around a line, if that is what encloses it. */
function enclosingWith(lines: readonly string[], line: number): string[] | undefined {
  let depth = 0;
  for (let t = line - 1; t >= 0; t--) {
    const actions = [...lines[t].matchAll(/\{\{-?\s*(if|with|range|define|block|end)\b([^}]*)\}\}/g)].reverse();
    for (const [, keyword, rest] of actions) {
      if (keyword === 'end') depth++;
      else if (depth > 0) depth--;
      else if (keyword === 'with') {
        const values = /\.Values((?:\.[A-Za-z_][\w-]*)+)/.exec(rest);
        return values ? values[1].slice(1).split('.') : undefined;
      } else return undefined;
    }
  }
  return undefined;
}
