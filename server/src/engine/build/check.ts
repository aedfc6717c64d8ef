// Checks the objects one build produced (a rendered chart, a kustomize root) as one application,
// and moves every finding to the source line that produced it.
import type { Document } from 'yaml';
import type { ResolvedConfig } from '../config';
import type { AnyRule } from '../rule';
import { applyEdits, type TextEdit } from '../fix/yamlEdit';
import { LineIndex } from '../text';
import type { Finding, Range, RelatedLocation, Span } from '../types';
import { Workspace } from '../workspace/workspace';
import { findingOrder, type FindingOrder } from '../order';
import type { FileTree } from './tree';

/** A place in a source file. */
export interface SourceSpot {
  /** Absolute path. */
  file: string;
  span: Span;
}

/** Where a finding on a built object goes, and what else to show with it. */
export interface MappedSpot {
  spot: SourceSpot;
  related?: Array<{ spot: SourceSpot; message: string }>;
}

/** Reads built objects back to their sources; one per kind of build. */
export interface BuildMapper {
  /** The source of the node at `span` (offsets) in object `index`'s text (parsed as `doc`). */
  map(index: number, doc: Document, span: Span): MappedSpot | undefined;
  /** Where a finding on object `index` goes when no line can be named (its document's `kind:` line). */
  fallback(index: number): SourceSpot | undefined;
  /**
   * The rule's fix (`edits` of object `index`'s text, giving `fixedText`) as edits of a source
   * file; undefined when no source edit is safe.
   */
  fix?(index: number, doc: Document, edits: readonly TextEdit[], fixedText: string): { file: string; edits: TextEdit[] } | undefined;
}

export interface CheckBuildOptions {
  rules: readonly AnyRule[];
  config: ResolvedConfig;
  tree: FileTree;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/** Findings by source file (absolute path), each in that file's coordinates. */
export type FindingsByFile = Map<string, Finding[]>;

/** One build's objects, checked together, with a way back to the sources (for the checklist). */
export interface CheckedBuild {
  findings: FindingsByFile;
  workspace: Workspace;
  /** A place in one of the build's objects (as the build's Workspace names it) at its source line. */
  locate(uri: string, range: Range): { file: string; range: Range } | undefined;
}

/**
 * Checks built objects together (the cross-resource rules see exactly this application) and maps
 * each finding to its source. Findings that land on the same line for the same reason (a template
 * rendered twice, two containers from one line) are reported once.
 */
export function checkBuild(objects: ReadonlyArray<{ text: string }>, mapper: BuildMapper, options: CheckBuildOptions): CheckedBuild {
  const workspace = new Workspace({ rules: options.rules, config: options.config, onRuleError: options.onRuleError });
  const uris = objects.map((_, i) => `kube-prod-build:${i}`);
  objects.forEach((object, i) => workspace.update(uris[i], object.text, true));
  const lines = new Map<string, LineIndex | undefined>();
  const linesOf = (file: string): LineIndex | undefined => {
    if (!lines.has(file)) {
      const text = options.tree.read(file);
      lines.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return lines.get(file);
  };
  const rangeIn = (spot: SourceSpot): Range | undefined => {
    const index = linesOf(spot.file);
    return index ? { start: index.positionAt(spot.span[0]), end: index.positionAt(spot.span[1]) } : undefined;
  };
  const out: FindingsByFile = new Map();
  const seen = new Set<string>();
  objects.forEach((object, i) => {
    const analysis = workspace.analyzer.analyze(object.text, uris[i]);
    const doc = analysis.documents[0]?.doc;
    const own = new LineIndex(object.text);
    for (const finding of workspace.findings(uris[i])) {
      const mapped = doc ? mapper.map(i, doc, [own.offsetAt(finding.range.start), own.offsetAt(finding.range.end)]) : undefined;
      const spot = mapped?.spot ?? mapper.fallback(i);
      const range = spot && rangeIn(spot);
      if (!spot || !range) continue;
      const key = `${spot.file}\0${range.start.line}:${range.start.character}\0${finding.ruleId}\0${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const related: RelatedLocation[] = [];
      for (const extra of mapped?.related ?? []) {
        const where = rangeIn(extra.spot);
        if (where) related.push({ file: extra.spot.file, range: where, message: extra.message });
      }
      const moved: Finding = { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range, remediation: finding.remediation };
      if (related.length > 0) moved.related = related;
      const fix = finding.fix;
      if (fix && doc && mapper.fix) {
        const fixSource = mapper.fix.bind(mapper);
        let computed: { file: string; edits: TextEdit[] } | undefined | null = null;
        const source = (): { file: string; edits: TextEdit[] } | undefined => {
          if (computed === null) {
            const offsets = fix.edits().map((e) => ({ start: own.offsetAt(e.range.start), end: own.offsetAt(e.range.end), newText: e.newText }));
            computed = fixSource(i, doc, offsets, applyEdits(object.text, offsets));
          }
          return computed;
        };
        moved.fix = {
          title: fix.title,
          edits: () => {
            const target = source();
            const index = target && linesOf(target.file);
            if (!target || !index) return [];
            return target.edits.map((e) => ({ file: target.file, range: { start: index.positionAt(e.start), end: index.positionAt(e.end) }, newText: e.newText }));
          },
        };
      }
      let list = out.get(spot.file);
      if (!list) out.set(spot.file, (list = []));
      list.push(moved);
    }
  });
  for (const list of out.values()) list.sort(findingOrder(options.rules));
  const locate = (uri: string, range: Range): { file: string; range: Range } | undefined => {
    const index = uris.indexOf(uri);
    if (index < 0) return undefined;
    const text = objects[index].text;
    const own = new LineIndex(text);
    const doc = workspace.analyzer.analyze(text, uri).documents[0]?.doc;
    const spot = (doc && mapper.map(index, doc, [own.offsetAt(range.start), own.offsetAt(range.end)])?.spot) ?? mapper.fallback(index);
    const where = spot && rangeIn(spot);
    return spot && where ? { file: spot.file, range: where } : undefined;
  };
  return { findings: out, workspace, locate };
}

/** One build's findings and the name users know it by (`overlays/production`). */
export interface BuildFindings {
  label: string;
  findings: FindingsByFile;
}

/**
 * Several builds over the same files (three overlays of one base) as one list per file: a finding
 * every build has is one finding; one only some builds have says which (`(in overlays/production)`).
 * `buildsOf(file)` names every build the file takes part in.
 */
export function mergeBuilds(builds: readonly BuildFindings[], buildsOf: (file: string) => readonly string[], order: FindingOrder): FindingsByFile {
  const groups = new Map<string, { file: string; variants: Array<{ finding: Finding; labels: string[] }> }>();
  for (const build of builds) {
    for (const [file, findings] of build.findings) {
      for (const finding of findings) {
        const key = `${file}\0${finding.range.start.line}:${finding.range.start.character}\0${finding.ruleId}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { file, variants: [] }));
        const variant = group.variants.find((v) => v.finding.message === finding.message);
        if (!variant) group.variants.push({ finding, labels: [build.label] });
        else if (!variant.labels.includes(build.label)) variant.labels.push(build.label);
      }
    }
  }
  const out: FindingsByFile = new Map();
  for (const { file, variants } of groups.values()) {
    const all = buildsOf(file);
    const labels = variants.flatMap((v) => v.labels);
    let list = out.get(file);
    if (!list) out.set(file, (list = []));
    const [first, ...others] = variants;
    const distinctBuilds = new Set(labels).size === labels.length;
    if (others.length > 0 && distinctBuilds) {
      // Same line, same rule, different words in each build (each overlay's own namespace): one finding that says so.
      list.push({ ...first.finding, message: `${first.finding.message} (in ${first.labels.sort().join(', ')}; likewise in ${others.flatMap((v) => v.labels).sort().join(', ')})` });
      continue;
    }
    // One build has several findings here (two objects from one line): each stands on its own.
    for (const variant of variants) {
      const partial = all.length > 1 && variant.labels.length < all.length;
      list.push(partial ? { ...variant.finding, message: `${variant.finding.message} (in ${variant.labels.sort().join(', ')})` } : variant.finding);
    }
  }
  for (const list of out.values()) list.sort(order);
  return out;
}
