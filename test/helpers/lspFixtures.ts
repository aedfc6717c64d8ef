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

/** A Deployment whose pods carry `app: <app>`. */
export function deployment(name: string, app: string, replicas = 3): string {
  return yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}}`,
    'spec:',
    `  replicas: ${replicas}`,
    `  selector: {matchLabels: {app: ${app}}}`,
    '  template:',
    `    metadata: {labels: {app: ${app}}}`,
    '    spec:',
    '      containers:',
    '      - name: app',
    '        image: app:1',
  );
}

/** A PodDisruptionBudget selecting `app: <app>`, one pod at a time. */
export function pdb(name: string, app: string): string {
  return yaml(
    'apiVersion: policy/v1',
    'kind: PodDisruptionBudget',
    `metadata: {name: ${name}}`,
    'spec:',
    '  maxUnavailable: 1',
    `  selector: {matchLabels: {app: ${app}}}`,
  );
}

/** A Service selecting `app: <app>`. */
export function service(name: string, app: string): string {
  return yaml(
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: ${name}}`,
    'spec:',
    `  selector: {app: ${app}}`,
    '  ports:',
    '  - port: 80',
  );
}

/** The codes of a publish, among `ids`, in order. */
export function codes(params: PublishDiagnosticsParams, ids: readonly string[]): string[] {
  return params.diagnostics.map((d) => String(d.code)).filter((code) => ids.includes(code));
}
