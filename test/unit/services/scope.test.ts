import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { globToRegExp, isChecklistFileName, isConfigFileName, isExcluded, isYamlDocument, matchPath } from '../../../server/src/services/scope';

describe('scope', () => {
  it('takes YAML by language id or by extension', () => {
    assert.equal(isYamlDocument('file:///w/a.yaml', 'plaintext'), true);
    assert.equal(isYamlDocument('file:///w/a.YML', 'helm'), true);
    assert.equal(isYamlDocument('untitled:Untitled-1', 'yaml'), true);
    assert.equal(isYamlDocument('file:///w/a.json', 'json'), false);
    assert.equal(isYamlDocument('file:///w/yaml.txt', 'plaintext'), false);
  });

  it('knows its own files by name: the config and the manual checklist', () => {
    assert.equal(isConfigFileName('file:///w/.kube-prod.yaml'), true);
    assert.equal(isConfigFileName('file:///w/sub/.kube-prod.yaml'), true);
    assert.equal(isConfigFileName('file:///w/kube-prod.yaml'), false);
    assert.equal(isConfigFileName('file:///w/.kube-prod-checklist.yaml'), true);
    assert.equal(isChecklistFileName('file:///w/.kube-prod-checklist.yaml'), true);
    assert.equal(isChecklistFileName('file:///w/.kube-prod.yaml'), false);
  });

  it('matches exclude patterns against the path relative to the folder, decoded', () => {
    const folder = { uri: 'file:///w/my%20repo', name: 'my repo' };
    assert.equal(matchPath('file:///w/my%20repo/charts/x%20y.yaml', folder), 'charts/x y.yaml');
    assert.equal(matchPath('file:///elsewhere/a.yaml', undefined), 'elsewhere/a.yaml');
    assert.equal(matchPath('untitled:Untitled-1', undefined), 'Untitled-1');
  });

  const cases: Array<[pattern: string, path: string, excluded: boolean]> = [
    ['generated/**', 'generated/a/b.yaml', true],
    ['generated/**', 'src/generated/b.yaml', false],
    ['generated', 'generated/b.yaml', true],
    ['**/generated/**', 'src/generated/b.yaml', true],
    ['**/*.tmpl.yaml', 'a.tmpl.yaml', true],
    ['**/*.tmpl.yaml', 'x/y/a.tmpl.yaml', true],
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'x/a.yaml', false],
    ['**/kustomize/{base,overlays}/**', 'deploy/kustomize/overlays/prod/a.yaml', true],
    ['**/kustomize/{base,overlays}/**', 'deploy/kustomize/other/a.yaml', false],
    ['test-?.yaml', 'test-1.yaml', true],
    ['test-?.yaml', 'test-12.yaml', false],
    ['[!a]*.yaml', 'b.yaml', true],
    ['[!a]*.yaml', 'a.yaml', false],
    ['./local/*.yaml', 'local/a.yaml', true],
    ['/rooted/*.yaml', 'rooted/a.yaml', true],
    ['a+b (1).yaml', 'a+b (1).yaml', true],
    ['a.yaml', 'aXyaml', false],
  ];
  for (const [pattern, path, excluded] of cases) {
    it(`${excluded ? 'excludes' : 'keeps'} ${path} for ${pattern}`, () => {
      assert.equal(isExcluded(path, [pattern]), excluded, String(globToRegExp(pattern)));
    });
  }
});
