import { basename } from 'node:path';
import {
  CodeActionKind,
  TextDocumentEdit,
  type CancellationToken,
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { isMap, isScalar, stringify, type Pair, type YAMLMap } from 'yaml';
import { Analyzer, type AnalyzedDocument, type FileAnalysis } from '../engine/analyzer';
import { applyAllFixes, applyFixesOnce, minimalEdit } from '../engine/fix/apply';
import { hardenPod } from '../engine/fix/securityContext';
import { applyEdits, YamlEditor, type PlainMap, type TextEdit as OffsetEdit } from '../engine/fix/yamlEdit';
import { describe, type K8sObject } from '../engine/model';
import { isWorkspaceRule, type AnyRule } from '../engine/rule';
import { IGNORE_ANNOTATION, isIgnored } from '../engine/suppress';
import { isWithin, type FileEdit, type Finding, type Position, type Range } from '../engine/types';
import type { Workspace } from '../engine/workspace/workspace';
import { DIAGNOSTIC_SOURCE, type CurrentFindings, type DiagnosticsService } from './diagnostics';
import { describeError, type Log } from './log';
import type { WorkspaceService } from './workspaces';
import { canonicalUri, fileUri } from './files';

/** The kind of the fix-all action: `editor.codeActionsOnSave: { "source.fixAll.kube-prod": "explicit" }`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kube-prod`;
/** Custom request: the fix-all edit of one open document, for a client command. */
export const FIX_ALL_REQUEST = 'kubeProd/fixAll';

export interface FixAllParams {
  uri: string;
}

/** Fix, re-analyse, fix again: at most this many passes (ESLint stops after 10 too). */
const MAX_PASSES = 10;

/** The rules whose fixes "Harden the whole pod" subsumes (engine/fix/securityContext.ts hardenPod). */
const HARDENING_RULES: ReadonlySet<string> = new Set([
  'run-as-root',
  'seccomp-profile-missing',
  'privilege-escalation-allowed',
  'writable-root-filesystem',
  'capabilities-not-dropped',
]);

/** `# kube-prod-ignore ids -- reason` on a line of its own (engine/suppress.ts reads it). */
const IGNORE_COMMENT_LINE = /^[ \t]*#\s*kube-prod-ignore\b/;

export interface CodeActionDependencies {
  diagnostics: DiagnosticsService;
  workspaces: WorkspaceService;
  rules: readonly AnyRule[];
  ruleById(id: string): AnyRule | undefined;
  log: Log;
}

/** Whether the client asked for actions of `kind` (`only` lists kinds or their parents, e.g. `source`). */
function requested(kind: string, only: readonly string[] | undefined, byDefault: boolean): boolean {
  if (!only || only.length === 0) return byDefault;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

const samePosition = (a: Position, b: Position): boolean => a.line === b.line && a.character === b.character;
const sameRange = (a: Range, b: Range): boolean => samePosition(a.start, b.start) && samePosition(a.end, b.end);

/**
 * The finding of the current analysis a client's diagnostic stands for: same rule, same range.
 * A diagnostic of an older version matches nothing once the text under it moved, and a
 * diagnostic whose range still matches stands for the finding now at that place.
 */
function findingOf(findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  const matches = findings.filter((f) => f.ruleId === diagnostic.code && sameRange(f.range, diagnostic.range));
  return matches.find((f) => f.message === diagnostic.message) ?? matches[0];
}

/** A parsed document of a file that holds a Kubernetes object, with the line it starts on. */
type Located = AnalyzedDocument & { object: K8sObject; startLine: number };

/** The parsed document of a file holding `line`, when it holds an object and parses. */
function documentAt(analysis: FileAnalysis, line: number): Located | undefined {
  let found: FileAnalysis['documents'][number] | undefined;
  for (const document of analysis.documents) {
    if (document.startLine > line) break;
    if (document.object) found = document;
  }
  return found?.object && found.doc.errors.length === 0 ? { ...found, object: found.object } : undefined;
}

/** The entry of `key` written in `map` itself; `inherited` when the key only comes from a `<<` merge. */
function ownPair(read: K8sObject['reader'], map: YAMLMap, key: string): Pair<unknown, unknown> | 'inherited' | undefined {
  const pair = read.pair(map, key);
  if (!pair) return undefined;
  return map.items.includes(pair) ? pair : 'inherited';
}

const isNull = (value: unknown): boolean => value === null || value === undefined || (isScalar(value) && value.value === null);

/**
 * Edits (offsets in the document's text) adding `ruleId` to the object's ignore annotation:
 * appended to an existing list in its own quoting, or a new entry merged into the annotations
 * (created when absent). Undefined where an edit would change more than this object (anchors,
 * `<<` merges) or the shape is not one we write into.
 */
function ignoreAnnotationEdits(text: string, object: K8sObject, ruleId: string): OffsetEdit[] | undefined {
  const read = object.reader;
  const editor = new YamlEditor(text, read);
  const entry: PlainMap = { [IGNORE_ANNOTATION]: ruleId };
  const metadataPair = ownPair(read, object.root, 'metadata');
  if (metadataPair === 'inherited') return undefined;
  if (!metadataPair) return editor.merge(object.root, { metadata: { annotations: entry } });
  if (isNull(metadataPair.value)) return editor.replaceValue(metadataPair, { annotations: entry });
  // An alias: the mapping is shared with other places.
  if (!isMap(metadataPair.value)) return undefined;
  const metadata = metadataPair.value;
  const annotationsPair = ownPair(read, metadata, 'annotations');
  if (annotationsPair === 'inherited') return undefined;
  if (!annotationsPair) return editor.merge(metadata, { annotations: entry }, metadataPair);
  if (isNull(annotationsPair.value)) return editor.replaceValue(annotationsPair, entry);
  if (!isMap(annotationsPair.value)) return undefined;
  const annotations = annotationsPair.value;
  const ignorePair = ownPair(read, annotations, IGNORE_ANNOTATION);
  if (ignorePair === 'inherited') return undefined;
  if (!ignorePair) return editor.merge(annotations, entry, annotationsPair);
  const value = ignorePair.value;
  if (isNull(value)) return editor.replaceValue(ignorePair, ruleId);
  if (!isScalar(value) || !value.range) return undefined;
  const existing = String(value.value).trim().replace(/[\s,]+$/, '');
  const list = existing === '' ? ruleId : `${existing}, ${ruleId}`;
  let newText: string;
  if (value.type === 'QUOTE_DOUBLE') newText = JSON.stringify(list);
  else if (value.type === 'QUOTE_SINGLE') newText = `'${list.replace(/'/g, "''")}'`;
  // In a flow mapping a plain `a, b` would read as two entries.
  else if (value.type === 'PLAIN') newText = annotations.flow ? JSON.stringify(list) : stringify(list, { lineWidth: 0 }).trimEnd();
  else return undefined;
  return [{ start: value.range[0], end: value.range[1], newText }];
}

/**
 * The edit silencing `ruleId` on one line of a document's text: the id joins the
 * `# kube-prod-ignore` comment right above the line, or a new comment goes above it, indented
 * like the line (above `- name: web`, like the dash). Returns where the line is afterwards.
 */
function ignoreLineEdit(text: string, line: number, ruleId: string): { edit: OffsetEdit; line: number } | undefined {
  const lines = text.split('\n');
  if (line >= lines.length) return undefined;
  const lineStart = lines.slice(0, line).reduce((offset, l) => offset + l.length + 1, 0);
  const indent = /^[ \t]*/.exec(lines[line])![0];
  const above = line > 0 ? lines[line - 1].replace(/\r$/, '') : undefined;
  if (above !== undefined && IGNORE_COMMENT_LINE.test(above)) {
    const aboveStart = lineStart - lines[line - 1].length - 1;
    // The ids end where the reason (`-- why`) begins.
    const reason = above.indexOf('--', above.indexOf('kube-prod-ignore') + 'kube-prod-ignore'.length);
    const ids = (reason === -1 ? above : above.slice(0, reason)).trimEnd();
    const separator = /,/.test(ids.slice(ids.indexOf('kube-prod-ignore'))) ? ', ' : ' ';
    return { edit: { start: aboveStart + ids.length, end: aboveStart + ids.length, newText: `${separator}${ruleId}` }, line };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { edit: { start: lineStart, end: lineStart, newText: `${indent}# kube-prod-ignore ${ruleId}${eol}` }, line: line + 1 };
}

/** Offsets in a document's text to file positions. */
function toFileEdit(document: AnalyzedDocument & { startLine: number }, edit: OffsetEdit): FileEdit {
  const shift = (p: Position): Position => ({ line: p.line + document.startLine, character: p.character });
  return { range: { start: shift(document.lines.positionAt(edit.start)), end: shift(document.lines.positionAt(edit.end)) }, newText: edit.newText };
}

const toTextEdit = (edit: FileEdit): TextEdit => ({ range: edit.range, newText: edit.newText });

const hardenTitle = (document: Located): string => `Harden the whole pod of ${describe(document.object)}`;

/** Characters of documents parsed to check quick-fixes within one request before the rest are left to codeAction/resolve. */
const EAGER_CHARACTERS = 1_000_000;

/** An action the diagnostics could have, and how to make it (with its edit, checked). */
interface Candidate {
  title: string;
  preferred: boolean;
  diagnostics: Diagnostic[];
  /** What making it costs: the characters of the document it parses (0: always made at once). */
  cost: number;
  /** Its action's title depends on its edit (a built file's fix names the values file). */
  titledByEdit?: boolean;
  make(): CodeAction | undefined;
}

/** What an action offered without its edit carries, for codeAction/resolve. */
interface ResolveData {
  uri: string;
  version: number;
  title: string;
  diagnostics: Diagnostic[];
}

/**
 * Code actions (LSP `textDocument/codeAction`) in the manner of vscode-eslint: per kube-prod
 * diagnostic the rule's fix (preferred) and two ways to silence the rule (this line, this object);
 * the `source.fixAll.kube-prod` action with every fix of the file at once (codeActionsOnSave).
 * Everything is computed from the findings of the document's current version.
 */
export class CodeActionService {
  private documentChanges = false;
  /** The client resolves an action's edit (codeAction/resolve) when it is picked. */
  private resolvable = false;
  /** Per Workspace, an Analyzer with its rules and config that is not the live one: fix-all passes and checks of edits. */
  private readonly scratch = new WeakMap<Workspace, Analyzer>();

  constructor(private readonly deps: CodeActionDependencies) {}

  initialize(capabilities: ClientCapabilities): void {
    this.documentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    const codeAction = capabilities.textDocument?.codeAction;
    this.resolvable = codeAction?.dataSupport === true && codeAction.resolveSupport?.properties.includes('edit') === true;
  }

  async codeActions(params: CodeActionParams, token?: CancellationToken): Promise<CodeAction[]> {
    const { uri } = params.textDocument;
    const only = params.context.only;
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    const quickFixes = requested(CodeActionKind.QuickFix, only, true) && ours.length > 0;
    // Fix-all costs a few analyses: only when asked for by kind (on save, or the source action menu).
    const fixAll = requested(FIX_ALL_KIND, only, false);
    if (!quickFixes && !fixAll) return [];
    const current = await this.deps.diagnostics.currentFindings(uri);
    if (!current || token?.isCancellationRequested) return [];
    const actions: CodeAction[] = [];
    if (quickFixes) actions.push(...this.quickFixes(uri, current, ours));
    if (fixAll) {
      const edit = this.fixAllEdit(current);
      if (edit) actions.push({ title: 'Fix all auto-fixable kube-prod problems', kind: FIX_ALL_KIND, edit: this.workspaceEdit(uri, current.version, [edit]) });
    }
    return actions;
  }

  /** `kubeProd/fixAll`: the same edit as the fix-all action; null when there is nothing to fix (or the document is not analysed). */
  async fixAll(uri: string): Promise<WorkspaceEdit | null> {
    const current = await this.deps.diagnostics.currentFindings(uri);
    if (!current) return null;
    const edit = this.fixAllEdit(current);
    return edit ? this.workspaceEdit(uri, current.version, [edit]) : null;
  }

  private quickFixes(uri: string, current: CurrentFindings, diagnostics: readonly Diagnostic[]): CodeAction[] {
    const { fixes, silences } = this.candidates(uri, current, diagnostics);
    const actions: CodeAction[] = [];
    const titles = new Set<string>();
    // Checking an action costs a parse of its document (and an analysis for the silencing ones):
    // a few dozen of them on a megabyte document would hold the server for seconds. Past a budget
    // of characters parsed (deterministic, unlike a clock), the client resolves the rest one by one.
    let budget = this.resolvable ? EAGER_CHARACTERS : Infinity;
    for (const candidate of [...fixes, ...silences]) {
      // A built file's fix is titled by the values file its edit goes to: two such fixes of one
      // title before their edits are made can be two actions.
      if (!candidate.titledByEdit && titles.has(candidate.title)) continue;
      if (budget > 0 || candidate.cost === 0) {
        budget -= candidate.cost;
        const action = candidate.make();
        if (!action || titles.has(action.title)) continue;
        titles.add(action.title);
        actions.push(action);
      } else {
        titles.add(candidate.title);
        const data: ResolveData = { uri, version: current.version, title: candidate.title, diagnostics: candidate.diagnostics };
        actions.push({ title: candidate.title, kind: CodeActionKind.QuickFix, diagnostics: candidate.diagnostics, ...(candidate.preferred ? { isPreferred: true } : {}), data });
      }
    }
    return actions;
  }

  /**
   * `codeAction/resolve`: the edit of an action offered without one. Made exactly as it would have
   * been then, from the findings of the document's current version; an action of an older version,
   * or one that no longer holds, comes back without an edit (the editor then does nothing).
   */
  async resolve(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<ResolveData> | undefined;
    if (action.edit || !data || typeof data.uri !== 'string' || typeof data.title !== 'string' || !Array.isArray(data.diagnostics)) return action;
    const current = await this.deps.diagnostics.currentFindings(data.uri);
    if (!current || current.version !== data.version) return action;
    const { fixes, silences } = this.candidates(data.uri, current, data.diagnostics);
    const made = [...fixes, ...silences].find((c) => c.title === data.title)?.make();
    return made?.edit ? { ...action, edit: made.edit } : action;
  }

  /** Every action the diagnostics could have, each made (and checked) only when asked to. */
  private candidates(uri: string, current: CurrentFindings, diagnostics: readonly Diagnostic[]): { fixes: Candidate[]; silences: Candidate[] } {
    const fixes: Candidate[] = [];
    const silences: Candidate[] = [];
    let analysis: FileAnalysis | undefined;
    const documentOf = (finding: Finding): Located | undefined => {
      analysis ??= this.deps.workspaces.openAnalysis(uri, current.text, current.version);
      return analysis && documentAt(analysis, finding.range.start.line);
    };
    const built = this.deps.workspaces.workspaceOf(uri)?.isBuilt(canonicalUri(uri)) === true;
    /** Hardening diagnostics per object (by the line its document starts on). */
    const hardening = new Map<number, { document: Located; diagnostics: Diagnostic[] }>();
    for (const diagnostic of diagnostics) {
      const finding = findingOf(current.findings, diagnostic);
      if (!finding) continue;
      const document = built ? undefined : documentOf(finding);
      const cost = document?.text.length ?? current.text.length;
      if (finding.fix) fixes.push(this.fixCandidate(uri, current, finding, diagnostic, built, cost));
      // Comments in a template, patch or base do not reach the rendered object: no "disable" there.
      if (!document) continue;
      if (HARDENING_RULES.has(finding.ruleId)) {
        const entry = hardening.get(document.startLine) ?? { document, diagnostics: [] };
        entry.diagnostics.push(diagnostic);
        hardening.set(document.startLine, entry);
      }
      silences.push({
        title: `Disable ${finding.ruleId} for this line`,
        preferred: false,
        diagnostics: [diagnostic],
        cost,
        make: () => this.ignoreLineAction(uri, current, document, finding, diagnostic),
      });
      silences.push({
        title: `Disable ${finding.ruleId} for ${describe(document.object)}`,
        preferred: false,
        diagnostics: [diagnostic],
        cost,
        make: () => this.ignoreObjectAction(uri, current, document, finding, diagnostic),
      });
    }
    for (const { document, diagnostics: related } of hardening.values()) {
      const onObject = current.findings.filter((f) => HARDENING_RULES.has(f.ruleId) && documentOf(f)?.startLine === document.startLine);
      // One hardening finding has its own fix; the whole pod is worth offering when there are several.
      if (onObject.length < 2) continue;
      fixes.push({
        title: hardenTitle(document),
        preferred: false,
        diagnostics: related,
        cost: document.text.length,
        make: () => this.hardenAction(uri, current, document, related, onObject.length),
      });
    }
    return { fixes, silences };
  }

  /** The rule's own fix of a finding (preferred). */
  private fixCandidate(uri: string, current: CurrentFindings, finding: Finding, diagnostic: Diagnostic, built: boolean, cost: number): Candidate {
    const title = finding.fix!.title;
    const make = (): CodeAction | undefined => {
      const edits = this.fixEdits(finding);
      if (!edits || edits.length === 0) return undefined;
      const elsewhere = edits.find((e) => e.file !== undefined)?.file;
      // A finding on a rendered chart, fixed in the values file that feeds the field.
      if (elsewhere !== undefined) {
        return { title: `${title} (in ${basename(elsewhere)})`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: { changes: { [fileUri(elsewhere)]: edits.map(toTextEdit) } } };
      }
      return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: this.workspaceEdit(uri, current.version, edits.map(toTextEdit)) };
    };
    // A built file's title names the file its edit goes to, known only from the edit: made at once (rendered objects are small).
    return { title, preferred: true, diagnostics: [diagnostic], cost: built ? 0 : cost, make, titledByEdit: built };
  }

  /** "Harden the whole pod": every hardening fix of the object in one edit (not preferred: it changes more than the finding asks). */
  private hardenAction(uri: string, current: CurrentFindings, document: Located, diagnostics: Diagnostic[], findings: number): CodeAction | undefined {
    let edits: OffsetEdit[];
    try {
      edits = hardenPod(document.object)?.edits(new YamlEditor(document.text, document.object.reader)) ?? [];
    } catch (error) {
      this.deps.log.once('fix:harden-pod', 'error', `kube-prod: hardening a pod failed and is not offered (reported once): ${describeError(error)}`);
      return undefined;
    }
    if (edits.length === 0) return undefined;
    // It must leave fewer hardening findings than it found, in a document that still parses.
    const check = (analysed: AnalyzedDocument): boolean => current.levels(analysed.findings).filter((f) => HARDENING_RULES.has(f.ruleId)).length < findings;
    if (!this.verified(current, document.text, edits, check)) return undefined;
    return {
      title: hardenTitle(document),
      kind: CodeActionKind.QuickFix,
      diagnostics,
      edit: this.workspaceEdit(uri, current.version, edits.map((e) => toTextEdit(toFileEdit(document, e)))),
    };
  }

  /** A finding's fix edits; a rule whose fix throws is logged and offers none. */
  private fixEdits(finding: Finding): FileEdit[] | undefined {
    if (!finding.fix) return undefined;
    try {
      return finding.fix.edits();
    } catch (error) {
      this.deps.log.once(`fix:${finding.ruleId}`, 'error', `kube-prod: the fix of ${finding.ruleId} failed and is not offered (reported once): ${describeError(error)}`);
      return undefined;
    }
  }

  private ignoreLineAction(uri: string, current: CurrentFindings, document: Located, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
    const line = finding.range.start.line - document.startLine;
    const change = ignoreLineEdit(document.text, line, finding.ruleId);
    if (!change) return undefined;
    const silenced = ({ facts }: AnalyzedDocument): boolean =>
      facts !== undefined &&
      facts.suppressions.some((s) => isIgnored(s.rules, finding.ruleId) && isWithin({ line: change.line, character: finding.range.start.character }, s.range));
    if (!this.verified(current, document.text, [change.edit], silenced)) return undefined;
    return {
      title: `Disable ${finding.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: this.workspaceEdit(uri, current.version, [toTextEdit(toFileEdit(document, change.edit))]),
    };
  }

  private ignoreObjectAction(uri: string, current: CurrentFindings, document: Located, finding: Finding, diagnostic: Diagnostic): CodeAction | undefined {
    const edits = ignoreAnnotationEdits(document.text, document.object, finding.ruleId);
    if (!edits || edits.length === 0) return undefined;
    if (!this.verified(current, document.text, edits, ({ facts }) => facts !== undefined && isIgnored(facts.ignored, finding.ruleId))) return undefined;
    return {
      title: `Disable ${finding.ruleId} for ${describe(document.object)}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: this.workspaceEdit(uri, current.version, edits.map((e) => toTextEdit(toFileEdit(document, e)))),
    };
  }

  /**
   * Whether an edit of one document does what its title says: the edited document still parses
   * into one object, and `check` holds for its analysis (made on that document alone).
   */
  private verified(current: CurrentFindings, text: string, edits: readonly OffsetEdit[], check: (analysed: AnalyzedDocument) => boolean): boolean {
    const scratch = this.scratchFor(current.uri);
    if (!scratch) return false;
    const documents = scratch.analyze(applyEdits(text, edits)).documents.filter((d) => d.object || d.doc.errors.length > 0);
    return documents.length === 1 && documents[0].doc.errors.length === 0 && check(documents[0]);
  }

  /**
   * Every fix of the file, as one minimal edit against the current text: fix, analyse again, fix
   * again until nothing is left (at most MAX_PASSES), as `--fix` does. A fix can give the file a
   * cross-resource finding it did not have (an HPA's minReplicas raised to 2: the Deployment beside
   * it now needs a PodDisruptionBudget), so the later passes analyse each intermediate text in the
   * live workspace. That is synchronous from the first update to the restoring one, so neither
   * published diagnostics nor other requests can see an intermediate text.
   */
  private fixAllEdit(current: CurrentFindings): TextEdit | undefined {
    const { uri } = current;
    const workspace = this.deps.workspaces.workspaceOf(uri);
    // The index moved on since these findings (an edit arrived): the next request will have them.
    if (!workspace || this.deps.workspaces.indexedVersion(uri) !== current.version) return undefined;
    const guarded = (finding: Finding): Finding => {
      const fix = finding.fix;
      return fix ? { ...finding, fix: { title: fix.title, edits: () => this.fixEdits(finding) ?? [] } } : finding;
    };
    const fixable = current.findings.filter((f) => f.fix).map(guarded);
    const workspaceRule = (f: Finding): boolean => {
      const rule = this.deps.ruleById(f.ruleId);
      return rule !== undefined && isWorkspaceRule(rule);
    };
    // Cross-resource fixes first: one that adds an object (a PodDisruptionBudget) makes others moot.
    const first = applyFixesOnce(current.text, [...fixable.filter(workspaceRule), ...fixable.filter((f) => !workspaceRule(f))]);
    if (first.applied === 0) return undefined;
    try {
      const { text } = applyAllFixes(
        first.text,
        (next) => {
          workspace.update(uri, next, true);
          return current.levels(workspace.findings(uri)).map(guarded);
        },
        MAX_PASSES - 1,
      );
      const edit = minimalEdit(current.text, text);
      return edit && toTextEdit(edit);
    } finally {
      workspace.update(uri, current.text, true);
    }
  }

  private scratchFor(uri: string): Analyzer | undefined {
    const workspace = this.deps.workspaces.workspaceOf(uri);
    if (!workspace) return undefined;
    let analyzer = this.scratch.get(workspace);
    if (!analyzer) {
      analyzer = new Analyzer({
        rules: this.deps.rules,
        config: workspace.config,
        onRuleError: (ruleId, error) =>
          this.deps.log.once(`rule:${ruleId}`, 'error', `kube-prod: rule ${ruleId} failed and was skipped (reported once): ${describeError(error)}`),
      });
      this.scratch.set(workspace, analyzer);
    }
    return analyzer;
  }

  private workspaceEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
    return this.documentChanges ? { documentChanges: [TextDocumentEdit.create({ uri, version }, edits)] } : { changes: { [uri]: edits } };
  }
}
