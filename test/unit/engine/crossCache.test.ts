// The cross-resource findings cached per object follow every change they depend on, also when
// the index keeps the object itself (its document unchanged) and the change is elsewhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { RULES } from '../../../server/src/rules';
import { yaml } from '../../helpers/ruleTester';

const deployment = yaml(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: web, namespace: app}',
  'spec:',
  '  selector: {matchLabels: {app: web}}',
  '  template:',
  '    metadata: {labels: {app: web}}',
  '    spec:',
  '      containers: [{name: web, image: "web:1"}]',
);
const globalPolicy = yaml('apiVersion: crd.projectcalico.org/v1', 'kind: GlobalNetworkPolicy', 'metadata: {name: deny-all}', 'spec: {}');

const networkFindings = (workspace: Workspace, uri: string): string[] =>
  workspace.findings(uri).filter((f) => f.ruleId === 'workload-network-policy-missing').map((f) => f.message);

describe('cached cross-resource findings', () => {
  it('a cluster-wide policy added in another namespace of the same file silences the unchanged Deployment at once', () => {
    const workspace = new Workspace({ rules: RULES, config: resolveConfig(RULES) });
    workspace.update('file:///a.yaml', deployment, true);
    assert.equal(networkFindings(workspace, 'file:///a.yaml').length, 1);
    workspace.update('file:///a.yaml', `${deployment}---\n${globalPolicy}`, true);
    assert.deepEqual(networkFindings(workspace, 'file:///a.yaml'), [], 'a CNI-wide policy applies: nothing to say');
    workspace.update('file:///a.yaml', deployment, true);
    assert.equal(networkFindings(workspace, 'file:///a.yaml').length, 1, 'and the finding comes back when it goes');
  });

  it('also when the policy is in another file, and a memoised answer served the check', () => {
    const workspace = new Workspace({ rules: RULES, config: resolveConfig(RULES) });
    workspace.update('file:///a.yaml', deployment, true);
    workspace.update('file:///b.yaml', deployment.replace(/web/g, 'api'), true);
    assert.equal(networkFindings(workspace, 'file:///a.yaml').length, 1);
    assert.equal(networkFindings(workspace, 'file:///b.yaml').length, 1);
    workspace.update('file:///policy.yaml', globalPolicy, true);
    assert.deepEqual([...networkFindings(workspace, 'file:///a.yaml'), ...networkFindings(workspace, 'file:///b.yaml')], []);
  });
});
