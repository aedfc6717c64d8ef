import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ANALYSIS_FAILED_RULE_ID, analysisFailureMessage } from '../engine/analyzer';
import { resolveConfig, type ResolvedConfig, type RuleSetting } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { Finding, Severity } from '../engine/types';
import type { ConfigFileService, FolderConfig } from './configFile';
import type { WorkspaceFolders } from './folders';
import { fileUri } from './files';
import { describeError, type Log } from './log';
import { isExcluded, matchPath } from './scope';
import { DEFAULT_SETTINGS, type Level, type Settings, type SettingsService } from './settings';
import type { IndexChange, WorkspaceService } from './workspaces';

export const DIAGNOSTIC_SOURCE = 'kube-prod';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toDiagnostic(finding: Finding, ruleById: (id: string) => AnyRule | undefined): Diagnostic {
  const docsUrl = ruleById(finding.ruleId)?.meta.docsUrl;
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    ...(docsUrl ? { codeDescription: { href: docsUrl } } : {}),
    message: finding.message,
    // A finding on a built object: the values key (or other source line) that fed the field.
    ...(finding.related ? { relatedInformation: finding.related.map((r) => ({ location: { uri: fileUri(r.file), range: r.range }, message: r.message })) } : {}),
  };
}

/** An open manifest's findings at one version of its text, as they are (or are about to be) published. */
export interface CurrentFindings {
  uri: string;
  version: number;
  /** The text at `version` (the TextDocument itself changes under later edits). */
  text: string;
  findings: Finding[];
  /** The document's rule levels, for findings of other texts of it (the later passes of a fix-all). */
  levels(findings: readonly Finding[]): Finding[];
}

/** One scheduled analysis of one version of a document. */
interface Run {
  version: number;
  timer: NodeJS.Timeout | undefined;
  /** Published (or given up): the document's diagnostics no longer wait for this run. */
  done: boolean;
}

export interface DiagnosticsDependencies {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsService;
  configs: ConfigFileService;
  workspaces: WorkspaceService;
  folders: WorkspaceFolders;
  rules: readonly AnyRule[];
  ruleById: (id: string) => AnyRule | undefined;
  /** The documents we analyse. */
  isManifest: (document: TextDocument) => boolean;
  log: Log;
}

/**
 * Rule levels for one document: its folder's config file with the document's own
 * kubeProd.rules over it. A folder's Workspace is built with the folder's settings; a client
 * that gives one document other levels (VS Code gives every document of a folder the same)
 * has them applied here, to the findings of the rules the Workspace runs.
 */
class Levels {
  private readonly cache = new Map<string, ReadonlyMap<string, RuleSetting>>();
  private readonly sameness = new WeakMap<ReadonlyMap<string, RuleSetting>, WeakMap<ResolvedConfig, boolean>>();

  constructor(private readonly rules: readonly AnyRule[]) {}

  private same(levels: ReadonlyMap<string, RuleSetting>, serving: ResolvedConfig): boolean {
    let byConfig = this.sameness.get(levels);
    if (!byConfig) this.sameness.set(levels, (byConfig = new WeakMap()));
    let same = byConfig.get(serving);
    if (same === undefined) {
      same = levels.size === serving.rules.size && [...levels].every(([id, setting]) => {
        const other = serving.rules.get(id);
        return other !== undefined && other.enabled === setting.enabled && other.severity === setting.severity;
      });
      byConfig.set(serving, same);
    }
    return same;
  }

  apply(findings: readonly Finding[], config: FolderConfig, overrides: Readonly<Record<string, Level>>, serving?: ResolvedConfig): Finding[] {
    const key = `${config.key}\n${JSON.stringify(Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)))}`;
    let levels = this.cache.get(key);
    if (!levels) {
      // Only the latest config per folder is ever asked for: keep the cache small.
      if (this.cache.size > 64) this.cache.clear();
      this.cache.set(key, (levels = resolveConfig(this.rules, config.user, overrides).rules));
    }
    // The levels the Workspace analysed with (the usual case): nothing to change, and 16,000
    // lookups saved per keystroke in a big file.
    if (serving && this.same(levels, serving)) return findings.slice();
    const out: Finding[] = [];
    for (const finding of findings) {
      const setting = levels.get(finding.ruleId);
      if (setting && !setting.enabled) continue;
      out.push(setting && setting.severity !== finding.severity ? { ...finding, severity: setting.severity } : finding);
    }
    return out;
  }
}

/**
 * Schedules analyses and publishes their diagnostics. Each document has at most one current
 * run; scheduling a new one supersedes it, and a superseded run stops at its next step and
 * never publishes, so diagnostics always belong to the newest version.
 *
 * A run puts the document's text into the workspace index and publishes its findings (its own
 * and the cross-resource ones). When the index changes for any reason (an edit, a file on disk,
 * an open or close), the other open documents are looked at again after the debounce delay and
 * re-published when their diagnostics differ from what was last sent.
 */
export class DiagnosticsService {
  private readonly runs = new Map<string, Run>();
  /**
   * What was last published per open document, and at which index generation: a document
   * published since the index last changed is up to date, and an identical list is not resent.
   */
  private readonly published = new Map<string, { generation: number; diagnostics: Diagnostic[] }>();
  /** Bumped on every change of the index. */
  private indexGeneration = 0;
  /**
   * Each finding's diagnostic, made once: the findings of the documents an edit did not touch are
   * the same objects from one analysis to the next, and a 2,000-document file has 16,000 of them.
   */
  private readonly made = new WeakMap<Finding, Diagnostic>();
  private readonly levels: Levels;
  private readonly changedScopes = new Set<string>();
  private republishTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: DiagnosticsDependencies) {
    this.levels = new Levels(deps.rules);
    deps.workspaces.onDidChange((change) => this.indexChanged(change));
  }

  /** An opened document: analysed at once. */
  opened(document: TextDocument): void {
    this.schedule(document, 0, false);
  }

  /** An edited document: analysed once the edits pause for `kubeProd.debounceMs`. */
  changed(document: TextDocument): void {
    this.schedule(document, this.debounceMs(document.uri), false);
  }

  /** Settings or config changed: every open document again, even at the same version. */
  refresh(documents: readonly TextDocument[]): void {
    for (const document of documents) this.schedule(document, this.debounceMs(document.uri), true);
  }

  /** A closed document: its pending run is cancelled, its diagnostics cleared, the index goes back to the disk. */
  closed(uri: string): void {
    this.cancel(uri);
    this.runs.delete(uri);
    this.published.delete(uri);
    this.deps.workspaces.released(uri);
    this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /**
   * The findings of an open manifest at the version the editor has now; undefined when it is not
   * analysed. A request (a code action) never works on a stale analysis: when the document changed
   * since it was indexed, it is indexed now, which is what its pending run would do (the run then
   * only publishes).
   */
  async currentFindings(uri: string): Promise<CurrentFindings | undefined> {
    const { documents, settings, configs, workspaces, isManifest } = this.deps;
    const opened = documents.get(uri);
    if (!opened || !isManifest(opened)) return undefined;
    const documentSettings = await settings.forDocument(uri);
    if (!this.analysed(uri, documentSettings)) return undefined;
    const config = await configs.configFor(uri);
    await workspaces.ready(uri);
    // From here on everything is synchronous: the text, the index and the findings are of one version.
    const document = documents.get(uri);
    if (!document || !isManifest(document)) return undefined;
    const { version } = document;
    const text = document.getText();
    if (workspaces.indexedVersion(uri) !== version) workspaces.edited(uri, text, version);
    const findings = workspaces.findings(uri);
    if (!findings) return undefined;
    const serving = workspaces.workspaceOf(uri)?.config;
    const levels = (list: readonly Finding[]): Finding[] => this.levels.apply(list, config, documentSettings.rules, serving);
    return { uri, version, text, findings: levels(findings), levels };
  }

  dispose(): void {
    for (const uri of this.runs.keys()) this.cancel(uri);
    this.runs.clear();
    if (this.republishTimer) clearTimeout(this.republishTimer);
    this.republishTimer = undefined;
  }

  private debounceMs(uri: string): number {
    return (this.deps.settings.peek(uri) ?? DEFAULT_SETTINGS).debounceMs;
  }

  private schedule(document: TextDocument, delay: number, force: boolean): void {
    const { uri, version } = document;
    const previous = this.runs.get(uri);
    // didOpen is followed by a content-change event for the same version: one run is enough.
    if (!force && previous?.version === version) return;
    this.cancel(uri);
    const run: Run = { version, timer: undefined, done: false };
    run.timer = setTimeout(() => {
      run.timer = undefined;
      this.execute(uri, run)
        .catch((error: unknown) => {
          this.deps.log.error(`kube-prod: analysing ${uri} failed: ${describeError(error)}`);
          // Never silent: the file says it was not analysed, rather than keeping stale diagnostics or none.
          if (this.current(uri, run)) this.publish(uri, run.version, [fileFailure(error)]);
        })
        .finally(() => (run.done = true));
    }, delay);
    this.runs.set(uri, run);
  }

  private cancel(uri: string): void {
    const run = this.runs.get(uri);
    if (run?.timer) clearTimeout(run.timer);
  }

  /** The document at the run's version, while the run is still the current one. */
  private current(uri: string, run: Run): TextDocument | undefined {
    if (this.runs.get(uri) !== run) return undefined;
    const document = this.deps.documents.get(uri);
    return document?.version === run.version ? document : undefined;
  }

  private analysed(uri: string, settings: Settings): boolean {
    return settings.enable && !isExcluded(matchPath(uri, this.deps.folders.folderOf(uri)), settings.exclude);
  }

  private async execute(uri: string, run: Run): Promise<void> {
    const { settings, configs, workspaces } = this.deps;
    const documentSettings = await settings.forDocument(uri);
    if (!this.current(uri, run)) return;
    if (!this.analysed(uri, documentSettings)) {
      workspaces.released(uri);
      this.publish(uri, run.version, []);
      return;
    }
    const config = await configs.configFor(uri);
    await workspaces.ready(uri);
    // From here on everything is synchronous: nothing can change between the index update and the publish.
    const document = this.current(uri, run);
    if (!document) return;
    if (workspaces.indexedVersion(uri) !== document.version) workspaces.edited(uri, document.getText(), document.version);
    const findings = this.levels.apply(workspaces.findings(uri) ?? [], config, documentSettings.rules, workspaces.workspaceOf(uri)?.config);
    this.publish(uri, run.version, findings, documentSettings.maxProblemsPerFile);
  }

  private publish(uri: string, version: number, findings: readonly Finding[], max = DEFAULT_SETTINGS.maxProblemsPerFile): void {
    const diagnostics = this.diagnosticsOf(findings, max);
    this.published.set(uri, { generation: this.indexGeneration, diagnostics });
    this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  /** At most `max` diagnostics (errors first, in position order), and one saying how many more there are. */
  private diagnosticsOf(findings: readonly Finding[], max: number): Diagnostic[] {
    const shown = findings.length > max ? mostSevere(findings, max) : findings;
    const diagnostics = shown.map((finding) => {
      let diagnostic = this.made.get(finding);
      if (!diagnostic) this.made.set(finding, (diagnostic = toDiagnostic(finding, this.deps.ruleById)));
      return diagnostic;
    });
    if (shown.length < findings.length) diagnostics.push(moreProblems(findings.length - shown.length, max));
    return diagnostics;
  }

  private indexChanged(change: IndexChange): void {
    this.indexGeneration++;
    this.changedScopes.add(change.scope);
    if (this.republishTimer) clearTimeout(this.republishTimer);
    const delay = change.uris?.length ? this.debounceMs(change.uris[0]) : DEFAULT_SETTINGS.debounceMs;
    this.republishTimer = setTimeout(() => {
      this.republishTimer = undefined;
      try {
        this.republish();
      } catch (error) {
        this.deps.log.error(`kube-prod: re-publishing diagnostics failed: ${describeError(error)}`);
      }
    }, delay);
  }

  /**
   * The open documents of the changed folders, with the index as it is now. Synchronous, so it
   * cannot go stale: a document whose own run is pending (or whose settings are being re-read)
   * is left to that run.
   */
  private republish(): void {
    const { documents, workspaces, settings, configs, isManifest } = this.deps;
    const scopes = new Set(this.changedScopes);
    this.changedScopes.clear();
    for (const document of documents.all()) {
      const { uri, version } = document;
      if (!isManifest(document) || !scopes.has(workspaces.scopeOf(uri))) continue;
      const run = this.runs.get(uri);
      if (!run?.done || run.version !== version || workspaces.indexedVersion(uri) !== version) continue;
      // Published since the index last changed (the edit that changed it was this document's own).
      const previous = this.published.get(uri);
      if (previous?.generation === this.indexGeneration) continue;
      const documentSettings = settings.peek(uri);
      const config = configs.peek(uri);
      if (!documentSettings || !config || !this.analysed(uri, documentSettings)) continue;
      const findings = workspaces.findings(uri);
      if (!findings) continue;
      const levelled = this.levels.apply(findings, config, documentSettings.rules, workspaces.workspaceOf(uri)?.config);
      const diagnostics = this.diagnosticsOf(levelled, documentSettings.maxProblemsPerFile);
      this.published.set(uri, { generation: this.indexGeneration, diagnostics });
      if (previous && sameDiagnostics(previous.diagnostics, diagnostics)) continue;
      this.deps.connection.sendDiagnostics({ uri, version, diagnostics });
    }
  }
}

/** `max` of the findings: errors first, then warnings, then information, each kind in position order. */
function mostSevere(findings: readonly Finding[], max: number): Finding[] {
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
  }
  let errorRoom = Math.min(max, errors);
  let warningRoom = Math.min(max - errorRoom, warnings);
  let infoRoom = max - errorRoom - warningRoom;
  const out: Finding[] = [];
  for (const finding of findings) {
    const severity = finding.severity;
    if (severity === 'error' ? errorRoom-- > 0 : severity === 'warning' ? warningRoom-- > 0 : infoRoom-- > 0) out.push(finding);
  }
  return out;
}

function moreProblems(count: number, max: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${count.toLocaleString('en-US')} more kube-prod problems in this file are not shown (kubeProd.maxProblemsPerFile is ${max}); \`kube-prod check\` lists every one.`,
  };
}

/** Same diagnostics, in the same order: the same objects (made once per finding) or equal ones. */
function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  }
  return true;
}

/** The one diagnostic of a file whose analysis failed outside any document (the engine contains those). */
function fileFailure(error: unknown): Finding {
  return {
    ruleId: ANALYSIS_FAILED_RULE_ID,
    severity: 'error',
    message: analysisFailureMessage(error, undefined, 'file'),
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
