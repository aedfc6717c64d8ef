import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigValidationError, parseConfig, resolveConfig } from '../../../server/src/engine/config';
import { RULES } from '../../../server/src/rules';
import { yaml } from '../../helpers/ruleTester';

function errorsOf(text: string): string[] {
  try {
    parseConfig(text, '.kube-prod.yaml');
  } catch (error) {
    assert.ok(error instanceof ConfigValidationError);
    return error.message.split('\n');
  }
  assert.fail('expected the config to be rejected');
}

describe('config file', () => {
  it('accepts severities, off, and detailed settings', () => {
    const config = parseConfig(yaml('rules:', '  liveness-probe-missing: error', '  privileged-container: {severity: "off"}', 'defaultNamespace: apps'));
    const resolved = resolveConfig(RULES, config);
    assert.deepEqual(resolved.rules.get('liveness-probe-missing'), { enabled: true, severity: 'error', options: {} });
    assert.equal(resolved.rules.get('privileged-container')?.enabled, false);
    assert.equal(resolved.defaultNamespace, 'apps');
  });

  it('treats an empty file as no settings', () => {
    assert.deepEqual(parseConfig(''), {});
  });

  it('names an unknown rule with its line and column', () => {
    assert.deepEqual(errorsOf(yaml('rules:', '  livenes-probe-missing: warning')), ['.kube-prod.yaml:2:3: rules.livenes-probe-missing: unknown rule "livenes-probe-missing"']);
  });

  it('names a bad severity value', () => {
    const [first] = errorsOf(yaml('rules:', '  liveness-probe-missing: high'));
    assert.match(first, /^\.kube-prod\.yaml:2:3: rules\.liveness-probe-missing: must be one of "off", "info", "warning", "error"/);
  });

  it('names an unknown top-level key', () => {
    assert.deepEqual(errorsOf(yaml('rule: {}')), ['.kube-prod.yaml:1:1: rule: unknown key "rule"']);
  });

  it('reports YAML syntax errors instead of throwing something else', () => {
    const [first] = errorsOf('rules: [\n');
    assert.match(first, /^\.kube-prod\.yaml:\d+:\d+: YAML syntax error/);
  });

  it('takes kubernetesVersion as major.minor, 1.36 by default, and the editor setting over the file', () => {
    assert.equal(resolveConfig(RULES, {}).kubernetesVersion, '1.36');
    const config = parseConfig(yaml('kubernetesVersion: "1.30"'));
    assert.equal(resolveConfig(RULES, config).kubernetesVersion, '1.30');
    assert.equal(resolveConfig(RULES, config, {}, '1.28').kubernetesVersion, '1.28');
    const [first] = errorsOf(yaml('kubernetesVersion: v1.30'));
    assert.match(first, /^\.kube-prod\.yaml:1:\d+: kubernetesVersion: /);
  });

  it('turns both schema rules off with schemaValidation: false, unless a rule is named', () => {
    const off = resolveConfig(RULES, parseConfig(yaml('schemaValidation: false')));
    assert.equal(off.rules.get('schema-violation')?.enabled, false);
    assert.equal(off.rules.get('crd-schema-violation')?.enabled, false);
    const one = resolveConfig(RULES, parseConfig(yaml('schemaValidation: false', 'rules:', '  crd-schema-violation: warning')));
    assert.equal(one.rules.get('schema-violation')?.enabled, false);
    assert.deepEqual([one.rules.get('crd-schema-violation')?.enabled, one.rules.get('crd-schema-violation')?.severity], [true, 'warning']);
    assert.equal(resolveConfig(RULES, {}).rules.get('schema-violation')?.enabled, true);
  });

  it('lets editor overrides win over the config file', () => {
    const resolved = resolveConfig(RULES, { rules: { 'liveness-probe-missing': 'error' } }, { 'liveness-probe-missing': 'off' });
    assert.equal(resolved.rules.get('liveness-probe-missing')?.enabled, false);
  });
});
