import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import rule from '../../../server/src/rules/networking/service-selects-nothing';
import { yaml } from '../../helpers/ruleTester';

const deployment = (name: string, namespace: string, app: string): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: ${namespace}}`,
    'spec:',
    `  selector: {matchLabels: {app: ${app}}}`,
    '  template:',
    `    metadata: {labels: {app: ${app}}}`,
    '    spec: {containers: [{name: a, image: "a:1"}]}',
  );

const service = yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web, namespace: shop}', 'spec: {selector: {app: web}, ports: [{port: 80}]}');

describe('findings that name another namespace', () => {
  it('follow edits of that namespace, which do not touch their own', () => {
    const ws = new Workspace({ rules: [rule], config: resolveConfig([rule]) });
    const shop = 'file:///w/shop.yaml';
    const prod = 'file:///w/prod.yaml';
    ws.update(shop, `${deployment('api', 'shop', 'api')}---\n${service}`);
    ws.update(prod, deployment('web', 'shop-prod', 'web'));
    const messages = (): string[] => ws.findings(shop).map((f) => f.message);
    const hinted = 'Service "web" selects no pods: no workload in namespace "shop" has labels app=web; Deployment "web" in namespace "shop-prod" (prod.yaml) has these labels';
    assert.deepEqual(messages(), [hinted]);
    assert.deepEqual(messages(), [hinted], 'asked again without a change');

    ws.update(prod, deployment('web', 'shop-prod', 'other'));
    assert.deepEqual(messages(), ['Service "web" selects no pods: no workload in namespace "shop" has labels app=web']);

    ws.update(prod, deployment('web', 'shop-staging', 'web'));
    assert.deepEqual(messages(), [hinted.replace('shop-prod', 'shop-staging')]);
  });

  it('are asked for only when nothing matches at home', () => {
    const ws = new Workspace({ rules: [rule], config: resolveConfig([rule]) });
    ws.update('file:///w/shop.yaml', `${deployment('web', 'shop', 'web')}---\n${service}`);
    ws.update('file:///w/prod.yaml', deployment('web', 'shop-prod', 'web'));
    const before = ws.index.crossNamespaceReads;
    assert.deepEqual(ws.findings('file:///w/shop.yaml'), []);
    assert.equal(ws.index.crossNamespaceReads, before);
  });
});
