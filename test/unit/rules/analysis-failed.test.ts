// analysis-failed: whatever goes wrong inside the analysis of one document is contained to it. The
// document gets one finding naming the problem; the file's other documents are analysed as usual.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, parseDocument, type Pair } from 'yaml';
import { Analyzer, blockDepthOver, flowDepthOver, strayFlowClosers } from '../../../server/src/engine/analyzer';
import { resolveConfig } from '../../../server/src/engine/config';
import { NodeReader } from '../../../server/src/engine/nodes';
import type { Rule } from '../../../server/src/engine/rule';
import analysisFailed from '../../../server/src/rules/api-versions/analysis-failed';
import imageTagLatest from '../../../server/src/rules/images/image-tag-latest';
import { RULES } from '../../../server/src/rules';
import { yaml } from '../../helpers/ruleTester';

const throwing: Rule = {
  meta: { ...imageTagLatest.meta, id: 'boom', kinds: ['Pod'] },
  check({ object }) {
    if (object.name === 'bad') throw new TypeError('cannot read properties of undefined');
  },
};
const recursing: Rule = {
  meta: { ...imageTagLatest.meta, id: 'deep', kinds: ['Pod'] },
  check({ object }) {
    const down = (n: number): number => down(n + 1) + 1;
    if (object.name === 'bad') down(0);
  },
};

const pod = (name: string): string => yaml('apiVersion: v1', 'kind: Pod', `metadata: {name: ${name}}`, 'spec:', '  containers:', '  - {name: app, image: "app:latest"}');
const TWO_PODS = `${pod('bad')}---\n${pod('good')}`;

function analyse(rules: Rule[], text: string, off = false, options?: Record<string, unknown>): Array<{ ruleId: string; line: number; message: string }> {
  const config = resolveConfig(rules, off ? { rules: { 'analysis-failed': 'off' } } : options ? { rules: { 'analysis-failed': { options } } } : {});
  const errors: string[] = [];
  const analyzer = new Analyzer({ rules, config, onRuleError: (id) => errors.push(id) });
  return analyzer.analyze(text).findings.map((f) => ({ ruleId: f.ruleId, line: f.range.start.line + 1, message: f.message }));
}

describe('rule analysis-failed', () => {
  it('a rule that throws: one finding on its document; the other rules and the other document as usual', () => {
    assert.deepEqual(analyse([analysisFailed, throwing, imageTagLatest], TWO_PODS), [
      { ruleId: 'analysis-failed', line: 2, message: 'kube-prod could not analyse this document: rule boom failed: cannot read properties of undefined' },
      { ruleId: 'image-tag-latest', line: 6, message: 'Pod "bad", container "app": image "app:latest" uses the latest tag' },
      { ruleId: 'image-tag-latest', line: 13, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
  });

  it('a rule that overflows the stack: said as such, on its document only', () => {
    assert.deepEqual(analyse([analysisFailed, recursing], TWO_PODS), [
      { ruleId: 'analysis-failed', line: 2, message: 'kube-prod could not analyse this document: rule deep failed: Maximum call stack size exceeded' },
    ]);
  });

  it('a failure outside the rules (reading the object overflows, as a merge key that includes itself once did): the document gets one finding, the next is analysed', (t) => {
    const original = NodeReader.prototype.pair;
    t.mock.method(NodeReader.prototype, 'pair', function (this: NodeReader, map: unknown, key: string): Pair<unknown, unknown> | undefined {
      if (isMap(map) && map.has('boom')) throw new RangeError('Maximum call stack size exceeded');
      return original.call(this, map, key);
    });
    const text = `${yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: bad, boom: 1}', 'spec:', '  containers:', '  - {name: app, image: "app:latest"}')}---\n${pod('good')}`;
    assert.deepEqual(analyse([analysisFailed, imageTagLatest], text), [
      { ruleId: 'analysis-failed', line: 1, message: 'kube-prod could not analyse this document: Maximum call stack size exceeded' },
      { ruleId: 'image-tag-latest', line: 13, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
  });

  it('turned off: no finding, and the failure is still contained', () => {
    assert.deepEqual(analyse([analysisFailed, throwing, imageTagLatest], TWO_PODS, true).map((f) => `${f.line} ${f.ruleId}`), ['6 image-tag-latest', '13 image-tag-latest']);
  });
});

describe('analysis budgets (options of analysis-failed)', () => {
  it('a document over maxDocumentBytes is not parsed; the one beside it is analysed', () => {
    const big = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: big}', `data: {blob: "${'x'.repeat(300)}"}`);
    assert.deepEqual(analyse([analysisFailed, imageTagLatest], `${big}---\n${pod('good')}`, false, { maxDocumentBytes: 200 }), [
      { ruleId: 'analysis-failed', line: 1, message: 'kube-prod could not analyse this document: stopped before parsing: the document is 370 bytes, over the 200 bytes budget (option maxDocumentBytes)' },
      { ruleId: 'image-tag-latest', line: 11, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
  });

  it('a document whose flow collections nest deeper than maxFlowDepth is not parsed (the fuzzer\'s unclosed `{a: {a: …`, seconds of parsing); the one beside it is analysed', () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: ${'{a: '.repeat(17_800)}\n`;
    assert.deepEqual(analyse([analysisFailed, imageTagLatest], `${deep}---\n${pod('good')}`), [
      { ruleId: 'analysis-failed', line: 1, message: 'kube-prod could not analyse this document: stopped before parsing: flow collections ({ or [) nested more than 200 deep (option maxFlowDepth)' },
      { ruleId: 'image-tag-latest', line: 11, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
    const nested = (depth: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: json}\ndata: {a: "${'['.repeat(depth)}${']'.repeat(depth)}"}\n`;
    assert.deepEqual(analyse([analysisFailed], nested(500), false, { maxFlowDepth: 10 }), [], 'brackets inside a quoted string do not count');
  });

  it('flowDepthOver counts nesting, not brackets: closed collections, quotes and comments', () => {
    assert.equal(flowDepthOver('a: [1, [2, [3]]]\nb: {c: [d]}', 3), false);
    assert.equal(flowDepthOver('a: [[[[1]]]]', 3), true);
    assert.equal(flowDepthOver(`a: ${'[x], '.repeat(500)}`, 3), false);
    assert.equal(flowDepthOver("a: '[[[[[[' # [[[[[[[\nb: 1", 3), false);
    assert.equal(flowDepthOver(`\ufeff# the pod template's labels\nlabels: ${'[{x: '.repeat(300)}`, 200), true, 'an apostrophe in a comment or a plain scalar opens no quote (fuzzer: 8 s of parsing)');
    assert.equal(flowDepthOver(`a: it's ${'['.repeat(10)}`, 3), true);
    assert.equal(flowDepthOver(`a: "x\\" [[[["\nb: 'it''s [[[['\nc: [1]`, 3), false, 'escaped quotes inside quoted scalars');
  });

  it('a document whose block collections nest deeper than maxBlockDepth is not parsed (the fuzzer\'s 950-level pod spec, analysed or not depending on the JIT); the one beside it is analysed', () => {
    const levels = Array.from({ length: 950 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`);
    const deep = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: deep}', 'spec:', ...levels, `${' '.repeat(952)}leaf`, ''].join('\n');
    assert.deepEqual(analyse([analysisFailed, imageTagLatest], `${deep}---\n${pod('good')}`), [
      { ruleId: 'analysis-failed', line: 1, message: 'kube-prod could not analyse this document: stopped before parsing: block collections nested more than 200 levels deep (option maxBlockDepth)' },
      { ruleId: 'image-tag-latest', line: 962, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
    assert.deepEqual(analyse([analysisFailed], deep, false, { maxBlockDepth: 1000 }), [], 'within a raised budget it is analysed');
  });

  it('a document with thousands of flow closers that close nothing is not parsed (the fuzzer\'s 36,779 `]`: 1.9 s of syntax errors); the one beside it is analysed', () => {
    const junk = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: junk}\ndata: ${']'.repeat(36_779)}\n`;
    assert.deepEqual(analyse([analysisFailed, imageTagLatest], `${junk}---\n${pod('good')}`), [
      { ruleId: 'analysis-failed', line: 1, message: 'kube-prod could not analyse this document: stopped before parsing: 36,779 flow closers (] or }) with no opener, each a syntax error the parser takes time over' },
      { ruleId: 'image-tag-latest', line: 11, message: 'Pod "good", container "app": image "app:latest" uses the latest tag' },
    ]);
    assert.equal(strayFlowClosers(`a: [${'[x], '.repeat(6000)}]\nb: "${']'.repeat(6000)}"`, 5000), 0, 'closers that close something, or sit in quotes, are not stray');
  });

  it('blockDepthOver counts levels of indentation, not lines or columns', () => {
    const ladder = (depth: number): string => Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n');
    assert.equal(blockDepthOver(ladder(5), 5), false);
    assert.equal(blockDepthOver(ladder(6), 5), true);
    assert.equal(blockDepthOver(`${ladder(4)}\n${ladder(4)}\n${ladder(4)}`, 5), false, 'levels closed again do not add up');
    assert.equal(blockDepthOver(`${Array.from({ length: 40 }, () => `${' '.repeat(30)}deep: x`).join('\n')}`, 5), false, 'one deep column is one level');
    assert.equal(blockDepthOver(`${ladder(4)}\n${Array.from({ length: 10 }, (_, i) => `${' '.repeat(20 + i)}# comment`).join('\n')}`, 5), false, 'comments do not count');
    assert.equal(blockDepthOver(`args:\n  ${'- '.repeat(6)}x`, 5), true, 'compact sequences nest on one line');
    assert.equal(blockDepthOver('args:\n- - x\n- - y\n- --flag', 5), false);
  });

  it('checks that take longer than maxDocumentMs stop, naming the rules that did not run', () => {
    const slow = (n: number): Rule => ({
      meta: { ...imageTagLatest.meta, id: `slow-${n}`, kinds: ['Pod'] },
      check() {
        const until = performance.now() + 5;
        while (performance.now() < until);
      },
    });
    const findings = analyse([analysisFailed, ...Array.from({ length: 9 }, (_, n) => slow(n + 1))], pod('slow'), false, { maxDocumentMs: 10 });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].ruleId, 'analysis-failed');
    assert.match(findings[0].message, /^kube-prod could not analyse this document: stopped after \d+ ms, over the 10 ms budget \(option maxDocumentMs\); not run: slow-9$/);
  });
});

describe('a merge key that includes its own mapping (issue 12)', () => {
  const SELF_MERGE = yaml('apiVersion: v1', 'kind: Pod', 'metadata: &m {name: x, <<: *m}', 'spec:', '  containers:', '  - {name: app, image: "app:latest"}');

  it('is read, not followed for ever: the object is named x, and every rule runs on it', () => {
    const analyzer = new Analyzer({ rules: RULES, config: resolveConfig(RULES), onRuleError: (id, error) => assert.fail(`${id}: ${String(error)}`) });
    const analysis = analyzer.analyze(SELF_MERGE);
    assert.equal(analysis.documents[0].facts?.name, 'x');
    assert.deepEqual(analysis.findings.filter((f) => f.ruleId === 'analysis-failed'), []);
    assert.ok(analysis.findings.some((f) => f.ruleId === 'image-tag-latest' && f.message.startsWith('Pod "x"')));
  });

  it('lists its keys once, and finds neither a missing key nor itself for ever', () => {
    const parsed = parseDocument(SELF_MERGE);
    const read = new NodeReader(parsed);
    const metadata = read.get(parsed.contents, 'metadata');
    assert.deepEqual(read.entries(metadata).map(([key]) => key), ['name']);
    assert.equal(read.string(metadata, 'name'), 'x');
    assert.equal(read.get(metadata, 'namespace'), undefined);
  });
});
