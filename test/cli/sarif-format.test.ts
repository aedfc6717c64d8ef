import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv-draft-04';
import { RULES } from '../../server/src/rules';
import { FIXTURES, onlyRulesConfig, ROOT, runCli, STABLE_RULES } from '../helpers/cli';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    results: SarifResult[];
  }>;
}

const SCHEMA = join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
// unicodeRegExp: false because the schema's `language` pattern is not a valid /u regular expression.
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);

function sarif(args: string[], cwd: string): SarifLog {
  const result = runCli(['check', '--format', 'sarif', ...args], { cwd });
  assert.equal(result.stderr, '');
  const log = JSON.parse(result.stdout) as SarifLog;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  return log;
}

describe('kube-prod check: SARIF format', () => {
  const config = onlyRulesConfig(STABLE_RULES);
  const log = sarif(['--config', config, 'mixed'], FIXTURES);
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'info';
    assert.equal(validate(broken), false, 'the schema check is not vacuous');
  });

  it('describes kube-prod and only the enabled rules', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.equal(run.tool.driver.name, 'kube-prod');
    assert.equal(run.tool.driver.version, version);
    assert.match(run.tool.driver.informationUri, /^https:\/\//);
    const expected = RULES.filter((rule) => (STABLE_RULES as readonly string[]).includes(rule.meta.id)).map((rule) => rule.meta.id);
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), expected);
    const privileged = run.tool.driver.rules.find((rule) => rule.id === 'privileged-container')!;
    const meta = RULES.find((rule) => rule.meta.id === 'privileged-container')!.meta;
    assert.equal(privileged.name, 'PrivilegedContainer');
    assert.equal(privileged.shortDescription.text, meta.description);
    assert.equal(privileged.helpUri, meta.docsUrl);
    assert.ok(privileged.help.text.includes(meta.remediation));
    assert.ok(privileged.help.markdown.includes(meta.docsUrl));
    assert.equal(privileged.defaultConfiguration.level, 'error');
    assert.deepEqual(privileged.properties.tags, ['security']);
    assert.equal(run.tool.driver.rules.find((rule) => rule.id === 'liveness-probe-missing')!.defaultConfiguration.level, 'warning');
  });

  it('points each result at its rule and at a 1-based region of a relative path', () => {
    assert.equal(run.results.length, 3);
    for (const result of run.results) assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const privileged = run.results.find((r) => r.ruleId === 'privileged-container')!;
    assert.equal(privileged.level, 'error');
    assert.equal(privileged.message.text, 'Deployment "web", container "proxy": runs privileged');
    assert.deepEqual(privileged.locations[0].physicalLocation, {
      artifactLocation: { uri: 'mixed/workload.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 20, startColumn: 13, endLine: 20, endColumn: 29 },
    });
    assert.equal(run.results.find((r) => r.ruleId === 'liveness-probe-missing')!.level, 'warning');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(FIXTURES).href}/`);
  });

  it('maps info to note and leaves out disabled rules', () => {
    const infoConfig = onlyRulesConfig(['liveness-probe-missing'], { 'liveness-probe-missing': 'info' });
    const info = sarif(['--config', infoConfig, 'warning'], FIXTURES).runs[0];
    assert.deepEqual(info.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]), [['liveness-probe-missing', 'note']]);
    assert.deepEqual(info.results.map((r) => [r.ruleId, r.ruleIndex, r.level]), [['liveness-probe-missing', 0, 'note']]);
  });

  it('is valid SARIF for a clean run and for standard input', () => {
    assert.deepEqual(sarif(['--config', config, 'clean'], FIXTURES).runs[0].results, []);
    const stdin = runCli(['check', '--format', 'sarif', '--config', config, '-'], { input: readFileSync(join(FIXTURES, 'mixed', 'workload.yaml'), 'utf8') });
    const stdinLog = JSON.parse(stdin.stdout) as SarifLog;
    assert.ok(validate(stdinLog));
    assert.equal(stdinLog.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, '%3Cstdin%3E');
  });
});
