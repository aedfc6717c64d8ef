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

const root = projectRoot();
const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES) });

describe('snippets', () => {
  for (const file of readdirSync(join(root, 'snippets')).filter((f) => f.endsWith('.json'))) {
    const snippets = JSON.parse(readFileSync(join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>;
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${name} expands to a manifest with no warning or error`, () => {
        const text = expandSnippet(snippet.body.join('\n'));
        assert.ok(!text.includes('$'), 'every placeholder expanded');
        assert.deepEqual(parseAllDocuments(text).flatMap((d) => d.errors.map((e) => e.message)), []);
        const result = analyzer.analyze(text);
        assert.ok(result.documents.some((d) => d.object?.builtin), 'the snippet is a Kubernetes object we check');
        const loud = result.findings.filter((f) => f.severity !== 'info').map((f) => `${f.range.start.line + 1} ${f.ruleId} ${f.message}`);
        assert.deepEqual(loud, []);
      });
    }
  }
});
