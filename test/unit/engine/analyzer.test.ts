import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Analyzer, isTemplate } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import { ANY_KIND, type Rule } from '../../../server/src/engine/rule';
import liveness from '../../../server/src/rules/health-checks/liveness-probe-missing';
import privileged from '../../../server/src/rules/security/privileged-container';
import yamlSyntax from '../../../server/src/rules/api-versions/yaml-syntax';
import { yaml } from '../../helpers/ruleTester';

const RULES = [liveness, privileged, yamlSyntax];
const analyzer = (rules: readonly Rule[] = RULES, onRuleError?: (id: string, e: unknown) => void): Analyzer =>
  new Analyzer({ rules, config: resolveConfig(rules), onRuleError });

const pod = (name: string, extra: string[] = []): string =>
  yaml('apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}}`, 'spec:', '  containers:', '  - name: app', '    image: app:1', ...extra);

const summary = (a: Analyzer, text: string, key?: string): string[] =>
  a.analyze(text, key).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.ruleId} ${f.message}`);

describe('Analyzer', () => {
  it('checks every document of a multi-document file and maps ranges to file lines', () => {
    const text = `${pod('a')}---\n${pod('b')}`;
    assert.deepEqual(summary(analyzer(), text), [
      '6:5 liveness-probe-missing Pod "a", container "app": no livenessProbe',
      '14:5 liveness-probe-missing Pod "b", container "app": no livenessProbe',
    ]);
  });

  it('takes a lone carriage return for the line break it is in the editor: same documents, same lines, same findings', () => {
    const text = `${pod('a')}---\n${pod('b')}`;
    const expected = summary(analyzer(), text);
    assert.deepEqual(summary(analyzer(), text.replace(/\n/g, '\r')), expected);
    let mixed = 0;
    assert.deepEqual(summary(analyzer(), text.replace(/\n/g, () => ['\r', '\r\n', '\n'][mixed++ % 3])), expected);
  });

  it('reports a syntax error and still checks the other documents', () => {
    const broken = yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: broken', 'spec: {}');
    const text = `${pod('a')}---\n${broken}---\n${pod('c')}`;
    const findings = summary(analyzer(), text);
    assert.equal(findings.filter((f) => f.includes('yaml-syntax')).length > 0, true);
    assert.ok(findings.some((f) => f.includes('Pod "a"')));
    assert.ok(findings.some((f) => f.includes('Pod "c"')));
    assert.ok(!findings.some((f) => f.includes('broken')), 'a broken document gets no best-practice findings');
  });

  it('says nothing about non-Kubernetes YAML, even when it does not parse', () => {
    assert.deepEqual(summary(analyzer(), 'name: ci\non: [push\n'), []);
    assert.deepEqual(summary(analyzer(), 'kind: Kustomization\nresources: [a.yaml]\n'), []);
  });

  it('says nothing about Helm templates', () => {
    const template = yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: {{ .Values.name }}', 'spec:', '  containers:', '  - name: app', '    image: "{{ .Values.image }}"');
    assert.equal(isTemplate(template), true);
    const result = analyzer().analyze(template);
    assert.equal(result.template, true);
    assert.deepEqual(result.findings, []);
  });

  it('does not take alerting templates inside strings for Helm', () => {
    assert.equal(isTemplate('description: "{{ $labels.instance }} is down for {{ $value }}"\n'), false);
    assert.equal(isTemplate('description: PV {{ $labels.pvc }} {{ with $labels.cluster -}} on {{ . }} {{- end }} is full\n'), false);
    assert.equal(isTemplate('text: \'{{ define "slack.title" }}{{ template "x" . }}{{ end }}\'\n'), false);
  });

  it('re-parses only the documents whose text changed', () => {
    const a = analyzer();
    const before = a.analyze(`${pod('a')}---\n${pod('b')}---\n${pod('c')}`, 'file:///x.yaml');
    const after = a.analyze(`${pod('a')}---\n${pod('b2')}---\n# a new comment line\n${pod('c')}`, 'file:///x.yaml');
    assert.equal(after.documents[0].doc, before.documents[0].doc, 'unchanged first document reused');
    assert.notEqual(after.documents[1].doc, before.documents[1].doc, 'edited document re-parsed');
    assert.notEqual(after.documents[2].doc, before.documents[2].doc, 'a document whose own text changed is re-parsed');
    const unchangedTail = a.analyze(`${pod('a')}---\n${pod('b3')}---\n# a new comment line\n${pod('c')}`, 'file:///x.yaml');
    assert.equal(unchangedTail.documents[2].doc, after.documents[2].doc, 'a document that only moved is reused');
    assert.equal(unchangedTail.findings[2].range.start.line, 22, 'its findings are shifted to its new place');
  });

  it('reuses documents found by position, moved or duplicated, and always agrees with a fresh analysis', () => {
    const a = analyzer();
    // Every document opens with its marker, so that a moved document is the same text.
    const file = (...names: string[]): string => names.map((name) => `---\n${pod(name)}`).join('');
    const texts = [file('a', 'a', 'b'), file('a', 'a', 'b'), file('b', 'a', 'a'), file('b', 'a2', 'a'), `# top\n${file('b', 'a2', 'a', 'a')}`, file('a')];
    let last: ReturnType<Analyzer['analyze']> | undefined;
    for (const [i, text] of texts.entries()) {
      const result = a.analyze(text, 'file:///x.yaml');
      const fresh = analyzer().analyze(text);
      const place = (r: typeof result): unknown => r.findings.map((f) => `${f.range.start.line}:${f.ruleId}`);
      assert.deepEqual(place(result), place(fresh), `text ${i}: the same findings on the same lines as a fresh analysis`);
      assert.deepEqual(result.documents.map((d) => d.startLine), fresh.documents.map((d) => d.startLine), `text ${i}: documents placed`);
      if (i === 1) {
        // The same text again: every document is the very object of the last analysis.
        assert.ok(result.documents.every((d, j) => d === last!.documents[j]), 'unchanged text, unchanged documents');
      }
      if (i === 2) {
        assert.equal(result.documents[0].doc, last!.documents[2].doc, 'a document that moved up is reused');
        assert.notEqual(result.documents[1], result.documents[2], 'two copies of one text are placed apart');
      }
      last = result;
    }
  });

  it('keeps running the other rules when one throws, and says which one', () => {
    const errors: string[] = [];
    const broken: Rule = { meta: { ...privileged.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } };
    const a = analyzer([broken, liveness], (id) => errors.push(id));
    assert.equal(a.analyze(pod('a')).findings.length, 1);
    assert.deepEqual(errors, ['broken-rule']);
  });

  it('hands custom resources to ANY_KIND rules only, and built-in objects to both', () => {
    const kindOf = (id: string, kinds: readonly string[]): Rule => ({
      meta: { ...liveness.meta, id, kinds, options: {} },
      check: ({ object, report }) => report({ at: undefined, message: `${id} saw ${object.kind}` }),
    });
    const rules = [kindOf('any-kind', [ANY_KIND]), kindOf('pods', ['Pod'])];
    const crd = yaml('apiVersion: argoproj.io/v1alpha1', 'kind: Rollout', 'metadata: {name: r}');
    const service = yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s}');
    assert.deepEqual(summary(analyzer(rules), `${pod('a')}---\n${crd}---\n${service}---\nname: not-kubernetes\n`), [
      // One position: by rule id, the order the workspace gives too.
      '2:1 any-kind any-kind saw Pod',
      '2:1 pods pods saw Pod',
      '10:1 any-kind any-kind saw Rollout',
      '14:1 any-kind any-kind saw Service',
    ]);
    assert.deepEqual(summary(analyzer([kindOf('pods', ['Pod'])]), crd), []);
  });

  it('honours rules turned off and re-levelled by the config', () => {
    const config = resolveConfig(RULES, { rules: { 'liveness-probe-missing': 'error', 'privileged-container': 'off' } });
    const a = new Analyzer({ rules: RULES, config });
    const findings = a.analyze(pod('a', ['    securityContext: {privileged: true}'])).findings;
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity]), [['liveness-probe-missing', 'error']]);
  });
});

describe('suppression', () => {
  const privilegedPod = (lines: string[]): string => yaml(...lines);

  it('the ignore annotation silences the listed rules for that object only', () => {
    const text = `${yaml(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: a',
      '  annotations:',
      '    kube-prod.dev/ignore: "liveness-probe-missing, other-rule"',
      'spec:',
      '  containers:',
      '  - name: app',
      '    image: app:1',
      '    securityContext: {privileged: true}',
    )}---\n${pod('b')}`;
    assert.deepEqual(summary(analyzer(), text), [
      '11:23 privileged-container Pod "a", container "app": runs privileged',
      '18:5 liveness-probe-missing Pod "b", container "app": no livenessProbe',
    ]);
  });

  it('the ignore annotation with "*" silences every rule', () => {
    const text = yaml('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: a', '  annotations: {kube-prod.dev/ignore: "*"}', 'spec:', '  containers:', '  - name: app', '    image: a:1');
    assert.deepEqual(summary(analyzer(), text), []);
  });

  it('a comment above a container silences the listed rule inside that container only', () => {
    const text = privilegedPod([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: a}',
      'spec:',
      '  containers:',
      '  # kube-prod-ignore liveness-probe-missing -- probed by the mesh',
      '  - name: one',
      '    image: a:1',
      '    securityContext: {privileged: true}',
      '  - name: two',
      '    image: a:1',
    ]);
    assert.deepEqual(summary(analyzer(), text), [
      '9:23 privileged-container Pod "a", container "one": runs privileged',
      '10:5 liveness-probe-missing Pod "a", container "two": no livenessProbe',
    ]);
  });

  it('a comment above an entry silences only findings on that entry; without ids it silences all rules', () => {
    const text = privilegedPod([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: a}',
      'spec:',
      '  containers:',
      '  - name: one',
      '    image: a:1',
      '    securityContext:',
      '      # kube-prod-ignore',
      '      privileged: true',
    ]);
    assert.deepEqual(summary(analyzer(), text), ['6:5 liveness-probe-missing Pod "a", container "one": no livenessProbe']);
  });

  it('a trailing comment is not an ignore comment for the next line', () => {
    const text = privilegedPod([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: a}',
      'spec:',
      '  containers:',
      '  - image: a:1 # kube-prod-ignore privileged-container',
      '    name: one',
      '    securityContext: {privileged: true}',
      '    livenessProbe: {tcpSocket: {port: 1}}',
    ]);
    assert.deepEqual(summary(analyzer(), text), ['8:23 privileged-container Pod "a", container "one": runs privileged']);
  });

  it('withholds a single-object fix that would break the YAML or leave its finding: its edits are empty, the good fix beside it stays', () => {
    const withFix = (id: string, newText: string): Rule => ({
      meta: { ...liveness.meta, id, kinds: ['Pod'] },
      check: ({ object, report }) => report({ at: undefined, message: `${id} on ${object.name}`, fix: { title: id, edits: () => [{ start: 0, end: 0, newText }] } }),
    });
    const rules = [withFix('breaking', '{'), withFix('sticky', '# fixed?\n'), liveness];
    const findings = analyzer(rules).analyze(pod('p')).findings;
    const editsOf = (id: string): number => findings.find((f) => f.ruleId === id)!.fix!.edits().length;
    assert.equal(editsOf('breaking'), 0, 'a fix that breaks the YAML is not offered');
    assert.equal(editsOf('sticky'), 0, 'a fix that leaves its finding is not offered');
    assert.equal(editsOf('liveness-probe-missing'), 1);
  });
});

