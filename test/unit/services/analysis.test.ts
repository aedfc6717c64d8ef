import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule } from '../../../server/src/engine/rule';
import liveness from '../../../server/src/rules/health-checks/liveness-probe-missing';
import privileged from '../../../server/src/rules/security/privileged-container';
import { AnalysisService } from '../../../server/src/services/analysis';
import { ConsoleLog } from '../../../server/src/services/log';
import { yaml } from '../../helpers/ruleTester';

const POD = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: a}', 'spec:', '  containers:', '  - name: app', '    image: app:1');

function setup(rules: Rule[]): { analysis: AnalysisService; errors: string[] } {
  const errors: string[] = [];
  const log = new ConsoleLog({ info: () => undefined, warn: () => undefined, error: (m: string) => errors.push(m) });
  return { analysis: new AnalysisService(rules, log), errors };
}

describe('AnalysisService', () => {
  it('logs a throwing rule once per rule id and keeps the other rules running', () => {
    const broken: Rule = { meta: { ...privileged.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } };
    const { analysis, errors } = setup([broken, liveness]);
    const config = { key: 'f#0', user: {} };
    for (const uri of ['file:///a.yaml', 'file:///b.yaml', 'file:///a.yaml']) {
      assert.deepEqual(analysis.analyze(uri, uri.includes('a.') ? POD : POD.replace('name: a', 'name: b'), config, {}).map((f) => f.ruleId), ['liveness-probe-missing']);
    }
    assert.equal(errors.length, 1);
    assert.match(errors[0], /broken-rule[\s\S]*boom/);
  });

  it('applies the config file, then the editor overrides', () => {
    const { analysis } = setup([liveness, privileged]);
    const text = POD.replace('    image: app:1\n', '    image: app:1\n    securityContext: {privileged: true}\n');
    const user = { rules: { 'liveness-probe-missing': 'off' as const } };
    const summary = (overrides: Record<string, 'off' | 'info' | 'warning' | 'error'>): string[] =>
      analysis.analyze('file:///p.yaml', text, { key: 'f#1', user }, overrides).map((f) => `${f.ruleId} ${f.severity}`);
    assert.deepEqual(summary({}), ['privileged-container error']);
    assert.deepEqual(summary({ 'privileged-container': 'info', 'liveness-probe-missing': 'warning' }), ['liveness-probe-missing warning', 'privileged-container info']);
  });
});
