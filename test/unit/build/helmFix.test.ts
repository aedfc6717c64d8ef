// Quick-fixes of findings on rendered charts, moved to where an edit is safe: literal template
// lines, or the values key a toYaml action printed whole; never an action.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import type { FileTree } from '../../../server/src/engine/build/tree';
import { changedPath, literalFix, valuesFix } from '../../../server/src/engine/build/helmFix';
import { TemplateAlignment } from '../../../server/src/engine/build/helmTemplate';
import { applyEdits } from '../../../server/src/engine/fix/yamlEdit';

const TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Release.Name }}-app',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            {{- toYaml .Values.resources | nindent 12 }}',
  '          {{- if .Values.debug }}',
  '          stdin: true',
  '          {{- end }}',
  '',
].join('\n');

const RENDERED = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-name-app',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '          ports:',
  '            - containerPort: 8080',
  '          resources:',
  '            requests:',
  '              cpu: 100m',
  '',
].join('\n');

const VALUES = '# Resources of the app container.\nresources:\n  requests:\n    cpu: 100m\n\ndebug: false\n';

const alignment = new TemplateAlignment(TEMPLATE.split('\n'), RENDERED.split('\n'));
const at = (needle: string, after = 0): number => RENDERED.indexOf(needle) + after;

describe('changedPath', () => {
  it('is the deepest path under which two values differ', () => {
    assert.deepEqual(changedPath({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 3 }] } }), ['a', 'b', 1, 'c']);
    // An added key: the mapping that gained it changed.
    assert.deepEqual(changedPath({ a: { b: 1 } }, { a: { b: 1, c: 2 } }), ['a']);
    assert.equal(changedPath({ a: 1 }, { a: 1 }), undefined);
  });
});

describe('literalFix: edits among literal template lines', () => {
  it('moves an insertion between two literal lines written one after the other', () => {
    // A readinessProbe after `image:`, before `ports:`: both literal, adjacent in the template.
    const insertAt = at('          ports:');
    const edits = [{ start: insertAt, end: insertAt, newText: '          readinessProbe:\n            tcpSocket: {port: 8080}\n' }];
    const moved = literalFix(alignment, TEMPLATE.split('\n'), RENDERED.split('\n'), edits);
    assert.ok(moved);
    assert.equal(applyEdits(TEMPLATE, moved), TEMPLATE.replace('          ports:', '          readinessProbe:\n            tcpSocket: {port: 8080}\n          ports:'));
  });

  it('refuses an edit next to a line an action printed', () => {
    // An edit of the requests toYaml printed: not literal.
    const edits = [{ start: at('cpu: 100m'), end: at('cpu: 100m', 9), newText: 'cpu: 250m' }];
    assert.equal(literalFix(alignment, TEMPLATE.split('\n'), RENDERED.split('\n'), edits), undefined);
    // An insertion after `resources:` borders the action's output.
    const after = at('            requests:');
    assert.equal(literalFix(alignment, TEMPLATE.split('\n'), RENDERED.split('\n'), [{ start: after, end: after, newText: '            limits: {}\n' }]), undefined);
  });

  it('at the end of the document, only when the template ends there too', () => {
    const rendered = ['kind: Pod', 'spec:', '  volumes:', '    - name: tmp', '      emptyDir: {}', ''];
    const text = rendered.join('\n');
    const append = [{ start: text.length, end: text.length, newText: '  automountServiceAccountToken: false\n' }];
    const ending = ['kind: Pod', 'spec:', '  volumes:', '    - name: tmp', '      emptyDir: {}', ''];
    assert.ok(literalFix(new TemplateAlignment(ending, rendered), ending, rendered, append));
    // The list goes on under other values: appending after `emptyDir: {}` would break it then.
    const continued = ['kind: Pod', 'spec:', '  volumes:', '    - name: tmp', '      emptyDir: {}', '    {{- if .Values.tls }}', '    - name: tls', '    {{- end }}', ''];
    assert.equal(literalFix(new TemplateAlignment(continued, rendered), continued, rendered, append), undefined);
  });

  it('refuses an edit of a line whose value the template computes', () => {
    const edits = [{ start: at('release-name-app'), end: at('release-name-app', 16), newText: 'web' }];
    assert.equal(literalFix(alignment, TEMPLATE.split('\n'), RENDERED.split('\n'), edits), undefined);
  });
});

describe('valuesFix: the values key a toYaml action printed', () => {
  const tree: FileTree = { read: (path) => (path === '/chart/values.yaml' ? VALUES : undefined), isDirectory: () => false };
  const context = { rendered: parseDocument(RENDERED), renderedLines: RENDERED.split('\n'), templateLines: TEMPLATE.split('\n'), alignment, valuesFiles: ['/chart/values.yaml'], tree };

  it('writes the changed value into the values file, keeping its comments and the rest', () => {
    const fixed = RENDERED.replace('              cpu: 100m\n', '              cpu: 100m\n            limits:\n              memory: 512Mi\n');
    const edit = valuesFix(context, fixed);
    assert.ok(edit);
    assert.equal(edit.file, '/chart/values.yaml');
    assert.equal(edit.key, 'resources');
    assert.equal(applyEdits(VALUES, edit.edits), '# Resources of the app container.\nresources:\n  requests:\n    cpu: 100m\n  limits:\n    memory: 512Mi\n\ndebug: false\n');
  });

  it('offers nothing when the change is outside the printed value', () => {
    assert.equal(valuesFix(context, RENDERED.replace('image: nginx:1.27', 'image: nginx:1.28')), undefined);
  });
});
