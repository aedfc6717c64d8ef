// What `helm template` printed, read back to the chart's own files: which template each rendered
// document came from, which template line produced each rendered line, and which values keys fed it.
import { basename, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import type { BuildMapper, SourceSpot } from './check';
import { literalFix, valuesFix } from './helmFix';
import { indentOf, TemplateAlignment, valuesReadBy } from './helmTemplate';
import { LineIndex } from '../text';
import { linesOf } from '../lineBreaks';
import type { FileTree } from './tree';
import { locate } from './yamlPath';

/** One document of `helm template`'s output. */
export interface HelmDocument {
  /** The `# Source:` path: `<chart>/templates/deployment.yaml` (subcharts: `<chart>/charts/<sub>/templates/...`). */
  source: string | undefined;
  /** The document's YAML, the `# Source:` line excluded. */
  text: string;
}

const SOURCE_LINE = /^# Source: (.+)$/;

/** Splits helm's output into documents; empty documents (templates that rendered nothing) are dropped. */
export function splitHelmOutput(output: string): HelmDocument[] {
  const documents: HelmDocument[] = [];
  let lines: string[] = [];
  let source: string | undefined;
  const flush = (): void => {
    const text = lines.join('\n');
    if (/^\s*[^\s#]/m.test(text)) documents.push({ source, text: text.endsWith('\n') ? text : `${text}\n` });
    lines = [];
    source = undefined;
  };
  for (const line of output.split(/\r?\n/)) {
    if (line === '---' || line.startsWith('--- ')) {
      flush();
      continue;
    }
    const match = lines.every((l) => l.trim() === '') ? SOURCE_LINE.exec(line) : null;
    if (match) source = match[1].trim();
    else lines.push(line);
  }
  flush();
  return documents;
}

/**
 * A rendered document aligned with the template document it comes from. A template of several
 * documents (a Deployment and its Service, an app and its Redis) repeats lines such as `labels:`
 * and `kind: Deployment`: aligned with the whole file, the second document's lines would match the
 * first's. Each document of the template (between `---` lines) is tried, and the one that matches
 * most lines literally wins (the first, on a tie); the others' lines are blanked, so that line
 * numbers stay those of the file.
 */
function alignWithItsDocument(lines: readonly string[], rendered: readonly string[]): TemplateAlignment {
  const separators = lines.flatMap((line, i) => (/^---\s*$/.test(line) ? [i] : []));
  if (separators.length === 0) return new TemplateAlignment(lines, rendered);
  const bounds = [-1, ...separators, lines.length];
  let best: TemplateAlignment | undefined;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [from, to] = [bounds[k], bounds[k + 1]];
    if (!lines.slice(from + 1, to).some((line) => line.trim() !== '')) continue;
    const alignment = new TemplateAlignment(lines.map((line, i) => (i > from && i < to ? line : '')), rendered);
    if (!best || alignment.literalMatches > best.literalMatches) best = alignment;
  }
  return best ?? new TemplateAlignment(lines, rendered);
}

/** The chart-relative path of a `# Source:` path: the first segment is the chart's name. */
export function sourceFileOf(source: string): string {
  const slash = source.indexOf('/');
  return slash < 0 ? source : source.slice(slash + 1);
}

/**
 * Maps findings on a rendered chart's documents to template lines, with the values keys those
 * lines read as related locations. `valuesFiles`: absolute paths, lowest precedence first (the
 * chart's values.yaml, then the user's files in the order helm takes them).
 */
export function helmMapper(chartDir: string, documents: readonly HelmDocument[], valuesFiles: readonly string[], tree: FileTree): BuildMapper {
  const templates = new Map<string, { lines: string[]; index: LineIndex } | undefined>();
  const templateOfFile = (file: string): { lines: string[]; index: LineIndex } | undefined => {
    if (!templates.has(file)) {
      const text = tree.read(file);
      templates.set(file, text === undefined ? undefined : { lines: linesOf(text), index: new LineIndex(text) });
    }
    return templates.get(file);
  };
  const templateLines = (file: string): string[] | undefined => templateOfFile(file)?.lines;
  const alignments = new Map<number, TemplateAlignment>();
  const values = new Map<string, Document | undefined>();
  const valuesDoc = (file: string): Document | undefined => {
    if (!values.has(file)) {
      const text = tree.read(file);
      values.set(file, text === undefined ? undefined : parseDocument(text, { prettyErrors: false }));
    }
    return values.get(file);
  };
  const templateOf = (index: number): string | undefined => {
    const source = documents[index].source;
    return source === undefined ? undefined : join(chartDir, sourceFileOf(source));
  };
  // Each document's lines and their offsets, computed once: a chart has tens of findings per document.
  const renderedLinesOf = new Map<number, { lines: string[]; index: LineIndex }>();
  const renderedOf = (index: number): { lines: string[]; index: LineIndex } => {
    let rendered = renderedLinesOf.get(index);
    const text = documents[index].text;
    if (!rendered) renderedLinesOf.set(index, (rendered = { lines: linesOf(text), index: new LineIndex(text) }));
    return rendered;
  };
  const valuesSpot = (path: string[]): { spot: SourceSpot; message: string } | undefined => {
    for (let i = valuesFiles.length - 1; i >= 0; i--) {
      const doc = valuesDoc(valuesFiles[i]);
      const found = doc && locate(doc, path);
      if (found && found.depth === path.length) {
        return { spot: { file: valuesFiles[i], span: found.span }, message: `${path.join('.')} is set in ${basename(valuesFiles[i])}` };
      }
    }
    return undefined;
  };
  const alignmentOf = (index: number, lines: readonly string[]): TemplateAlignment => {
    let alignment = alignments.get(index);
    if (!alignment) alignments.set(index, (alignment = alignWithItsDocument(lines, renderedOf(index).lines)));
    return alignment;
  };
  return {
    map(index, _doc, span) {
      const file = templateOf(index);
      const lines = file !== undefined ? templateLines(file) : undefined;
      if (file === undefined || !lines) return undefined;
      const alignment = alignmentOf(index, lines);
      const { lines: rendered, index: renderedIndex } = renderedOf(index);
      const { line: startLine, character: startColumn } = renderedIndex.positionAt(span[0]);
      const source = alignment.templateLineOf(startLine);
      if (!source) return undefined;
      const templateLine = lines[source.line];
      const from = templateOfFile(file)!.index.offsetAt({ line: source.line, character: 0 });
      let spot: SourceSpot;
      if (source.literal) {
        const shift = indentOf(templateLine) - indentOf(rendered[startLine]);
        const endOnLine = Math.min(span[1] - (span[0] - startColumn), rendered[startLine].length);
        spot = { file, span: [from + Math.max(0, startColumn + shift), from + Math.max(0, endOnLine + shift)] };
      } else {
        spot = { file, span: [from + indentOf(templateLine), from + templateLine.trimEnd().length] };
      }
      // The values a line reads explain a finding about that line's own field, not one that only
      // points at the item (a container's `name:` for "no CPU limit").
      const identity = /^\s*-\s+name\s*:/.test(rendered[startLine]) || /^\s*name\s*:/.test(rendered[startLine]);
      const related = identity ? [] : valuesReadBy(lines, source.line).flatMap((path) => valuesSpot(path) ?? []);
      return related.length > 0 ? { spot, related } : { spot };
    },
    fix(index, doc, edits, fixedText) {
      const file = templateOf(index);
      const lines = file !== undefined ? templateLines(file) : undefined;
      if (file === undefined || !lines) return undefined;
      const alignment = alignmentOf(index, lines);
      const renderedLines = renderedOf(index).lines;
      // A fix that writes the rendered name (a new PodDisruptionBudget for `release-name-app`) or a
      // new document would freeze what the template computes: not in a template.
      const name = doc.getIn(['metadata', 'name']);
      const computedName = typeof name === 'string' && !lines.some((l) => l.trim() === `name: ${name}`);
      const unsafe = edits.some((e) => /(^|\n)---/.test(e.newText) || (computedName && e.newText.includes(name)));
      const literal = unsafe ? undefined : literalFix(alignment, lines, renderedLines, edits);
      if (literal) return { file, edits: literal };
      const edit = valuesFix({ rendered: doc, renderedLines, templateLines: lines, alignment, valuesFiles, tree }, fixedText);
      return edit && { file: edit.file, edits: edit.edits };
    },
    fallback(index) {
      const file = templateOf(index);
      const text = file !== undefined ? tree.read(file) : undefined;
      if (file !== undefined && text !== undefined) {
        // A template of several documents: the `kind:` line of this document's kind, if it is written out.
        const rendered = /^kind[ \t]*:[ \t]*(\S+)/m.exec(documents[index].text)?.[1];
        const own = rendered === undefined ? null : new RegExp(`^kind[ \\t]*:[ \\t]*["']?${rendered.replace(/[^\w]/g, '\\$&')}["']?[ \\t]*$`, 'm').exec(text);
        const kind = own ?? /^kind[ \t]*:/m.exec(text);
        return { file, span: kind ? [kind.index, kind.index + 4] : [0, 0] };
      }
      // A packaged or aliased subchart (charts/sub-1.0.0.tgz): its dependencies: entry in Chart.yaml.
      const chart = join(chartDir, 'Chart.yaml');
      const chartText = tree.read(chart);
      if (chartText === undefined) return undefined;
      const sub = /(?:^|\/)charts\/([^/]+)\/templates\//.exec(documents[index].source ?? '')?.[1];
      const dependencies = parseDocument(chartText, { prettyErrors: false }).get('dependencies', true);
      if (sub !== undefined && isSeq(dependencies)) {
        const entry = dependencies.items.find((item) => isMap(item) && (item.get('alias') === sub || item.get('name') === sub)) as { range?: [number, number, number] } | undefined;
        if (entry?.range) return { file: chart, span: [entry.range[0], entry.range[1]] };
      }
      return { file: chart, span: [0, 0] };
    },
  };
}
