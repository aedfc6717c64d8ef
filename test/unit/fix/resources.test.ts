import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument, type YAMLMap } from 'yaml';
import { Analyzer } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import { applyAllFixes } from '../../../server/src/engine/fix/apply';
import { resourceLimit, resourceRequests } from '../../../server/src/engine/fix/resources';
import { Placeholder } from '../../../server/src/engine/fix/yamlEdit';
import { NodeReader } from '../../../server/src/engine/nodes';
import type { Rule } from '../../../server/src/engine/rule';
import cpuLimitMissing from '../../../server/src/rules/resources/cpu-limit-missing';
import ephemeralStorageMissing from '../../../server/src/rules/resources/ephemeral-storage-missing';
import memoryLimitMissing from '../../../server/src/rules/resources/memory-limit-missing';
import requestExceedsLimit from '../../../server/src/rules/resources/request-exceeds-limit';
import resourceRequestsMissing from '../../../server/src/rules/resources/resource-requests-missing';
import { yaml } from '../../helpers/ruleTester';

/** The container mapping of a one-container text, and a reader over it. */
function container(text: string): { read: NodeReader; node: YAMLMap } {
  const doc = parseDocument(text);
  const read = new NodeReader(doc);
  return { read, node: read.maps(doc.contents, 'containers')[0] };
}

const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_key, v: unknown) => (v instanceof Placeholder ? `${String(v.value)} # ${v.hint}` : v)));

describe('resource builders', () => {
  it('insert the seed defaults when nothing constrains them', () => {
    const { read, node } = container(yaml('containers:', '- name: a'));
    assert.deepEqual(plain(resourceRequests(read, node, ['cpu', 'memory'])), {
      resources: {
        requests: { cpu: '250m # seed default: set to the CPU the container typically uses', memory: '256Mi # seed default: set to the memory the container typically uses' },
      },
    });
    assert.deepEqual(plain(resourceLimit(read, node, 'memory')), { resources: { limits: { memory: '512Mi # seed default: set above the container\'s peak memory use' } } });
  });

  it('never write a request above an existing limit: the limit becomes the request', () => {
    const { read, node } = container(yaml('containers:', '- name: a', '  resources:', '    limits: {cpu: 100m, memory: "128Mi"}'));
    assert.deepEqual(plain(resourceRequests(read, node, ['cpu', 'memory'])), {
      resources: { requests: { cpu: '100m # the cpu limit: a request may not be higher', memory: '128Mi # the memory limit: a request may not be higher' } },
    });
  });

  it('never write a limit below an existing request: the request becomes the limit, spelled as written', () => {
    const { read, node } = container(yaml('containers:', '- name: a', '  resources:', '    requests: {cpu: 1.5, memory: 600M, ephemeral-storage: 500Mi}'));
    const cpu = resourceLimit(read, node, 'cpu');
    assert.deepEqual(plain(cpu), { resources: { limits: { cpu: '1.5 # the cpu request: a limit may not be lower' } } });
    assert.deepEqual(plain(resourceLimit(read, node, 'memory')), { resources: { limits: { memory: '600M # the memory request: a limit may not be lower' } } });
    // 500Mi is below the 1Gi seed: the seed stands.
    assert.deepEqual(plain(resourceLimit(read, node, 'ephemeral-storage')), {
      resources: { limits: { 'ephemeral-storage': '1Gi # seed default: set to the local disk (logs, emptyDir, writable layer) the container may use' } },
    });
  });

  it('keep the seed next to a value they cannot compare (a template)', () => {
    const { read, node } = container(yaml('containers:', '- name: a', '  resources:', '    requests: {memory: "${MEMORY}"}'));
    assert.deepEqual(plain(resourceLimit(read, node, 'memory')), { resources: { limits: { memory: '512Mi # seed default: set above the container\'s peak memory use' } } });
  });
});

describe('resource fixes together', () => {
  const rules: Rule[] = [resourceRequestsMissing, memoryLimitMissing, cpuLimitMissing, ephemeralStorageMissing, requestExceedsLimit];
  const analyzer = new Analyzer({
    rules,
    config: resolveConfig(rules, { rules: { 'ephemeral-storage-missing': 'info' } }),
    onRuleError: (id, error) => {
      throw new Error(`rule ${id} threw: ${String(error)}`);
    },
  });
  const analyse = (text: string) => analyzer.analyze(text).findings;

  it('fix every missing request and limit, in any order, without a request above its limit', () => {
    const text = yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: p}',
      'spec:',
      '  containers:',
      '  - name: big',
      '    resources:',
      '      requests:',
      '        cpu: "2"',
      '        memory: 4Gi',
      '  - name: small',
      '    image: s:1',
    );
    const fixed = applyAllFixes(text, analyse).text;
    assert.deepEqual(analyse(fixed).map((f) => `${f.ruleId}: ${f.message}`), []);
    assert.equal(
      fixed,
      yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: big',
        '    resources:',
        '      requests:',
        '        cpu: "2"',
        '        memory: 4Gi',
        '        ephemeral-storage: 1Gi # kube-prod: seed default: the local disk the scheduler reserves, the limit as the API server would copy it',
        '      limits:',
        '        memory: 4Gi # kube-prod: the memory request: a limit may not be lower',
        '        cpu: "2" # kube-prod: the cpu request: a limit may not be lower',
        '        ephemeral-storage: 1Gi # kube-prod: seed default: set to the local disk (logs, emptyDir, writable layer) the container may use',
        '  - name: small',
        '    image: s:1',
        '    resources:',
        '      requests:',
        '        cpu: 250m # kube-prod: seed default: set to the CPU the container typically uses',
        '        memory: 256Mi # kube-prod: seed default: set to the memory the container typically uses',
        '        ephemeral-storage: 1Gi # kube-prod: seed default: the local disk the scheduler reserves, the limit as the API server would copy it',
        '      limits:',
        '        memory: 512Mi # kube-prod: seed default: set above the container\'s peak memory use',
        '        cpu: 500m # kube-prod: seed default: set to the most CPU the container may use',
        '        ephemeral-storage: 1Gi # kube-prod: seed default: set to the local disk (logs, emptyDir, writable layer) the container may use',
      ),
    );
  });
});
