import { isAlias, isMap, isScalar, type YAMLMap } from 'yaml';
import { containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { podContainers, type Rule } from '../../engine/rule';
import type { Span } from '../../engine/types';

/**
 * Where a repeated entry is written: its own `name:` entry; an alias (`- *dbEnv`) or an entry
 * that takes its name from a `<<` merge is pointed at where it stands, not at the definition it reuses.
 */
function entrySpan(raw: unknown, entry: YAMLMap): Span | undefined {
  if (isAlias(raw)) return nodeSpan(raw);
  const own = entry.items.find((pair) => isScalar(pair.key) && pair.key.value === 'name');
  return nodeSpan(own ?? entry.items[0]);
}

const rule: Rule = {
  meta: {
    id: 'duplicate-env',
    category: 'configuration',
    severity: 'warning',
    description: 'A container defines the same environment variable more than once.',
    rationale:
      'When a name appears twice in env, the kubelet keeps the last definition without an error. Whoever edits the first one sees no effect, and a merge that appends a second definition silently overrides the value that was reviewed.',
    remediation: 'Keep a single definition of the variable and delete the others.',
    docsUrl: 'https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/',
    peers: { 'kube-linter': ['duplicate-env-var'], 'kube-score': ['environment-variable-key-duplication'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object)) {
      const seen = new Set<string>();
      for (const raw of read.seq(container.node, 'env')?.items ?? []) {
        const entry = read.resolve(raw);
        if (!isMap(entry)) continue;
        const name = read.text(entry, 'name');
        if (name === undefined) continue;
        if (seen.has(name)) {
          report({
            at: entrySpan(raw, entry) ?? containerAnchor(object, container),
            message: `${describe(object, container)}: env var "${name}" is defined again; this later definition overrides the earlier one`,
          });
        }
        seen.add(name);
      }
    }
  },
};

export default rule;
