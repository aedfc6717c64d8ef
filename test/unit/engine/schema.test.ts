import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { Analyzer } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import { objectOf } from '../../../server/src/engine/model';
import { NodeReader } from '../../../server/src/engine/nodes';
import { completionsAt } from '../../../server/src/engine/schema/complete';
import { instanceOf } from '../../../server/src/engine/schema/instance';
import { didYouMean } from '../../../server/src/engine/schema/suggest';
import { sharedSchemaValidator } from '../../../server/src/engine/schema/validate';
import cpuLimit from '../../../server/src/rules/resources/cpu-limit-missing';
import liveness from '../../../server/src/rules/health-checks/liveness-probe-missing';
import readiness from '../../../server/src/rules/health-checks/readiness-probe-missing';
import schemaViolation from '../../../server/src/rules/api-versions/schema-violation';
import { projectRoot } from '../../helpers/paths';
import { yaml } from '../../helpers/ruleTester';

/** instanceOf's mappings have no prototype (a `__proto__` key is data): compared as JSON. */
const plainJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const pod = (...containerLines: string[]): string => yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...containerLines);

describe('Kubernetes schema', () => {
  it('the committed schemas/kubernetes-1.36.json is what the generator derives from the vendored OpenAPI document', () => {
    execFileSync(process.execPath, [join(projectRoot(), 'scripts', 'generate-k8s-schema.mjs'), '--check'], { stdio: 'pipe' });
    // And a valid JSON Schema (the server skips this check at run time).
    const ajv = new Ajv({ strict: false });
    assert.equal(ajv.validateSchema(JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'kubernetes-1.36.json'), 'utf8')) as object), true, JSON.stringify(ajv.errors?.slice(0, 3)));
  });

  it('suggests the field that differs in case, else the one closest in spelling, and nothing on a tie', () => {
    const fields = ['livenessProbe', 'readinessProbe', 'resources', 'ports', 'name', 'image', 'imagePullPolicy'];
    assert.equal(didYouMean('livenessprobe', fields), 'livenessProbe');
    assert.equal(didYouMean('readinesProbe', fields), 'readinessProbe');
    assert.equal(didYouMean('resource', fields), 'resources');
    assert.equal(didYouMean('imgae', fields), 'image');
    assert.equal(didYouMean('volumeMounts', fields), undefined);
    assert.equal(didYouMean('nam', ['name', 'nap']), undefined, 'two fields one edit away: no guess');
  });

  it('reads what kubectl sends: merges and aliases resolved, null entries left out, alias bombs refused', () => {
    const doc = parseDocument(yaml('a: &x {b: 1, c: null}', 'd:', '  <<: *x', '  e: [*x, null]'));
    const object = objectOf(parseDocument(yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}')))!;
    assert.deepEqual(plainJson(instanceOf(object.reader, object.root)), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
    assert.deepEqual(plainJson(instanceOf(new NodeReader(doc), doc.contents)), { a: { b: 1 }, d: { b: 1, e: [{ b: 1 }, null] } });
    // Nine levels of ten aliases each: 10^9 nodes if expanded.
    const bomb = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) bomb.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const bombDoc = parseDocument(yaml(...bomb));
    assert.equal(instanceOf(new NodeReader(bombDoc), bombDoc.contents), undefined);
    const loop = parseDocument(yaml('a: &m {b: *m}'));
    assert.equal(instanceOf(new NodeReader(loop), loop.contents), undefined);
  });

  it('knows the built-in kinds of 1.36 and no custom resource', () => {
    const validator = sharedSchemaValidator();
    assert.equal(validator.knows('apps/v1', 'Deployment'), true);
    assert.equal(validator.knows('networking.k8s.io/v1', 'NetworkPolicy'), true);
    assert.equal(validator.knows('extensions/v1beta1', 'Deployment'), false);
    assert.equal(validator.knows('monitoring.coreos.com/v1', 'Prometheus'), false);
  });

  it('a misspelled field is reported once, by the schema check, not also as missing by a best-practice rule', () => {
    const rules = [schemaViolation, liveness, readiness, cpuLimit];
    const analyzer = new Analyzer({ rules, config: resolveConfig(rules) });
    const text = pod('  - name: web', '    image: nginx', '    livenessprobe: {tcpSocket: {port: 80}}', '    resources:', '      limit: {cpu: 1}');
    const found = analyzer.analyze(text).findings.map((f) => `${f.ruleId}: ${f.message}`);
    assert.deepEqual(found.sort(), [
      'readiness-probe-missing: Pod "p", container "web": no readinessProbe',
      'schema-violation: Unknown field `limit` in ResourceRequirements; did you mean `limits`?',
      'schema-violation: Unknown field `livenessprobe` in Container; did you mean `livenessProbe`?',
    ], 'no liveness-probe-missing nor cpu-limit-missing; a field that is really missing is still reported');
    // The schema finding silenced for the object: the best-practice rules say what they see.
    const ignored = text.replace('metadata: {name: p}', 'metadata: {name: p, annotations: {kube-prod.dev/ignore: schema-violation}}');
    const silenced = analyzer.analyze(ignored).findings.map((f) => f.ruleId);
    assert.ok(silenced.includes('liveness-probe-missing') && !silenced.includes('schema-violation'), silenced.join());
    // With the schema check off, the best-practice rules say what they see.
    const config = resolveConfig(rules, { rules: { 'schema-violation': 'off' } });
    const without = new Analyzer({ rules, config }).analyze(text).findings.map((f) => f.ruleId);
    assert.ok(without.includes('liveness-probe-missing') && without.includes('cpu-limit-missing'));
  });

  it('completes the fields of the mapping being typed, from the indentation (the text need not parse), and allowed values', () => {
    const text = yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      '  template:',
      '    spec:',
      '      restartPolicy: ',
      '      containers:',
      '      - name: web',
      '        image: nginx',
      '        liv',
      '      - ',
      '  rep',
    );
    const labels = (line: number, character: number): string[] => completionsAt(text, line, character).map((c) => c.label);
    const container = labels(10, 11);
    assert.ok(container.includes('livenessProbe') && container.includes('resources'), container.join());
    assert.ok(!container.includes('name') && !container.includes('image'), 'fields already written are not offered again');
    assert.deepEqual(labels(6, 21), ['Always', 'OnFailure', 'Never']);
    assert.equal(labels(11, 8)[0], 'name', 'a new list item: its required field first');
    assert.ok(labels(12, 5).includes('replicas') && !labels(12, 5).includes('template'));
    assert.deepEqual(completionsAt(yaml('apiVersion: example.com/v1', 'kind: Widget', 'spec:', '  '), 3, 2), [], 'no schema, no completion');
    // The top level: the keys written above and below are not offered again.
    const top = completionsAt(yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', '', 'spec: {}'), 3, 0).map((c) => c.label);
    assert.ok(!top.includes('metadata') && !top.includes('spec'), top.join());
    // A list whose dashes sit at the column of its key (`rules:` then `- apiGroups`).
    const role = yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata: {name: r}', 'rules:', '- apiGroups: [""]', '  ');
    assert.deepEqual(completionsAt(role, 5, 2).map((c) => c.label).slice(0, 2), ['verbs', 'nonResourceURLs']);
    // A sibling written below a deeper one is still a sibling.
    const below = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    ', '    livenessProbe:', '      tcpSocket: {port: 80}', '    image: x');
    const offered = completionsAt(below, 6, 4).map((c) => c.label);
    assert.ok(!offered.includes('image') && !offered.includes('livenessProbe') && offered.includes('ports'), offered.join());
  });
});
