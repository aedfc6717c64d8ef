import { DiagnosticSeverity, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnyRule } from '../engine/rule';
import type { Finding, Severity } from '../engine/types';
import type { AnalysisService } from './analysis';
import type { ConfigFileService } from './configFile';
import type { WorkspaceFolders } from './folders';
import { describeError, type Log } from './log';
import { isExcluded, matchPath } from './scope';
import { DEFAULT_SETTINGS, type SettingsService } from './settings';

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
  };
}

/** One scheduled analysis of one version of a document. */
interface Run {
  version: number;
  timer: NodeJS.Timeout | undefined;
}

export interface DiagnosticsDependencies {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsService;
  configs: ConfigFileService;
  analysis: AnalysisService;
  folders: WorkspaceFolders;
  ruleById: (id: string) => AnyRule | undefined;
  log: Log;
}

/**
 * Schedules analyses and publishes their diagnostics. Each document has at most one current
 * run; scheduling a new one supersedes it, and a superseded run stops at its next step and
 * never publishes, so diagnostics always belong to the newest version.
 */
export class DiagnosticsService {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly deps: DiagnosticsDependencies) {}

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

  /** A closed document: its pending run is cancelled and its diagnostics cleared. */
  closed(uri: string): void {
    this.cancel(uri);
    this.runs.delete(uri);
    this.deps.analysis.forget(uri);
    this.deps.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const uri of this.runs.keys()) this.cancel(uri);
    this.runs.clear();
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
    const run: Run = { version, timer: undefined };
    run.timer = setTimeout(() => {
      run.timer = undefined;
      this.execute(uri, run).catch((error: unknown) => this.deps.log.error(`kube-prod: analysing ${uri} failed: ${describeError(error)}`));
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

  private async execute(uri: string, run: Run): Promise<void> {
    const { settings, configs, analysis, folders, connection } = this.deps;
    const documentSettings = await settings.forDocument(uri);
    if (!this.current(uri, run)) return;
    if (!documentSettings.enable || isExcluded(matchPath(uri, folders.folderOf(uri)), documentSettings.exclude)) {
      analysis.forget(uri);
      connection.sendDiagnostics({ uri, version: run.version, diagnostics: [] });
      return;
    }
    const config = await configs.configFor(uri);
    // The analysis itself is synchronous: nothing can change between this check and the publish.
    const document = this.current(uri, run);
    if (!document) return;
    const findings = analysis.analyze(uri, document.getText(), config, documentSettings.rules);
    connection.sendDiagnostics({ uri, version: run.version, diagnostics: findings.map((f) => toDiagnostic(f, this.deps.ruleById)) });
  }
}
