// Shared bits of the language-server tests: manifests, a temp workspace, and a view of the
// diagnostics that only looks at the rules these tests rely on (more rules keep being added).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { yaml } from './ruleTester';
import { uriOf } from './lspClient';

export const STABLE_RULES: readonly string[] = ['liveness-probe-missing', 'privileged-container', 'yaml-syntax'];

/** A Pod with one container "app": no liveness probe, privileged when asked. */
export function pod(name: string, options: { privileged?: boolean; extra?: string[] } = {}): string {
  return yaml(
    'apiVersion: v1',
    'kind: Pod',
    `metadata: {name: ${name}}`,
    'spec:',
    '  containers:',
    '  - name: app',
    '    image: app:1',
    ...(options.privileged ? ['    securityContext: {privileged: true}'] : []),
    ...(options.extra ?? []),
  );
}

/** The diagnostics of the stable rules, in order. */
export function stable(params: PublishDiagnosticsParams): Diagnostic[] {
  return params.diagnostics.filter((d) => typeof d.code === 'string' && STABLE_RULES.includes(d.code));
}

/** `line:character-line:character code severity` per stable diagnostic (0-based, as LSP counts). */
export function summary(params: PublishDiagnosticsParams): string[] {
  return stable(params).map(({ range: { start, end }, code, severity }) => `${start.line}:${start.character}-${end.line}:${end.character} ${String(code)} ${severity}`);
}

export interface TempWorkspace {
  dir: string;
  uri(relative: string): string;
  path(relative: string): string;
  dispose(): void;
}

export function tempWorkspace(): TempWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'kube-prod-lsp-'));
  return {
    dir,
    path: (relative) => join(dir, relative),
    uri: (relative) => uriOf(join(dir, relative)),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
