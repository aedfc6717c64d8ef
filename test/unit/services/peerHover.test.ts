// A hover over a peer linter's suppression annotation says which kube-prod rules it silences and how
// many findings of its object it suppressed (single-object and cross-resource), or that it maps to none.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver/node';
import { resolveConfig } from '../../../server/src/engine/config';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { RULES, ruleById } from '../../../server/src/rules';
import type { CurrentFindings } from '../../../server/src/services/diagnostics';
import { HoverService } from '../../../server/src/services/hover';
import { yaml } from '../../helpers/ruleTester';

const URI = 'file:///workspace/web.yaml';

const deployment = (annotations: readonly string[]): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    '  annotations:',
    ...annotations.map((a) => `    ${a}`),
    'spec:',
    '  replicas: 3',
    '  selector: {matchLabels: {app: web}}',
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    '      containers:',
    '      - {name: web, image: "nginx:1.27"}',
  );

function serve(text: string): { workspace: Workspace; hover: HoverService } {
  const workspace = new Workspace({ rules: RULES, config: resolveConfig(RULES, {}) });
  workspace.update(URI, text, true);
  const current: CurrentFindings = { uri: URI, version: 1, text, findings: workspace.findings(URI), levels: (f) => [...f] };
  const hover = new HoverService({
    diagnostics: { currentFindings: async (uri) => (uri === URI ? current : undefined) },
    ruleById,
    peerSuppressionsAt: (uri, position) => workspace.peerSuppressionsAt(uri, position),
  });
  return { workspace, hover };
}

const hoverAt = async (service: HoverService, line: number, character: number): Promise<string | undefined> => {
  const result = await service.hover({ textDocument: { uri: URI }, position: { line, character } });
  return result ? (result.contents as MarkupContent).value : undefined;
};

/** How many findings the rules have on the same Deployment without the annotations. */
function findingsWithout(rules: readonly string[]): number {
  const workspace = new Workspace({ rules: RULES, config: resolveConfig(RULES, {}) });
  workspace.update(URI, deployment(['example.com/owner: team']), true);
  return workspace.findings(URI).filter((f) => rules.includes(f.ruleId)).length;
}

describe('hover over a peer suppression annotation', () => {
  const annotations = [
    'kube-score/ignore: "container-resources,label-values"',
    'polaris.fairwinds.com/missingPodDisruptionBudget-exempt: "true"',
    'ignore-check.kube-linter.io/dnsconfig-options: "cluster default"',
  ];

  it('names the rules a kube-score ignore silences, the findings it suppressed, and the checks that map to none', async () => {
    const { hover, workspace } = serve(deployment(annotations));
    const silenced = ['cpu-limit-missing', 'ephemeral-storage-missing', 'memory-limit-missing', 'resource-requests-missing'];
    assert.equal(workspace.findings(URI).filter((f) => silenced.includes(f.ruleId)).length, 0, 'the findings are suppressed');
    const count = findingsWithout(silenced);
    assert.equal(count, 3, 'without the annotation: one finding per silenced rule that is on (ephemeral-storage-missing is off by default)');
    const value = await hoverAt(hover, 6, 6);
    assert.equal(
      value,
      [
        '**kube-prod** `kube-score/ignore` (kube-score checks `container-resources`, `container-ephemeral-storage-request-and-limit`, `label-values`)',
        '',
        'Suppresses the kube-prod rules `cpu-limit-missing`, `ephemeral-storage-missing`, `memory-limit-missing`, `resource-requests-missing` for this object (3 findings suppressed in this object).',
        '',
        'No kube-prod rule maps to kube-score check `label-values`: it suppresses nothing here.',
      ].join('\n'),
    );
  });

  it('counts the findings of cross-resource rules it suppressed', async () => {
    const { hover, workspace } = serve(deployment(annotations));
    assert.equal(workspace.findings(URI).filter((f) => f.ruleId === 'pdb-missing').length, 0);
    assert.equal(findingsWithout(['pdb-missing']), 1);
    const value = await hoverAt(hover, 7, 10);
    assert.equal(
      value,
      [
        '**kube-prod** `polaris.fairwinds.com/missingPodDisruptionBudget-exempt` (Polaris check `missingPodDisruptionBudget`)',
        '',
        'Suppresses the kube-prod rule `pdb-missing` for this object (1 finding suppressed in this object).',
      ].join('\n'),
    );
  });

  it('says when a check maps to no kube-prod rule, and gives no hover on the annotation value or elsewhere', async () => {
    const { hover } = serve(deployment(annotations));
    assert.equal(
      await hoverAt(hover, 8, 4),
      ['**kube-prod** `ignore-check.kube-linter.io/dnsconfig-options` (kube-linter check `dnsconfig-options`)', '', 'No kube-prod rule maps to kube-linter check `dnsconfig-options`: it suppresses nothing here.'].join('\n'),
    );
    assert.equal(await hoverAt(hover, 8, 60), undefined, 'the value is not the key');
    assert.equal(await hoverAt(hover, 3, 4), undefined, 'metadata.name has no finding and no annotation');
  });
});
