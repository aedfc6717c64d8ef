import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from '../../../server/src/services/log';
import { DEFAULT_SETTINGS, normalizeSettings, SETTINGS_SECTION } from '../../../server/src/services/settings';
import { projectRoot } from '../../helpers/paths';

function recordingLog(): Log & { lines: string[] } {
  const seen = new Set<string>();
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
    once(key, _level, message) {
      if (!seen.has(key)) lines.push(message);
      seen.add(key);
    },
  };
}

const known = (id: string): boolean => ['liveness-probe-missing', 'privileged-container'].includes(id);

describe('normalizeSettings', () => {
  it('gives the defaults for nothing', () => {
    const log = recordingLog();
    assert.deepEqual(normalizeSettings(undefined, known, log), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings(null, known, log), DEFAULT_SETTINGS);
    assert.deepEqual(normalizeSettings({}, known, log), DEFAULT_SETTINGS);
    assert.deepEqual(log.lines, []);
  });

  it('keeps valid values', () => {
    const log = recordingLog();
    const raw = {
      enable: false,
      rules: { 'privileged-container': 'off' },
      exclude: ['a/**'],
      debounceMs: 40,
      maxFileSizeKb: 512,
      render: false,
      helmPath: '/opt/helm/bin/helm',
      kustomizePath: 'kubectl',
      helmValues: { 'charts/app': ['charts/app/ci/prod-values.yaml'] },
      renderTimeoutMs: 5000,
      maxProblemsPerFile: 50,
      kubernetesVersion: '1.30',
      schemaValidation: true,
      crdFolders: ['../crds'],
      inlayHints: false,
    };
    assert.deepEqual(normalizeSettings(raw, known, log), raw);
    // Off: both schema rules become off levels, unless the rules setting names one.
    const off = normalizeSettings({ schemaValidation: false, rules: { 'privileged-container': 'off' } }, () => true, log);
    assert.deepEqual(off.rules, { 'privileged-container': 'off', 'schema-violation': 'off', 'crd-schema-violation': 'off' });
    assert.equal(normalizeSettings({ schemaValidation: false, rules: { 'schema-violation': 'warning' } }, () => true, log).rules['schema-violation'], 'warning');
    assert.deepEqual(log.lines, []);
  });

  it('drops unknown rule ids and bad values, reporting each once', () => {
    const log = recordingLog();
    const raw = { enable: 'yes', rules: { 'no-such-rule': 'error', 'privileged-container': 'loud', 'liveness-probe-missing': 'info' }, exclude: 'a/**', debounceMs: -1, maxProblemsPerFile: 0.5, kubernetesVersion: 'v1.30', inlayHints: 'on' };
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(normalizeSettings(raw, known, log), { ...DEFAULT_SETTINGS, rules: { 'liveness-probe-missing': 'info' } });
    }
    assert.equal(log.lines.length, 8, log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('kubeProd.kubernetesVersion')));
    assert.ok(log.lines.some((l) => l.includes('kubeProd.inlayHints')));
    assert.ok(log.lines.some((l) => l.includes('unknown rule "no-such-rule"')));
    assert.ok(log.lines.some((l) => l.includes('kubeProd.rules.privileged-container')));
  });

  it('drops bad render settings, reporting each once', () => {
    const log = recordingLog();
    const raw = { render: 'yes', helmPath: 3, helmValues: { 'charts/app': 'values.yaml' }, renderTimeoutMs: 10 };
    assert.deepEqual(normalizeSettings(raw, known, log), DEFAULT_SETTINGS);
    assert.equal(log.lines.length, 4, log.lines.join('\n'));
    assert.ok(log.lines.some((l) => l.includes('kubeProd.helmValues.charts/app')));
  });

  it('caps the debounce delay', () => {
    assert.equal(normalizeSettings({ debounceMs: 1e9 }, known, recordingLog()).debounceMs, 10_000);
  });
});

describe('package.json contributes.configuration', () => {
  it('declares every setting the server reads, with the same default and a description', () => {
    const manifest = JSON.parse(readFileSync(join(projectRoot(__dirname), 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { default: unknown; description?: string; markdownDescription?: string }> } };
    };
    const properties = manifest.contributes.configuration.properties;
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      const property = properties[`${SETTINGS_SECTION}.${key}`];
      assert.ok(property, `${SETTINGS_SECTION}.${key} is contributed`);
      assert.deepEqual(property.default, value, `${SETTINGS_SECTION}.${key} default`);
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, `${SETTINGS_SECTION}.${key} is described`);
    }
  });
});
