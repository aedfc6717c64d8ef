import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import { describeSelection, percentOf, requiredHealthy, selectedWorkloads } from '../../../server/src/engine/workspace/budget';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { hpa, pdb, workload } from '../../helpers/availabilityFixtures';

describe('PDB budget arithmetic', () => {
  it('reads whole percentages only', () => {
    assert.equal(percentOf('25%'), 25);
    assert.equal(percentOf('0%'), 0);
    assert.equal(percentOf(25), undefined);
    assert.equal(percentOf('2.5%'), undefined);
    assert.equal(percentOf('25'), undefined);
  });

  it('rounds percentages up as the disruption controller does', () => {
    assert.equal(requiredHealthy(2, 5), 2);
    assert.equal(requiredHealthy('50%', 3), 2);
    assert.equal(requiredHealthy('67%', 3), 3);
    assert.equal(requiredHealthy('50%', 1), 1);
    assert.equal(requiredHealthy('50%', 2), 1);
    assert.equal(requiredHealthy('many', 2), undefined);
  });
});

describe('selectedWorkloads', () => {
  const workspace = (files: Record<string, string>): Workspace => {
    const ws = new Workspace({ rules: [], config: resolveConfig([], {}) });
    for (const [file, text] of Object.entries(files)) ws.update(`file:///w/${file}`, text);
    return ws;
  };
  const budgetOf = (ws: Workspace) => ws.index.allOfKind('PodDisruptionBudget')[0];

  it('counts replicas, HPA minimums, and names them in order', () => {
    const ws = workspace({
      'a.yaml': workload({ name: 'web', replicas: 3, labels: 'app: web, tier: front' }),
      'b.yaml': workload({ kind: 'StatefulSet', name: 'api', labels: 'app: api, tier: front' }),
      'hpa.yaml': hpa({ target: 'api', targetKind: 'StatefulSet', minReplicas: 2, maxReplicas: 4 }),
      'pdb.yaml': pdb({ selector: '{matchLabels: {tier: front}}', minAvailable: 1 }),
    });
    const budget = budgetOf(ws);
    const { workloads, countable } = selectedWorkloads(ws.index, budget);
    assert.equal(countable, true);
    assert.deepEqual(
      workloads.map((w) => [w.resource.facts.name, w.replicas, w.hpas.length]),
      [
        ['web', 3, 0],
        ['api', 2, 1],
      ],
    );
    assert.equal(describeSelection(workloads, budget), 'Deployment "web" (a.yaml) with 3 replicas and StatefulSet "api" (b.yaml) with at least 2 replicas (5 in all)');
  });

  it('a DaemonSet makes the selection uncountable', () => {
    const ws = workspace({ 'ds.yaml': workload({ kind: 'DaemonSet', name: 'agent' }), 'pdb.yaml': pdb({ selector: '{matchLabels: {app: agent}}', minAvailable: 1 }) });
    const budget = budgetOf(ws);
    const selected = selectedWorkloads(ws.index, budget);
    assert.equal(selected.countable, false);
    assert.equal(describeSelection(selected.workloads, budget), 'DaemonSet "agent" (ds.yaml)');
  });

  it('names a few of many and counts the rest', () => {
    const ws = workspace({
      'apps.yaml': ['a', 'b', 'c', 'd', 'e'].map((name) => workload({ name, labels: `app: ${name}, team: x` })).join('---\n'),
      'pdb.yaml': pdb({ selector: '{matchLabels: {team: x}}', maxUnavailable: 0 }),
    });
    const budget = budgetOf(ws);
    assert.equal(
      describeSelection(selectedWorkloads(ws.index, budget).workloads, budget),
      'Deployment "a" (apps.yaml) with 1 replica, Deployment "b" (apps.yaml) with 1 replica, Deployment "c" (apps.yaml) with 1 replica and 2 more (5 in all)',
    );
  });
});
