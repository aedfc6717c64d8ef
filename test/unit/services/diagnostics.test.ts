// The diagnostics service never goes silent: when analysing a file fails outside the engine's
// per-document containment, the file still gets a diagnostic that says so (issue 12).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { DiagnosticsService, type DiagnosticsDependencies } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/services/settings';
import { RULES, ruleById } from '../../../server/src/rules';

function service(edited: () => void): { published: PublishDiagnosticsParams[]; diagnostics: DiagnosticsService; document: TextDocument } {
  const published: PublishDiagnosticsParams[] = [];
  const document = TextDocument.create('file:///w/broken.yaml', 'yaml', 3, 'apiVersion: v1\nkind: Pod\n');
  const deps = {
    connection: { sendDiagnostics: (params: PublishDiagnosticsParams) => void published.push(params) },
    documents: { get: (uri: string) => (uri === document.uri ? document : undefined) },
    settings: { forDocument: async () => ({ ...DEFAULT_SETTINGS, debounceMs: 0 }), peek: () => ({ ...DEFAULT_SETTINGS, debounceMs: 0 }) },
    configs: { configFor: async () => ({ key: 'k', user: {} }) },
    workspaces: { onDidChange: () => undefined, ready: async () => undefined, indexedVersion: () => undefined, edited, findings: () => [], released: () => undefined, workspaceOf: () => undefined },
    folders: { folderOf: () => undefined },
    rules: RULES,
    ruleById,
    isManifest: () => true,
    log: { error: () => undefined, once: () => undefined, info: () => undefined, warn: () => undefined },
  } as unknown as DiagnosticsDependencies;
  return { published, diagnostics: new DiagnosticsService(deps), document };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 50));

describe('diagnostics service: never silent', () => {
  it('publishes one analysis-failed diagnostic for the version when the analysis throws', async () => {
    const { published, diagnostics, document } = service(() => {
      throw new RangeError('Maximum call stack size exceeded');
    });
    diagnostics.opened(document);
    await settle();
    assert.deepEqual(
      published.map((p) => ({ version: p.version, diagnostics: p.diagnostics.map((d) => [d.code, d.message, d.range.start.line]) })),
      [{ version: 3, diagnostics: [['analysis-failed', 'kube-prod could not analyse this file: Maximum call stack size exceeded', 0]] }],
    );
  });

  it('publishes the findings (here none) when the analysis works', async () => {
    const { published, diagnostics, document } = service(() => undefined);
    diagnostics.opened(document);
    await settle();
    assert.deepEqual(published.map((p) => [p.version, p.diagnostics.length]), [[3, 0]]);
  });
});
