// Our own snippets must pass our own checks: every snippet, expanded with its placeholder values,
// produces no warning- or error-level finding.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../../server/src/engine/analyzer';
import { resolveConfig } from '../../server/src/engine/config';
import { RULES } from '../../server/src/rules';
import { projectRoot } from '../helpers/paths';

interface Snippet {
  prefix: string | string[];
  body: string[];
  description: string;
}

/** Expands a snippet body as VS Code would when the user accepts every placeholder as offered. */
export function expandSnippet(body: string): string {
  const defaults = new Map<string, string>();
  for (const match of body.matchAll(/\$\{(\d+):([^}]*)\}/g)) if (!defaults.has(match[1])) defaults.set(match[1], match[2]);
  return body
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_m, _n: string, first: string) => first)
    .replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string) => defaults.get(n) ?? '')
    .replace(/\$\{?(\d+)\}?/g, (_m, n: string) => defaults.get(n) ?? '');
}

/** Custom resources our snippets write: parsed as objects, checked by no rule (so they must give no finding). */
const CUSTOM_KINDS = new Set(['ExternalSecret', 'SealedSecret']);

/**
 * A container fragment (no `kind:` of its own) is checked inside a minimal Deployment, in a container
 * made of it and the file's other fragments (together they are what a production container needs).
 */
function isFragment(text: string): boolean {
  return !/^kind:/m.test(text);
}

export function embedInDeployment(fragments: string[]): string {
  const container = fragments.flatMap((f) => f.split('\n').map((line) => `          ${line}`.trimEnd()));
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: host',
    'spec:',
    '  replicas: 3',
    '  selector:',
    '    matchLabels:',
    '      app: host',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: host',
    '    spec:',
    '      topologySpreadConstraints:',
    '        - maxSkew: 1',
    '          topologyKey: topology.kubernetes.io/zone',
    '          whenUnsatisfiable: ScheduleAnyway',
    '          labelSelector:',
    '            matchLabels:',
    '              app: host',
    '      containers:',
    '        - name: host',
    '          image: registry.example.com/host:1.0.0',
    '          ports:',
    '            - name: http',
    '              containerPort: 8080',
    ...container,
    '',
  ].join('\n');
}

const root = projectRoot();
const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES) });

describe('snippets', () => {
  for (const file of readdirSync(join(root, 'snippets')).filter((f) => f.endsWith('.json'))) {
    const snippets = JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>;
    const expanded = new Map(Object.entries(snippets).map(([name, s]) => [name, expandSnippet(s.body.join('\n'))]));
    const fragments = [...expanded.values()].filter(isFragment);
    for (const [name, snippetText] of expanded) {
      it(`${name} expands to a manifest with no warning or error`, () => {
        assert.ok(!snippetText.includes('$'), 'every placeholder expanded');
        const text = isFragment(snippetText) ? embedInDeployment([snippetText, ...fragments.filter((f) => f !== snippetText)]) : snippetText;
        assert.deepEqual(parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message)), []);
        const result = analyzer.analyze(text);
        assert.ok(
          result.documents.some((d) => d.object?.builtin || CUSTOM_KINDS.has(d.object?.kind ?? '')),
          'the snippet is a Kubernetes object we check (or a custom resource we know)',
        );
        const loud = result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
        assert.deepEqual(loud, []);
      });
    }
  }
});
