import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { formatPath, isPrefix, locate, pathAt } from '../../../server/src/engine/build/yamlPath';
import { dedent } from '../../helpers/dedent';

const RENDERED = dedent`
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        containers:
          - name: sidecar
            image: envoy:1.30
          - name: web
            image: shop/web:1.4.2
            ports:
              - containerPort: 8080
`;

describe('yamlPath', () => {
  const doc = parseDocument(RENDERED);
  const offsetOf = (needle: string): number => RENDERED.indexOf(needle);

  it('names list items by their name: the key kustomize and Helm merge them by', () => {
    assert.equal(formatPath(pathAt(doc, offsetOf('shop/web'))), 'spec.template.spec.containers[web].image');
    assert.equal(formatPath(pathAt(doc, offsetOf('image: shop'))), 'spec.template.spec.containers[web].image');
    assert.equal(formatPath(pathAt(doc, offsetOf('8080'))), 'spec.template.spec.containers[web].ports[0].containerPort');
    assert.equal(formatPath(pathAt(doc, offsetOf('kind'))), 'kind');
  });

  it('finds the same field in another document by name, wherever the item sits', () => {
    const patchText = dedent`
      spec:
        template:
          spec:
            containers:
              - name: web
                image: shop/web:2.0.0
    `;
    const patch = parseDocument(patchText);
    const found = locate(patch, pathAt(doc, offsetOf('shop/web')))!;
    assert.equal(found.depth, 6);
    assert.equal(patchText.slice(found.span[0], found.span[1]), 'image');
  });

  it('stops at the deepest step that exists, and says how deep it got', () => {
    const base = parseDocument(dedent`
      kind: Deployment
      spec:
        template:
          spec:
            containers:
              - name: web
    `);
    const found = locate(base, pathAt(doc, offsetOf('8080')))!;
    assert.equal(found.depth, 5);
    assert.equal(locate(parseDocument('kind: Deployment\n'), ['spec', 'replicas'])!.depth, 0);
  });

  it('compares paths by name when both sides have one, by index otherwise', () => {
    assert.ok(isPrefix(['spec', 'containers', { index: 0 }], ['spec', 'containers', { index: 0, name: 'web' }, 'image']));
    assert.ok(!isPrefix(['spec', 'containers', { index: 1, name: 'a' }], ['spec', 'containers', { index: 1, name: 'b' }]));
    assert.ok(!isPrefix(['spec', 'replicas', 'x'], ['spec', 'replicas']));
  });
});
