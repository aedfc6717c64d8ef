import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { kindAnchor } from './anchors';
import { applyEdits, YamlEditor, type TextEdit } from './fix/yamlEdit';
import type { ResolvedConfig, RuleSetting } from './config';
import { objectOf, type K8sObject } from './model';
import { PeerMap, peerAnnotationsOf, type PeerAnnotation } from './peers';
import { ANY_KIND, isWorkspaceRule, type AnyRule, type Rule, type RuleContext } from './rule';
import { commentSuppressions, IGNORE_ANNOTATION, isIgnored, parseRuleList, type CommentSuppression } from './suppress';
import { normaliseLoneCarriageReturns } from './lineBreaks';
import { explainedByMisspelling, misspellingsOf, NO_MISSPELLINGS, SCHEMA_RULE_ID } from './schema/misspelled';
import { findingOrder, type FindingOrder } from './order';
import { LineIndex, splitDocuments, type DocumentChunk } from './text';
import { shiftRange, type Finding, type Range, type Span } from './types';
import { factsOf, type ResourceFacts } from './workspace/facts';

export const SYNTAX_RULE_ID = 'yaml-syntax';
/** What a document gets when its analysis fails (a stack overflow, a rule that throws): the file's other documents go on. */
export const ANALYSIS_FAILED_RULE_ID = 'analysis-failed';

/**
 * The defaults of analysis-failed's budgets. 4 MiB is about a second of parsing on a slow machine,
 * four times the largest generated documents seen in the corpus (dashboards in ConfigMaps); one
 * document's checks take milliseconds, so a second means something pathological.
 */
export const ANALYSIS_BUDGETS = { maxDocumentBytes: 4 * 1024 * 1024, maxDocumentMs: 1000, maxFlowDepth: 200, maxBlockDepth: 200 } as const;

/** How many rules run between two looks at the clock: reading it per rule costs a large file a per cent. */
const RULES_PER_CLOCK_READ = 8;

/** One parsed document of a file, with positions relative to its own chunk. */
export interface AnalyzedDocument {
  object: K8sObject | undefined;
  /** What the workspace index keeps of the object once the syntax tree is gone. */
  facts: ResourceFacts | undefined;
  doc: Document.Parsed;
  /** The document's own text (its chunk of the file); offsets in `doc` count from its start. */
  text: string;
  lines: LineIndex;
  /** Findings in file coordinates. */
  findings: Finding[];
}

interface ChunkResult {
  /** The file line the chunk started on when it was analysed: its findings' coordinates. */
  startLine: number;
  documents: AnalyzedDocument[];
}

/** One chunk of a file as last analysed: where it was, and what it gave. */
interface CachedChunk {
  text: string;
  startOffset: number;
  /** Characters from its start to the end of the file: how it is found again after an edit above it. */
  fromEnd: number;
  result: ChunkResult;
  /** Its documents as last placed in the file: the same objects again while the chunk stays put. */
  placed?: { startLine: number; documents: FileAnalysis['documents'] };
}

export interface FileAnalysis {
  /** Findings in file coordinates, in document order. */
  findings: Finding[];
  /** Each document with where its chunk starts in the file. */
  documents: Array<AnalyzedDocument & { startLine: number }>;
  /** The file is a Helm (Go) template: we say nothing about it. */
  template: boolean;
}

export interface AnalyzerOptions {
  /** Workspace rules among them are left to the workspace evaluation. */
  rules: readonly AnyRule[];
  config: ResolvedConfig;
  /** Called when a rule throws; the finding is lost, the other rules run on. */
  onRuleError?: (ruleId: string, error: unknown) => void;
}

/**
 * Template actions that name Helm's own objects or functions. Go-template syntax alone is not
 * enough: Prometheus and Alertmanager write `{{ $labels.x }}`, `{{ with ... -}}`, `{{ define }}`
 * inside alert texts and notification templates, and those files are plain manifests.
 */
const TEMPLATE_ACTION = /\{\{-?[^}]*?(?:\.Values\b|\.Release\b|\.Chart\b|\.Capabilities\b|\.Files\b|\binclude\s|\btoYaml\b|\btpl\s)/;
const LOOKS_KUBERNETES = /^[ \t]*(?:apiVersion|kind)[ \t]*:/m;

export function isTemplate(text: string): boolean {
  return text.includes('{{') && TEMPLATE_ACTION.test(text);
}

/**
 * The analysis engine: text in, findings out. Results are cached per document
 * text, so re-analysing a file after an edit re-parses only the edited documents.
 */
type RuleEntry = { rule: Rule; setting: RuleSetting };

export class Analyzer {
  /** Rules of each built-in kind, ANY_KIND rules included. */
  private readonly rulesByKind = new Map<string, RuleEntry[]>();
  /** ANY_KIND rules alone: all that custom resources and built-in kinds without own rules get. */
  private readonly anyKindRules: RuleEntry[] = [];
  /** The schema check is on: the other rules' "missing" findings for a misspelled field are left to it. */
  private readonly schemaChecked: boolean;
  private readonly syntax: RuleSetting | undefined;
  private readonly analysisFailed: RuleSetting | undefined;
  private readonly budgets: Record<keyof typeof ANALYSIS_BUDGETS, number>;
  private readonly cache = new Map<string, CachedChunk[]>();
  private readonly peers: PeerMap;
  /** The workspace's order too: it merges these findings with its own rather than sorting them again. */
  private readonly order: FindingOrder;

  constructor(private readonly options: AnalyzerOptions) {
    this.peers = new PeerMap(options.rules);
    this.order = findingOrder(options.rules);
    for (const rule of options.rules) {
      if (isWorkspaceRule(rule)) continue;
      const setting = options.config.rules.get(rule.meta.id);
      if (!setting?.enabled) continue;
      for (const kind of rule.meta.kinds) {
        if (kind === ANY_KIND) {
          this.anyKindRules.push({ rule, setting });
          continue;
        }
        let list = this.rulesByKind.get(kind);
        if (!list) this.rulesByKind.set(kind, (list = []));
        list.push({ rule, setting });
      }
    }
    for (const list of this.rulesByKind.values()) list.push(...this.anyKindRules);
    this.schemaChecked = this.anyKindRules.some(({ rule }) => rule.meta.id === SCHEMA_RULE_ID);
    this.syntax = options.config.rules.get(SYNTAX_RULE_ID);
    this.analysisFailed = options.config.rules.get(ANALYSIS_FAILED_RULE_ID);
    const budget = (name: keyof typeof ANALYSIS_BUDGETS): number => {
      const value = this.analysisFailed?.options[name];
      return typeof value === 'number' && value > 0 ? value : ANALYSIS_BUDGETS[name];
    };
    this.budgets = {
      maxDocumentBytes: budget('maxDocumentBytes'),
      maxDocumentMs: budget('maxDocumentMs'),
      maxFlowDepth: budget('maxFlowDepth'),
      maxBlockDepth: budget('maxBlockDepth'),
    };
  }

  /** Analyses a file's text. `cacheKey` (a URI or path) lets the next call reuse unchanged documents. */
  analyze(source: string, cacheKey?: string): FileAnalysis {
    const text = normaliseLoneCarriageReturns(source);
    if (isTemplate(text)) {
      if (cacheKey !== undefined) this.cache.delete(cacheKey);
      return { findings: [], documents: [], template: true };
    }
    const previous = cacheKey !== undefined ? this.cache.get(cacheKey) : undefined;
    const chunks = splitDocuments(text);
    const known = previous ? reusable(previous, chunks, text.length) : [];
    // Every new document is parsed before any is checked. The rules' short-lived allocations then
    // set off minor GCs that no longer copy freshly parsed, still-young syntax trees: about 8%
    // less time on a 2,000-document file than parsing and checking one document at a time.
    const parsed = new Map<string, ParsedChunk>();
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      if (!known[i] && !parsed.has(chunk.text)) parsed.set(chunk.text, this.overBudget(chunk) ?? parseChunk(chunk));
    }
    const checked = new Map<string, ChunkResult>();
    for (const [chunkText, chunk] of parsed) checked.set(chunkText, this.checkChunk(chunk));

    const current: CachedChunk[] = new Array<CachedChunk>(chunks.length);
    const findings: Finding[] = [];
    const documents: FileAnalysis['documents'] = [];
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      const entry: CachedChunk = known[i] ?? { text: chunk.text, startOffset: 0, fromEnd: 0, result: checked.get(chunk.text)! };
      entry.startOffset = chunk.startOffset;
      entry.fromEnd = text.length - chunk.startOffset;
      current[i] = entry;
      const { placed, result } = entry;
      if (placed && placed.startLine === chunk.startLine) {
        for (const document of placed.documents) {
          documents.push(document);
          for (const finding of document.findings) findings.push(finding);
        }
        continue;
      }
      // Findings are made in file coordinates; only a document that moved since needs new ones.
      const moved = chunk.startLine - result.startLine;
      const here: FileAnalysis['documents'] = [];
      for (const document of result.documents) {
        const found = moved === 0 ? document.findings : document.findings.map((finding) => shift(finding, moved));
        // Spelled out rather than spread: a spread of 2,000 documents costs milliseconds per keystroke.
        const { object, facts, doc, text: own, lines } = document;
        here.push({ object, facts, doc, text: own, lines, findings: found, startLine: chunk.startLine });
        for (const finding of found) findings.push(finding);
      }
      for (const document of here) documents.push(document);
      entry.placed = { startLine: chunk.startLine, documents: here };
    }
    if (cacheKey !== undefined) this.cache.set(cacheKey, current);
    return { findings, documents, template: false };
  }

  /** A document the parser would take too long on: too big, or nested too deep in flow style. */
  private overBudget(chunk: DocumentChunk): ParsedChunk | undefined {
    const { maxDocumentBytes, maxFlowDepth, maxBlockDepth } = this.budgets;
    const size = (bytes: number): string =>
      bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} bytes`;
    if (chunk.text.length > maxDocumentBytes) {
      return unparsed(chunk, `stopped before parsing: the document is ${size(chunk.text.length)}, over the ${size(maxDocumentBytes)} budget (option maxDocumentBytes)`);
    }
    if (flowDepthOver(chunk.text, maxFlowDepth)) {
      return unparsed(chunk, `stopped before parsing: flow collections ({ or [) nested more than ${maxFlowDepth} deep (option maxFlowDepth)`);
    }
    const stray = strayFlowClosers(chunk.text, MAX_STRAY_CLOSERS);
    if (stray > MAX_STRAY_CLOSERS) {
      return unparsed(chunk, `stopped before parsing: ${stray.toLocaleString('en-US')} flow closers (] or }) with no opener, each a syntax error the parser takes time over`);
    }
    if (blockDepthOver(chunk.text, maxBlockDepth)) {
      return unparsed(chunk, `stopped before parsing: block collections nested more than ${maxBlockDepth} levels deep (option maxBlockDepth)`);
    }
    return undefined;
  }

  /** Drops a file's cached documents (the editor closed it, the file was deleted). */
  forget(cacheKey: string): void {
    this.cache.delete(cacheKey);
  }

  private checkChunk({ chunk, lines, docs, failure }: ParsedChunk): ChunkResult {
    const { startLine } = chunk;
    const documents: AnalyzedDocument[] = [];
    if (failure !== undefined) {
      documents.push({ object: undefined, facts: undefined, doc: docs[0], text: chunk.text, lines, findings: this.failed(failure, lines, startLine, undefined) });
      return { startLine, documents };
    }
    for (const doc of docs) {
      try {
        documents.push(this.checkDocument(doc, chunk, lines));
      } catch (error) {
        // Contained to this document: the file's other documents, and other files, are analysed as usual.
        const findings = this.failed(error, lines, startLine, doc.range?.[0]);
        documents.push({ object: undefined, facts: undefined, doc, text: chunk.text, lines, findings });
      }
    }
    return { startLine, documents };
  }

  /** The one finding of a document whose analysis failed (none when the rule is off), on its first line. */
  private failed(error: unknown, lines: LineIndex, startLine: number, offset: number | undefined, ruleId?: string): Finding[] {
    if (!this.analysisFailed?.enabled) return [];
    const at = lines.positionAt(offset ?? 0).line;
    return [{
      ruleId: ANALYSIS_FAILED_RULE_ID,
      severity: this.analysisFailed.severity,
      message: analysisFailureMessage(error, ruleId),
      range: { start: { line: startLine + at, character: 0 }, end: { line: startLine + at, character: 0 } },
    }];
  }

  private checkDocument(doc: Document.Parsed, chunk: DocumentChunk, lines: LineIndex): AnalyzedDocument {
    const { startLine } = chunk;
    const findings: Finding[] = [];
    if (doc.errors.length > 0) {
      if (this.syntax?.enabled && LOOKS_KUBERNETES.test(chunk.text)) {
        for (const error of doc.errors) {
          findings.push({
            ruleId: SYNTAX_RULE_ID,
            severity: this.syntax.severity,
            message: `YAML syntax error: ${error.message.split('\n')[0]}`,
            range: toRange(lines, [error.pos[0], Math.max(error.pos[1], error.pos[0])], startLine),
          });
        }
      }
      // A broken document's tree is a guess; checking it would report on the guess.
      return { object: undefined, facts: undefined, doc, text: chunk.text, lines, findings };
    }
    const object = objectOf(doc);
    const comments = object ? commentSuppressions(chunk.text, doc, lines) : [];
    const peerAnnotations = object ? peerAnnotationsOf(object, (span) => ({ start: lines.positionAt(span[0]), end: lines.positionAt(span[1]) })) : [];
    const silencedByPeers: string[] = [];
    if (object && (object.builtin || this.anyKindRules.length > 0)) {
      this.checkObject(object, chunk.text, comments, peerAnnotations, lines, startLine, findings, silencedByPeers);
      findings.sort(this.order);
    }
    const facts = object ? factsOf(object, lines, comments) : undefined;
    if (facts && peerAnnotations.length > 0) {
      facts.peerAnnotations = peerAnnotations;
      facts.silencedByPeers = silencedByPeers;
    }
    return { object, facts, doc, text: chunk.text, lines, findings };
  }

  private checkObject(
    object: K8sObject,
    text: string,
    comments: readonly CommentSuppression[],
    peerAnnotations: readonly PeerAnnotation[],
    lines: LineIndex,
    startLine: number,
    findings: Finding[],
    silencedByPeers: string[],
  ): void {
    const rules = object.builtin ? (this.rulesByKind.get(object.kind) ?? this.anyKindRules) : this.anyKindRules;
    if (rules.length === 0) return;
    let yamlEditor: YamlEditor | undefined;
    const editor = (): YamlEditor => (yamlEditor ??= new YamlEditor(text, object.reader));
    const annotation = object.annotations[IGNORE_ANNOTATION];
    const ignoredByAnnotation = annotation !== undefined ? parseRuleList(annotation) : undefined;
    // Rules a peer linter's annotation silences still run, so that a hover can say what they silenced.
    const silenced = this.peers.silenced(peerAnnotations);
    // Only misspellings the schema finding is shown for: silenced, the "no X" findings must stay.
    const misspellings =
      this.schemaChecked && !isIgnored(ignoredByAnnotation, SCHEMA_RULE_ID) && !silenced?.has(SCHEMA_RULE_ID)
        ? misspellingsOf(object).filter((m) => !comments.some((c) => m.at[0] >= c.span[0] && m.at[0] <= c.span[1] && isIgnored(c.rules, SCHEMA_RULE_ID)))
        : NO_MISSPELLINGS;
    // One context for all the rules on this object (tens of thousands of closures fewer on a big
    // file); `current` says whose report it is.
    let current = rules[0];
    const context: RuleContext = {
      object,
      read: object.reader,
      options: current.setting.options,
      kubernetesVersion: this.options.config.kubernetesVersion,
      report: ({ at, message, fix }) => {
        const { rule, setting } = current;
        const span = at ?? kindAnchor(object) ?? [0, 0];
        if (comments.length > 0 && comments.some((c) => span[0] >= c.span[0] && span[0] <= c.span[1] && isIgnored(c.rules, rule.meta.id))) return;
        if (silenced?.has(rule.meta.id)) {
          silencedByPeers.push(rule.meta.id);
          return;
        }
        if (misspellings.length > 0 && rule.meta.id !== SCHEMA_RULE_ID && explainedByMisspelling(misspellings, span, message)) return;
        const finding: Finding = {
          ruleId: rule.meta.id,
          severity: setting.severity,
          message,
          range: toRange(lines, span, startLine),
          remediation: rule.meta.remediation,
        };
        if (fix) {
          finding.fix = {
            title: fix.title,
            edits: () => {
              const edits = fix.edits(editor());
              // A fix that would break the YAML or leave its finding in place is not offered at all.
              if (edits.length > 0 && !fixHolds(text, edits, rule, setting, message, this.options.config.kubernetesVersion)) return [];
              return edits.map((e) => ({ range: toRange(lines, [e.start, e.end], startLine), newText: e.newText }));
            },
          };
        }
        findings.push(finding);
      },
    };
    const started = performance.now();
    for (let i = 0; i < rules.length; i++) {
      const entry = rules[i];
      if (i > 0 && i % RULES_PER_CLOCK_READ === 0) {
        const spent = performance.now() - started;
        if (spent > this.budgets.maxDocumentMs) {
          const skipped = rules.slice(i).map((r) => r.rule.meta.id);
          const reason = `stopped after ${Math.round(spent)} ms, over the ${this.budgets.maxDocumentMs} ms budget (option maxDocumentMs); not run: ${skipped.join(', ')}`;
          findings.push(...this.failed(reason, lines, startLine, kindAnchor(object)?.[0]));
          return;
        }
      }
      if (ignoredByAnnotation && isIgnored(ignoredByAnnotation, entry.rule.meta.id)) continue;
      current = entry;
      context.options = entry.setting.options;
      try {
        entry.rule.check(context);
      } catch (error) {
        this.options.onRuleError?.(entry.rule.meta.id, error);
        // The other rules still run on this object; the failure is said where it happened.
        findings.push(...this.failed(error, lines, startLine, kindAnchor(object)?.[0], entry.rule.meta.id));
      }
    }
  }
}

interface ParsedChunk {
  chunk: DocumentChunk;
  lines: LineIndex;
  docs: Document.Parsed[];
  /** Why the parser threw, when it did, or why the document was not parsed. */
  failure?: unknown;
  /** The failure is a budget, not an error. */
  budget?: boolean;
}

/** A document over a budget: not parsed at all (the parse is what would stall), said in its finding. */
function unparsed(chunk: DocumentChunk, reason: string): ParsedChunk {
  return { chunk, lines: new LineIndex(chunk.text), docs: [parseDocument('')], failure: reason };
}

/**
 * Whether `{` and `[` nest deeper than `limit` anywhere in the text, quoted scalars and comments
 * skipped (see eachFlowIndicator; an apostrophe that hid the brackets after it once cost 8 s of
 * parsing, found by the fuzzer). The parser's time on such a document grows with the depth, and
 * real manifests, JSON included, stay far below the limit.
 */
export function flowDepthOver(text: string, limit: number): boolean {
  // Cheap exit for almost every document: not even that many openers.
  if (!moreThan(text, '{', '[', limit)) return false;
  let depth = 0;
  return eachFlowIndicator(text, (c) => {
    if (c === '{' || c === '[') return ++depth > limit;
    if (depth > 0) depth--;
    return false;
  });
}

/**
 * Past this many `]` and `}` that close nothing, a document is not parsed: the parser spends about
 * 40 µs on each such syntax error (the fuzzer's 36,779 on one line took 1.9 s). Not an option:
 * no manifest has even a handful.
 */
export const MAX_STRAY_CLOSERS = 5000;

/** How many `]` and `}` close nothing (quoted scalars and comments skipped); 0 when there are at most `limit` closers at all. */
export function strayFlowClosers(text: string, limit: number): number {
  if (!moreThan(text, '}', ']', limit)) return 0;
  let depth = 0;
  let stray = 0;
  eachFlowIndicator(text, (c) => {
    if (c === '{' || c === '[') depth++;
    else if (depth > 0) depth--;
    else stray++;
    return false;
  });
  return stray;
}

/** Whether `a` and `b` together occur more than `limit` times in the text (stops counting there). */
function moreThan(text: string, a: string, b: string, limit: number): boolean {
  const codeA = a.charCodeAt(0);
  const codeB = b.charCodeAt(0);
  let count = 0;
  for (let i = 0; i < text.length && count <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === codeA || c === codeB) count++;
  }
  return count > limit;
}

/**
 * Calls `visit` with each `{`, `[`, `}` and `]` outside quoted scalars and comments, until it
 * returns true (then returns true). A quote opens a quoted scalar only where one can start (after
 * `:`, `-`, `?`, `,`, `[`, `{` or at the start of a line), so the apostrophe of "template's" in a
 * comment or a plain scalar hides nothing that follows.
 */
function eachFlowIndicator(text: string, visit: (c: string) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[' || c === '}' || c === ']') {
      if (visit(c)) return true;
    } else if ((c === '"' || c === "'") && opensScalar(text, i)) {
      i = closingQuote(text, i);
    } else if (c === '#' && (i === 0 || /[\s\ufeff]/.test(text[i - 1]))) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    }
  }
  return false;
}

/** Whether a quote at `at` can open a quoted scalar: what precedes it on its line is an indicator or nothing. */
function opensScalar(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i < 0 || '\n\r:-?,[{\ufeff'.includes(text[i]);
}

/** The offset of the quote that closes the quoted scalar opened at `at` (escapes and '' honoured). */
function closingQuote(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}

/**
 * Whether lines indent into more than `limit` levels, each deeper than the one it is under (block
 * collections nested that deep). The rules walk such a tree recursively: around a thousand levels
 * the stack runs out, and whether it does depends on how much the JIT has optimised by then, so
 * the same document would be analysed at one time and not at another. Block scalar lines count
 * too, which only ever makes the count higher; real manifests, CRD schemas included, nest a few
 * dozen levels.
 */
export function blockDepthOver(text: string, limit: number): boolean {
  // Cheap exit for almost every document: each level takes a line of its own, unless sequence
  // entries or complex keys open on one line (`- - - x`).
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1 && lines <= limit; i = text.indexOf('\n', i + 1)) lines++;
  if (lines <= limit && !COMPACT_NESTING.test(text)) return false;
  const levels: number[] = [];
  const level = (column: number): boolean => {
    while (levels.length > 0 && levels[levels.length - 1] > column) levels.pop();
    if (levels.length === 0 || levels[levels.length - 1] < column) levels.push(column);
    return levels.length > limit;
  };
  for (let start = 0; start < text.length; ) {
    let i = start;
    while (text.charCodeAt(i) === 0x20) i++;
    const newline = text.indexOf('\n', i);
    const end = newline === -1 ? text.length : newline;
    const first = text[i];
    if (i < end && first !== '#' && first !== '\r') {
      if (level(i - start)) return true;
      // `- - key:` nests a sequence in a sequence in a mapping, each at its own column.
      for (let at = i; (text[at] === '-' || text[at] === '?') && (text[at + 1] === ' ' || text[at + 1] === '\t'); ) {
        at += 2;
        while (text[at] === ' ' || text[at] === '\t') at++;
        if (at >= end || text[at] === '#' || text[at] === '\r') break;
        if (level(at - start)) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

const COMPACT_NESTING = /[-?][ \t]+[-?][ \t]/;

/**
 * Whether a single-object fix does what it says: the document still parses (with no new errors)
 * and the rule no longer reports the same finding on it. Checked when the fix's edits are asked
 * for (a quick-fix menu, fix-all, --fix), never during analysis. Unusual YAML the editor was not
 * written for (an anchor on a key, a complex key) then costs a missing fix, not a broken file.
 */
function fixHolds(text: string, edits: readonly TextEdit[], rule: Rule, setting: RuleSetting, message: string, kubernetesVersion: string): boolean {
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(applyEdits(text, edits), { prettyErrors: false });
  } catch {
    return false;
  }
  if (docs.length === 0 || docs.some((doc) => doc.errors.length > 0)) return false;
  const object = objectOf(docs[0]);
  if (!object) return false;
  let again = false;
  try {
    rule.check({ object, read: object.reader, options: setting.options, kubernetesVersion, report: (report) => (again ||= report.message === message) });
  } catch {
    return false;
  }
  return !again;
}

/**
 * The previous analysis's chunk for each of `chunks` whose text it analysed. Found by position
 * first (the chunks before an edit keep their offset, the ones after it their distance from the
 * end), so a keystroke in a 2,000-document file compares texts instead of hashing two megabytes
 * of them; then by text (a document moved, pasted or duplicated). Each previous chunk is handed
 * out once: a second chunk of the same text shares its result but not its placement.
 */
function reusable(previous: readonly CachedChunk[], chunks: readonly DocumentChunk[], length: number): Array<CachedChunk | undefined> {
  const found = new Array<CachedChunk | undefined>(chunks.length);
  let head = 0;
  while (head < chunks.length && head < previous.length) {
    const before = previous[head];
    if (before.startOffset !== chunks[head].startOffset || before.text !== chunks[head].text) break;
    found[head++] = before;
  }
  let tail = 0;
  while (tail < chunks.length - head && tail < previous.length - head) {
    const before = previous[previous.length - 1 - tail];
    const chunk = chunks[chunks.length - 1 - tail];
    if (before.fromEnd !== length - chunk.startOffset || before.text !== chunk.text) break;
    found[chunks.length - 1 - tail++] = before;
  }
  if (head + tail === chunks.length) return found;
  const byText = new Map<string, CachedChunk>();
  for (let i = head; i < previous.length - tail; i++) if (!byText.has(previous[i].text)) byText.set(previous[i].text, previous[i]);
  const claimed = new Set<CachedChunk>();
  for (let i = head; i < chunks.length - tail; i++) {
    const match = byText.get(chunks[i].text);
    if (!match) continue;
    if (claimed.has(match)) found[i] = { ...match, placed: undefined };
    else {
      claimed.add(match);
      found[i] = match;
    }
  }
  return found;
}

function parseChunk(chunk: DocumentChunk): ParsedChunk {
  const lines = new LineIndex(chunk.text);
  try {
    // No `merge` option: NodeReader resolves `<<` keys itself, and the option costs every parse a few per cent.
    return { chunk, lines, docs: parseAllDocuments(chunk.text, { prettyErrors: false }) };
  } catch (error) {
    // The parser itself gave up (its stack, on pathological nesting): the document stands for itself, empty.
    return { chunk, lines, docs: [parseDocument('')], failure: error };
  }
}

/** `kube-prod could not analyse this document: Maximum call stack size exceeded`, one line. */
export function analysisFailureMessage(error: unknown, ruleId?: string, subject: 'document' | 'file' = 'document'): string {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `kube-prod could not analyse this ${subject}: ${ruleId ? `rule ${ruleId} failed: ` : ''}${reason}`;
}


function toRange(lines: LineIndex, span: Span, startLine: number): Range {
  const start = lines.positionAt(span[0]);
  const end = lines.positionAt(span[1]);
  start.line += startLine;
  end.line += startLine;
  return { start, end };
}

function shift(finding: Finding, lines: number): Finding {
  const { fix } = finding;
  return {
    ...finding,
    range: shiftRange(finding.range, lines),
    ...(fix ? { fix: { title: fix.title, edits: () => fix.edits().map((e) => ({ range: shiftRange(e.range, lines), newText: e.newText })) } } : {}),
  };
}
