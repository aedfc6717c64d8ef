// textDocument/documentSymbol and workspace/symbol: every Kubernetes object as `Kind/name` with its
// namespace, so that the outline and Go to Symbol list objects, not YAML keys.
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver/node';
import { documentSymbols, workspaceSymbols } from '../engine/navigation/symbols';
import type { DiagnosticsService } from './diagnostics';
import type { WorkspaceFolders } from './folders';
import type { WorkspaceService } from './workspaces';

export interface SymbolDependencies {
  diagnostics: Pick<DiagnosticsService, 'currentFindings'>;
  workspaces: Pick<WorkspaceService, 'openAnalysis' | 'serving'>;
  folders: Pick<WorkspaceFolders, 'all'>;
}

/** Go to Symbol in Workspace lists this many objects at most (the editor filters them further as one types). */
const WORKSPACE_SYMBOL_LIMIT = 1000;

export class SymbolService {
  constructor(private readonly deps: SymbolDependencies) {}

  async documentSymbols(params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
    const { uri } = params.textDocument;
    // The document as the editor has it now (indexed on demand), like a hover or a code action.
    const current = await this.deps.diagnostics.currentFindings(uri);
    const analysis = current && this.deps.workspaces.openAnalysis(uri, current.text, current.version);
    if (!analysis) return [];
    return documentSymbols(analysis).map((symbol) => ({
      name: symbol.name,
      ...(symbol.namespace ? { detail: `namespace ${symbol.namespace}` } : {}),
      kind: SymbolKind.Object,
      range: symbol.range,
      selectionRange: symbol.selectionRange,
    }));
  }

  workspaceSymbols(params: WorkspaceSymbolParams): SymbolInformation[] {
    const out: SymbolInformation[] = [];
    for (const folder of this.deps.folders.all()) {
      const serving = this.deps.workspaces.serving(folder);
      if (!serving) continue;
      for (const symbol of workspaceSymbols(serving.workspace.index, params.query, WORKSPACE_SYMBOL_LIMIT - out.length)) {
        out.push({ name: symbol.name, kind: SymbolKind.Object, ...(symbol.namespace ? { containerName: symbol.namespace } : {}), location: { uri: symbol.uri, range: symbol.range } });
      }
      if (out.length >= WORKSPACE_SYMBOL_LIMIT) break;
    }
    return out;
  }
}
