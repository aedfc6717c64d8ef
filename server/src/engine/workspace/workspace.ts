import { Analyzer, type FileAnalysis } from '../analyzer';
import type { ResolvedConfig } from '../config';
import { hasLoneCarriageReturns, withCrlfFix } from '../lineBreaks';
import { findingOrder, type FindingOrder } from '../order';
import type { PeerAnnotationEffect } from '../peers';
import type { AnyRule } from '../rule';
import { isWithin, type Finding, type Position, type Range } from '../types';
import { bundledSchema, type KubernetesSchema } from '../schema/bundled';
import { crdAsSchema, crdDefining } from '../schema/crds';
import { WorkspaceChecker, type DocumentSource } from './evaluate';
import { WorkspaceIndex, type IndexedFile, type IndexedResource } from './index';
import type { ResourceFacts } from './facts';

export interface WorkspaceOptions {
  rules: readonly AnyRule[];
  config: ResolvedConfig;
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/**
 * One application a build produced (a rendered chart, a kustomize overlay), checked in its own
 * Workspace; `locate` moves a place in it (an object of the build) to the source file, as a URI of
 * the host workspace.
 */
export interface AttachedApplication {
  label: string;
  workspace: Workspace;
  locate(uri: string, range: Range): { uri: string; range: Range } | undefined;
}

/** A peer linter's suppression annotation, where it is in its file, and what it silenced. */
export interface PeerSuppression extends PeerAnnotationEffect {
  /** The annotation key, in file coordinates. */
  range: Range;
  /** How many findings of its object it silenced (single-object and cross-resource). */
  silenced: number;
}

/**
 * `a` and `b` merged in byPosition order, `a` first among equals (what a stable sort of `[...a,
 * ...b]` gives); undefined when either is out of order, for the caller to sort instead.
 */
function mergeInOrder(a: readonly Finding[], b: readonly Finding[], byPosition: FindingOrder): Finding[] | undefined {
  const out: Finding[] = new Array<Finding>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    if (byPosition(a[i], b[j]) <= 0) {
      if (i > 0 && byPosition(a[i - 1], a[i]) > 0) return undefined;
      out[k++] = a[i++];
    } else {
      if (j > 0 && byPosition(b[j - 1], b[j]) > 0) return undefined;
      out[k++] = b[j++];
    }
  }
  for (; i < a.length; i++) {
    if (i > 0 && byPosition(a[i - 1], a[i]) > 0) return undefined;
    out[k++] = a[i];
  }
  for (; j < b.length; j++) {
    if (j > 0 && byPosition(b[j - 1], b[j]) > 0) return undefined;
    out[k++] = b[j];
  }
  return out;
}

/**
 * The engine over many files: single-object analysis per file plus the cross-resource rules
 * over the index. Files open in an editor keep their syntax trees cached (edits re-parse only
 * the edited documents); files read from disk keep only their facts and findings.
 */
export class Workspace {
  readonly index: WorkspaceIndex;
  readonly analyzer: Analyzer;
  private readonly checker: WorkspaceChecker;
  /**
   * Cross-resource findings of namespaced objects, valid while their namespace's stamp holds; a
   * finding that looked into other namespaces (`generation` set) only while the whole index does.
   */
  private readonly cached = new WeakMap<IndexedResource, { stamp: string; generation: number | undefined; kinds: Array<[string, number]>; findings: Finding[] }>();
  /** Each object's own and cross-resource findings merged, for as long as both lists stay the same objects. */
  private readonly merged = new WeakMap<IndexedResource, { own: readonly Finding[]; cross: readonly Finding[]; findings: Finding[] }>();
  /** Analyses of the files open in an editor: their syntax trees, for quick-fixes. */
  private readonly openFiles = new Map<string, FileAnalysis>();
  /** The settings every finding was made with (the checklist reads which rules are on). */
  readonly config: ResolvedConfig;
  /**
   * Files whose objects are checked as built (kustomize resources and patches, files of a rendered
   * chart): read on their own they are partial or not yet what reaches the cluster.
   */
  private readonly builtFiles = new Set<string>();
  /** What the builds found, moved to the source files. */
  private buildFindings = new Map<string, readonly Finding[]>();
  /** Findings in file order; on one position, in the rule registry's order. */
  readonly order: FindingOrder;
  /** The documents of each open file's analysis by their facts (see sourceOf). */
  private readonly openDocuments = new WeakMap<FileAnalysis, Map<ResourceFacts, FileAnalysis['documents'][number][]>>();
  /** Files with a line break of a lone CR: their fixes insert CRLFs (see withCrlfFix). */
  private readonly loneCarriageReturns = new Set<string>();
  /** The applications the builds produced: the checklist covers them too. */
  private applications: readonly AttachedApplication[] = [];

  constructor(options: WorkspaceOptions) {
    this.order = findingOrder(options.rules);
    this.config = options.config;
    this.analyzer = new Analyzer(options);
    this.index = new WorkspaceIndex(options.config.defaultNamespace);
    this.checker = new WorkspaceChecker(options.rules, options.config, options.onRuleError);
  }

  /** Analyses and indexes a file's text. `open`: the editor has it, keep its documents cached (and fixable). */
  update(uri: string, text: string, open = false): IndexedFile {
    if (hasLoneCarriageReturns(text)) this.loneCarriageReturns.add(uri);
    else this.loneCarriageReturns.delete(uri);
    if (this.builtFiles.has(uri)) {
      this.analyzer.forget(uri);
      this.openFiles.delete(uri);
      return this.index.setFile(uri, { findings: [], documents: [], template: false });
    }
    if (open) {
      const analysis = this.analyzer.analyze(text, uri);
      this.openFiles.set(uri, analysis);
      return this.index.setFile(uri, analysis);
    }
    this.analyzer.forget(uri);
    this.openFiles.delete(uri);
    return this.index.setFile(uri, withoutSyntaxTrees(this.analyzer.analyze(text)));
  }

  remove(uri: string): boolean {
    this.loneCarriageReturns.delete(uri);
    this.analyzer.forget(uri);
    this.openFiles.delete(uri);
    return this.index.deleteFile(uri);
  }

  /**
   * Says which files are checked as built and what the builds found in each (by URI). Returns the
   * files that joined or left the builds: their own analysis changes, so the caller updates them again.
   */
  setBuilds(builtFiles: Iterable<string>, findings: ReadonlyMap<string, readonly Finding[]>, applications: readonly AttachedApplication[] = []): string[] {
    this.applications = applications;
    const next = new Set(builtFiles);
    const changed = [...next].filter((uri) => !this.builtFiles.has(uri)).concat([...this.builtFiles].filter((uri) => !next.has(uri)));
    this.builtFiles.clear();
    for (const uri of next) this.builtFiles.add(uri);
    this.buildFindings = new Map(findings);
    return changed;
  }

  /** The applications the builds produced, each checked on its own. */
  builtApplications(): readonly AttachedApplication[] {
    return this.applications;
  }

  /** True when the file is checked as built, not on its own. */
  isBuilt(uri: string): boolean {
    return this.builtFiles.has(uri);
  }

  /** Files the builds found something in. */
  buildFindingFiles(): IterableIterator<string> {
    return this.buildFindings.keys();
  }

  /** Every finding of one file: its own, the cross-resource ones and the builds', in position order. */
  findings(uri: string): Finding[] {
    const found = this.ownAndCrossFindings(uri);
    return this.loneCarriageReturns.has(uri) ? found.map(withCrlfFix) : found;
  }

  private ownAndCrossFindings(uri: string): Finding[] {
    const built = this.buildFindings.get(uri) ?? [];
    const file = this.index.file(uri);
    if (!file) return [...built];
    if (built.length > 0) {
      const workspace: Finding[] = [];
      for (const resource of file.resources) for (const finding of this.crossFindings(resource)) workspace.push(finding);
      return [...file.findings, ...workspace, ...built].sort(this.order);
    }
    return this.inFileOrder(file) ?? this.mergedWholesale(file);
  }

  /**
   * The file's own findings with each object's cross-resource ones merged in at its place. An
   * object's findings all lie on its own lines, so the merge is per object, and kept while neither
   * of its lists changes: a keystroke in a 2,000-document file merges one object's, not 16,000.
   * Undefined when the own findings are not laid out as the index says (the caller then merges all).
   */
  private inFileOrder(file: IndexedFile): Finding[] | undefined {
    const own = file.findings;
    const out: Finding[] = [];
    let i = 0;
    for (const resource of file.resources) {
      const cross = this.crossFindings(resource);
      if (cross.length === 0) continue;
      const mine = resource.findings;
      if (mine.length > 0) {
        while (i < own.length && own[i] !== mine[0]) out.push(own[i++]);
        if (own[i + mine.length - 1] !== mine[mine.length - 1]) return undefined;
      } else {
        while (i < own.length && this.order(own[i], cross[0]) <= 0) out.push(own[i++]);
      }
      let merged = this.merged.get(resource);
      if (merged?.own !== mine || merged.cross !== cross) {
        const findings = mergeInOrder(mine, cross, this.order) ?? [...mine, ...cross].sort(this.order);
        this.merged.set(resource, (merged = { own: mine, cross, findings }));
      }
      for (const finding of merged.findings) out.push(finding);
      i += mine.length;
    }
    while (i < own.length) out.push(own[i++]);
    return out;
  }

  private mergedWholesale(file: IndexedFile): Finding[] {
    const workspace: Finding[] = [];
    for (const resource of file.resources) for (const finding of this.crossFindings(resource)) workspace.push(finding);
    if (workspace.length === 0) return [...file.findings];
    return mergeInOrder(file.findings, workspace, this.order) ?? [...file.findings, ...workspace].sort(this.order);
  }

  /** The peer linters' suppression annotations whose key lies under `position` (what a hover explains). */
  peerSuppressionsAt(uri: string, position: Position): PeerSuppression[] {
    const found: PeerSuppression[] = [];
    for (const resource of this.index.file(uri)?.resources ?? []) {
      const shift = (range: Range): Range => ({
        start: { line: range.start.line + resource.startLine, character: range.start.character },
        end: { line: range.end.line + resource.startLine, character: range.end.character },
      });
      const under = (resource.facts.peerAnnotations ?? []).filter((annotation) => isWithin(position, shift(annotation.at)));
      if (under.length === 0) continue;
      // The cross-resource rules run again (they are not cached with what they silenced): only on a hover.
      const silenced = [...(resource.facts.silencedByPeers ?? [])];
      this.checker.check(resource, this.index, undefined, silenced);
      for (const annotation of under) {
        const effect = this.checker.peers.effect(annotation);
        found.push({ ...effect, range: shift(annotation.at), silenced: silenced.filter((id) => effect.rules.includes(id)).length });
      }
    }
    return found;
  }

  /** The parsed document of an object of an open file (what its cross-resource fixes edit). */
  private sourceOf(resource: IndexedResource): DocumentSource | undefined {
    const open = this.openFiles.get(resource.uri);
    if (!open) return undefined;
    let byFacts = this.openDocuments.get(open);
    if (!byFacts) {
      // A Map rather than a search per object: a 2,000-document file would cost 2,000² comparisons.
      byFacts = new Map();
      for (const document of open.documents) {
        if (!document.facts) continue;
        const list = byFacts.get(document.facts);
        if (list) list.push(document);
        else byFacts.set(document.facts, [document]);
      }
      this.openDocuments.set(open, byFacts);
    }
    const document = byFacts.get(resource.facts)?.find((d) => d.startLine === resource.startLine);
    return document?.object ? { document: { ...document, object: document.object } } : undefined;
  }

  /** The analysed document of an open file that holds file line `line` (what a hover or a definition reads). */
  openDocumentAt(uri: string, line: number): FileAnalysis['documents'][number] | undefined {
    const documents = this.openFiles.get(uri)?.documents ?? [];
    let found: FileAnalysis['documents'][number] | undefined;
    for (const document of documents) {
      if (document.startLine > line) break;
      found = document;
    }
    return found;
  }

  /**
   * The schema of a kind for hover and completion: the bundled API's for a built-in kind, else
   * the one a CustomResourceDefinition of the workspace gives (the first by file, if several do).
   */
  schemaFor(apiVersion: string, kind: string): KubernetesSchema | undefined {
    const bundled = bundledSchema();
    if (bundled['x-kube-prod'].kinds[`${apiVersion}/${kind}`]) return bundled;
    const slash = apiVersion.indexOf('/');
    if (slash === -1) return undefined;
    const crd = crdDefining(this.index, apiVersion.slice(0, slash), kind);
    return crd && crdAsSchema(crd, apiVersion.slice(slash + 1));
  }

  /** Findings of every indexed file (the CLI's and the checklist's view). */
  *allFindings(): Generator<[uri: string, findings: Finding[]]> {
    for (const file of this.index.files()) yield [file.uri, this.findings(file.uri)];
  }

  /** Cross-resource findings of one object (for the checklist's per-object view); `only`: of these rules. */
  workspaceFindingsOf(resource: IndexedResource, only?: ReadonlySet<string>): Finding[] {
    const findings = this.crossFindings(resource);
    return only ? findings.filter((f) => only.has(f.ruleId)) : findings;
  }

  /**
   * An edit re-checks only the namespaces it touched: on a 5,000-file workspace, re-running every
   * cross-resource rule for every object after each keystroke would cost the checklist its speed.
   */
  private crossFindings(resource: IndexedResource): Finding[] {
    if (resource.namespace === undefined) return this.checker.check(resource, this.index, () => this.sourceOf(resource)).sort(this.order);
    const stamp = this.index.stampOf(resource.namespace);
    const hit = this.cached.get(resource);
    if (
      hit?.stamp === stamp &&
      (hit.generation === undefined || hit.generation === this.index.generation) &&
      hit.kinds.every(([kind, generation]) => this.index.kindGeneration(kind) === generation)
    ) {
      return hit.findings;
    }
    const reads = this.index.crossNamespaceReads;
    const { value, kinds } = this.index.recordingKinds(() => this.checker.check(resource, this.index, () => this.sourceOf(resource)));
    const findings = value.sort(this.order);
    const generation = this.index.crossNamespaceReads !== reads ? this.index.generation : undefined;
    this.cached.set(resource, { stamp, generation, kinds: kinds.map((kind) => [kind, this.index.kindGeneration(kind)]), findings });
    return findings;
  }
}


/**
 * What the index keeps of a file read from disk: findings without their fixes, whose closures
 * would keep every syntax tree of the workspace alive.
 */
function withoutSyntaxTrees(analysis: FileAnalysis): FileAnalysis {
  // A finding is in both the file's list and its document's: strip it once, so both lists still share it.
  const stripped = new Map<Finding, Finding>();
  const stripOne = (f: Finding): Finding => {
    if (!f.fix) return f;
    let copy = stripped.get(f);
    if (!copy) stripped.set(f, (copy = { ...f, fix: undefined }));
    return copy;
  };
  const strip = (findings: readonly Finding[]): Finding[] => findings.map(stripOne);
  return {
    template: analysis.template,
    findings: strip(analysis.findings),
    documents: analysis.documents.map((d) => ({ ...d, findings: strip(d.findings) })),
  };
}
