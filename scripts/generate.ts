// Writes everything that is derived from rule metadata, so that it is never written twice:
// the config schema, one documentation page per rule, the README's rule table, and docs/peers.md
// (every kube-linter, kube-score and Polaris check, and the rule that covers it).
// `npm run generate` writes; test/unit/generated.test.ts fails when a file is stale.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ANY_KIND, CATEGORIES, isWorkspaceRule, PEER_TOOLS, type AnyRule } from '../server/src/engine/rule';
import { RULES } from '../server/src/rules';
import { BUNDLED_KUBERNETES_VERSION } from '../server/src/engine/schema/bundled';
import { PEER_CATALOGUE } from '../server/src/rules/peers/catalogue';

const SEVERITY_OR_OFF = { enum: ['off', 'info', 'warning', 'error'] };

export function configSchema(rules: readonly AnyRule[] = RULES): object {
  const ruleProperties: Record<string, object> = {};
  for (const { meta } of rules) {
    const options = Object.entries(meta.options ?? {});
    const detailed: Record<string, unknown> = {
      type: 'object',
      additionalProperties: false,
      properties: {
        severity: { ...SEVERITY_OR_OFF, description: 'Severity, or "off".' },
        ...(options.length
          ? {
              options: {
                type: 'object',
                additionalProperties: false,
                properties: Object.fromEntries(options.map(([name, option]) => [name, { ...option.schema, description: option.description, default: option.default }])),
              },
            }
          : {}),
      },
    };
    ruleProperties[meta.id] = {
      description: `${meta.description} Default: ${meta.disabledByDefault ? 'off' : meta.severity}.`,
      oneOf: [SEVERITY_OR_OFF, detailed],
    };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://kube-prod.dev/schemas/kube-prod.schema.json',
    title: 'kube-prod configuration (.kube-prod.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Per-rule settings: a severity, "off", or { severity, options }.',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
      defaultNamespace: {
        description: 'Namespace of objects that set none (as `kubectl apply` without -n would use).',
        type: 'string',
        minLength: 1,
      },
      schemaValidation: {
        description: 'false turns off the schema validation of built-in kinds and custom resources (rules schema-violation and crd-schema-violation), for example where Red Hat YAML validates them already.',
        type: 'boolean',
      },
      kubernetesVersion: {
        description: `The Kubernetes release the manifests are applied to, quoted major.minor such as "1.30" (unquoted, YAML reads 1.30 as the number 1.3), default ${BUNDLED_KUBERNETES_VERSION}: an apiVersion removed in a later release is not an error. Fields are checked against the bundled ${BUNDLED_KUBERNETES_VERSION} API whatever this says.`,
        type: 'string',
        pattern: '^1\\.[0-9]+$',
      },
    },
  };
}

function kindsText(kinds: readonly string[]): string {
  if (kinds.length === 0) return 'any YAML document';
  return kinds.includes(ANY_KIND) ? 'any Kubernetes object, custom resources included' : kinds.join(', ');
}

export function rulePage(rule: AnyRule): string {
  const { meta } = rule;
  const lines = [
    `# ${meta.id}`,
    '',
    `${meta.description}`,
    '',
    `| category | default severity | quick-fix | applies to |`,
    `|---|---|---|---|`,
    `| ${CATEGORIES[meta.category]} | ${meta.disabledByDefault ? `off (${meta.severity} when enabled)` : meta.severity} | ${meta.fixable ? 'yes' : 'no'} | ${kindsText(meta.kinds)}${isWorkspaceRule(rule) ? ' (workspace rule: also reads the other objects of the workspace)' : ''} |`,
    '',
    '## Why',
    '',
    meta.rationale,
    '',
    '## What to do',
    '',
    meta.remediation,
    '',
  ];
  const options = Object.entries(meta.options ?? {});
  if (options.length) {
    lines.push('## Options', '', '| option | default | description |', '|---|---|---|');
    for (const [name, option] of options) lines.push(`| \`${name}\` | \`${JSON.stringify(option.default)}\` | ${option.description} |`);
    lines.push('');
  }
  lines.push('## Configuration', '', '```yaml', '# .kube-prod.yaml', 'rules:', `  ${meta.id}: ${meta.severity === 'error' ? 'warning' : 'error'}   # or off`, '```', '');
  lines.push(`Silence it for one object with the annotation \`kube-prod.dev/ignore: "${meta.id}"\`, or for one node with \`# kube-prod-ignore ${meta.id}\` on the line above.`, '');
  const peers = PEER_TOOLS.filter((tool) => meta.peers?.[tool]?.length).map((tool) => `${PEER_CATALOGUE[tool].name} ${meta.peers![tool]!.map((c) => `\`${c}\``).join(', ')}`);
  if (peers.length) lines.push(`Equivalent checks: ${peers.join('; ')} (their suppression annotations silence this rule too; see [peers](../peers.md)).`, '');
  lines.push('## Reference', '', `- ${meta.docsUrl}`, '');
  return lines.join('\n');
}

export function ruleTable(rules: readonly AnyRule[] = RULES): string {
  const lines = ['| rule | category | default | fix | what it finds |', '|---|---|---|---|---|'];
  for (const rule of rules) {
    const { meta } = rule;
    lines.push(
      `| [\`${meta.id}\`](docs/rules/${meta.id}.md) | ${CATEGORIES[meta.category]} | ${meta.disabledByDefault ? 'off' : meta.severity} | ${meta.fixable ? '✓' : ''} | ${isWorkspaceRule(rule) ? '(workspace) ' : ''}${meta.description} |`,
    );
  }
  return lines.join('\n');
}

export const TABLE_START = '<!-- rules:start (generated by npm run generate) -->';
export const TABLE_END = '<!-- rules:end -->';

export function readmeWithTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error(`README.md lacks the ${TABLE_START} / ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${ruleTable()}\n${readme.slice(end)}`;
}

/** docs/peers.md: for each peer linter, each of its checks and the kube-prod rules that cover it, or why none does. */
export function peersPage(rules: readonly AnyRule[] = RULES): string {
  const lines = [
    '# Coming from kube-linter, kube-score or Polaris',
    '',
    'Every check of the three linters, and the kube-prod rule that looks for the same practice (kube-prod is sometimes',
    'stricter, or asks only where the practice matters: the notes say how). Where no rule covers a check, the reason is given.',
    'Generated from the rules\' `peers` metadata and `server/src/rules/peers/catalogue.ts` by `npm run generate`.',
    '',
    '## Their suppression annotations',
    '',
    'kube-prod honours the annotations you already have, for the kube-prod rules mapped to the check they name:',
    '',
  ];
  for (const tool of PEER_TOOLS) lines.push(`- ${PEER_CATALOGUE[tool].name}: ${PEER_CATALOGUE[tool].annotation}.`);
  lines.push(
    '',
    'An annotation silences every finding of the rules mapped to its check, on that object. Hover the annotation key in the',
    'editor to see which kube-prod rules it silences and how many findings it suppressed there; a check no rule maps to',
    'suppresses nothing. kube-prod\'s own `kube-prod.dev/ignore: "rule-a, rule-b"` works beside them.',
    '',
  );
  for (const tool of PEER_TOOLS) {
    const catalogue = PEER_CATALOGUE[tool];
    const covering = (check: string): string[] => rules.filter((rule) => rule.meta.peers?.[tool]?.includes(check)).map((rule) => rule.meta.id);
    lines.push(`## ${catalogue.name}`, '', `[${catalogue.name} checks](${catalogue.url}) → kube-prod.`, '', '| check | what it looks for | kube-prod |', '|---|---|---|');
    for (const check of [...catalogue.checks].sort((a, b) => a.id.localeCompare(b.id))) {
      const ids = covering(check.id);
      const verdict = ids.length ? `${ids.map((id) => `[\`${id}\`](rules/${id}.md)`).join(', ')}${check.note ? `. ${check.note}` : ''}` : `*none.* ${check.reason ?? ''}`;
      lines.push(`| \`${check.id}\` | ${check.description} | ${verdict} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Every generated file and its expected content, relative to the project root. */
export function generatedFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  files.set('schemas/kube-prod.schema.json', `${JSON.stringify(configSchema(), null, 2)}\n`);
  for (const rule of RULES) files.set(`docs/rules/${rule.meta.id}.md`, rulePage(rule));
  files.set('README.md', readmeWithTable(readFileSync(join(root, 'README.md'), 'utf8')));
  files.set('docs/peers.md', peersPage());
  return files;
}

if (require.main === module) {
  const root = process.cwd();
  mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
  for (const [file, content] of generatedFiles(root)) writeFileSync(join(root, file), content);
  console.log(`generated the config schema, ${RULES.length} rule pages, the README rule table and docs/peers.md`);
}
