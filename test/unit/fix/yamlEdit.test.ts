import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, parseDocument, type YAMLMap } from 'yaml';
import { applyEdits, detectStyle, Placeholder, YamlEditor, type TextEdit } from '../../../server/src/engine/fix/yamlEdit';
import { NodeReader } from '../../../server/src/engine/nodes';
import { yaml } from '../../helpers/ruleTester';

function edit(text: string, change: (editor: YamlEditor, read: NodeReader, root: YAMLMap) => TextEdit[]): string {
  const doc = parseDocument(text);
  const read = new NodeReader(doc);
  const out = applyEdits(text, change(new YamlEditor(text, read), read, doc.contents as YAMLMap));
  assert.deepEqual(parseAllDocuments(out).flatMap((d) => d.errors), [], `the result parses:\n${out}`);
  return out;
}

describe('detectStyle', () => {
  it('reads 2-space, non-indented sequences, LF', () => {
    assert.deepEqual(detectStyle(yaml('a:', '  b:', '  - c: 1', '    d: 2')), { indent: 2, indentSequences: false, eol: '\n' });
  });
  it('reads 4-space, indented sequences, CRLF', () => {
    assert.deepEqual(detectStyle('a:\r\n    b:\r\n        - c\r\n'), { indent: 4, indentSequences: true, eol: '\r\n' });
  });
});

describe('YamlEditor', () => {
  const deployment = yaml(
    'spec:',
    '  containers:',
    '  - name: web # the app',
    '    image: nginx:1.27',
    '',
    '    # a comment after the container',
    '  - name: sidecar',
    '    image: s:1',
  );

  it('adds a nested block after the last entry of a container, keeping comments and blank lines', () => {
    const out = edit(deployment, (editor, read, root) =>
      editor.merge(read.maps(root, 'spec', 'containers')[0], { readinessProbe: { httpGet: { path: new Placeholder('/ready', 'your readiness endpoint'), port: 8080 } } }),
    );
    assert.equal(
      out,
      yaml(
        'spec:',
        '  containers:',
        '  - name: web # the app',
        '    image: nginx:1.27',
        '    readinessProbe:',
        '      httpGet:',
        '        path: /ready # kube-prod: your readiness endpoint',
        '        port: 8080',
        '',
        '    # a comment after the container',
        '  - name: sidecar',
        '    image: s:1',
      ),
    );
  });

  it('merges into an existing partial mapping instead of adding a duplicate key', () => {
    const text = yaml('securityContext:', '  runAsUser: 0 # was root', '  fsGroup: 2000');
    const out = edit(text, (editor, _read, root) => editor.merge(root, { securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 2000 } }));
    assert.equal(out, yaml('securityContext:', '  runAsUser: 1000 # was root', '  fsGroup: 2000', '  runAsNonRoot: true'));
  });

  it('follows 4-space indentation, indented sequences and CRLF', () => {
    const text = 'c:\r\n    - name: web\r\n      image: a:1\r\n';
    const out = edit(text, (editor, read, root) => editor.merge(read.maps(root, 'c')[0], { securityContext: { capabilities: { drop: ['ALL'] } } }));
    assert.equal(out, 'c:\r\n    - name: web\r\n      image: a:1\r\n      securityContext:\r\n          capabilities:\r\n              drop:\r\n                  - ALL\r\n');
  });

  it('extends flow mappings and flow sequences in flow style', () => {
    const text = yaml('sc: {privileged: false, capabilities: {drop: [NET_RAW]}}');
    const out = edit(text, (editor, read, root) => editor.merge(read.map(root, 'sc')!, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } }));
    assert.equal(out, yaml('sc: {privileged: false, capabilities: {drop: [NET_RAW, ALL]}, allowPrivilegeEscalation: false}'));
  });

  it('turns an empty flow mapping or a null value into a block', () => {
    const text = yaml('metadata:', '  labels: {}', '  annotations:', 'spec: {}');
    const out = edit(text, (editor, _read, root) => editor.merge(root, { metadata: { labels: { app: 'x' }, annotations: { a: 'b' } } }));
    assert.equal(out, yaml('metadata:', '  labels:', '    app: x', '  annotations:', '    a: b', 'spec: {}'));
  });

  it('changes nothing when the value is already there (idempotent)', () => {
    const text = yaml('a:', '  b: true', '  c: [ALL]');
    const out = edit(text, (editor, _read, root) => editor.merge(root, { a: { b: true, c: ['all'] } }));
    assert.equal(out, text);
  });

  it('replaces a key-value entry by other entries in place', () => {
    const text = yaml('env:', '- name: DB_PASSWORD', '  value: hunter2', '- name: X', '  value: y');
    const out = edit(text, (editor, read, root) => editor.replacePair(read.pair(read.maps(root, 'env')[0], 'value')!, { valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }));
    assert.equal(out, yaml('env:', '- name: DB_PASSWORD', '  valueFrom:', '    secretKeyRef:', '      name: db', '      key: password', '- name: X', '  value: y'));
  });

  it('appends a document, with or without a final line break', () => {
    assert.equal(edit('a: 1\n', (editor) => editor.appendDocument({ b: 2 })), 'a: 1\n---\nb: 2\n');
    assert.equal(edit('a: 1', (editor) => editor.appendDocument({ b: 2 })), 'a: 1\n---\nb: 2');
  });

  it('quotes strings that need it', () => {
    const out = edit('m: {}\n', (editor, _read, root) => editor.merge(root, { m: { version: '1.0', star: '*', yes: 'true' } }));
    assert.equal(out, yaml('m:', '  version: "1.0"', '  star: "*"', '  yes: "true"'));
  });
});
