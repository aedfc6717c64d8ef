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

  it('adds after the last entry, not after comment lines and keys that follow at a lower indentation (fuzzer)', () => {
    const text = yaml('t:', '  spec:', '    containers:', '      env:', '  # a comment', '  next:', '    x: 1');
    const out = edit(text, (editor, read, root) => editor.merge(read.map(root, 't', 'spec')!, { topologySpreadConstraints: [{ maxSkew: 1 }] }));
    assert.equal(out, yaml('t:', '  spec:', '    containers:', '      env:', '    topologySpreadConstraints:', '    - maxSkew: 1', '  # a comment', '  next:', '    x: 1'));
  });

  it('keeps a block scalar whole: its # lines and its kept trailing blank lines are content', () => {
    const script = yaml('c:', '  command:', '  - |', '    echo start', '    # keep running', 'other: 1');
    const out = edit(script, (editor, read, root) => editor.merge(read.map(root, 'c')!, { resources: { limits: { cpu: '1' } } }));
    assert.equal(out, yaml('c:', '  command:', '  - |', '    echo start', '    # keep running', '  resources:', '    limits:', '      cpu: "1"', 'other: 1'));
    const kept = yaml('c:', '  note: |+', '    text', '', '', 'other: 1');
    const after = edit(kept, (editor, read, root) => editor.merge(read.map(root, 'c')!, { b: 1 }));
    assert.equal(after, yaml('c:', '  note: |+', '    text', '', '', '  b: 1', 'other: 1'));
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
    // Closed by `...`: the new document goes before the marker, so what follows it stays apart (the fuzzer's case).
    assert.equal(edit('a: 1\n...\n', (editor) => editor.appendDocument({ b: 2 })), 'a: 1\n---\nb: 2\n...\n');
    assert.equal(edit('a: 1\n... # end', (editor) => editor.appendDocument({ b: 2 })), 'a: 1\n---\nb: 2\n... # end');
  });

  it('quotes strings that need it', () => {
    const out = edit('m: {}\n', (editor, _read, root) => editor.merge(root, { m: { version: '1.0', star: '*', yes: 'true' } }));
    assert.equal(out, yaml('m:', '  version: "1.0"', '  star: "*"', '  yes: "true"'));
  });

  it('keeps values inside flow collections flow, placeholders without their comment', () => {
    const text = yaml('spec: {ttl: null, containers: [{name: a, lifecycle: {}}], n: 1}');
    const out = edit(text, (editor, read, root) => [
      ...editor.merge(read.map(root, 'spec')!, { ttl: new Placeholder(86400, 'a day'), n: new Placeholder(2, 'two') }),
      ...editor.merge(read.maps(root, 'spec', 'containers')[0], { lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } } }),
    ]);
    assert.equal(out, yaml('spec: {ttl: 86400, containers: [{name: a, lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}}], n: 2}'));
  });

  it('overrides a scalar inherited through << in the mapping itself, leaving the shared source alone', () => {
    const text = yaml('x: &d {policy: Allow, limits: {cpu: 1}}', 'spec:', '  <<: *d', '  a: 1');
    const out = edit(text, (editor, read, root) => editor.merge(read.map(root, 'spec')!, { policy: 'Forbid', limits: { memory: '1Gi' } }));
    assert.equal(out, yaml('x: &d {policy: Allow, limits: {cpu: 1}}', 'spec:', '  <<: *d', '  a: 1', '  policy: Forbid'));
    assert.equal(edit(out, (editor, read, root) => editor.merge(read.map(root, 'spec')!, { policy: 'Forbid' })), out);
  });
});

describe('YamlEditor.removePair', () => {
  const remove = (text: string, path: string[], key: string): string => edit(text, (editor, read, root) => editor.removePair(path.length ? read.map(root, ...path)! : root, key));

  it('deletes the whole line of a block entry with its trailing comment, keeping the comments around it', () => {
    const text = yaml('spec:', '  # three for HA', '  replicas: 3 # pinned', '', '  # the selector', '  selector: {}');
    assert.equal(remove(text, ['spec'], 'replicas'), yaml('spec:', '  # three for HA', '', '  # the selector', '  selector: {}'));
  });

  it('deletes every line of a multi-line value, CRLF kept', () => {
    const text = 'a: 1\r\nb:\r\n  c: 2\r\n  d: [x,\r\n    y]\r\ne: 3\r\n';
    assert.equal(remove(text, [], 'b'), 'a: 1\r\ne: 3\r\n');
  });

  it('deletes the last line of a text without a final line break together with the break before it', () => {
    assert.equal(remove('spec:\n  a: 1\n  replicas: 3', ['spec'], 'replicas'), 'spec:\n  a: 1');
    assert.equal(remove('a: 1\r\nb: 2', [], 'b'), 'a: 1');
  });

  it('moves the next entry up onto the dash line of a sequence item', () => {
    const text = yaml('items:', '- replicas: 3', '  name: a', '- name: b');
    assert.equal(edit(text, (editor, read, root) => editor.removePair(read.maps(root, 'items')[0], 'replicas')), yaml('items:', '- name: a', '- name: b'));
  });

  it('leaves {} for the only entry', () => {
    assert.equal(remove(yaml('spec:', '  replicas: 3', 'x: 1'), ['spec'], 'replicas'), yaml('spec:', '  {}', 'x: 1'));
    assert.equal(remove(yaml('spec: {replicas: 3}'), ['spec'], 'replicas'), yaml('spec: {}'));
  });

  it('deletes a flow entry with one comma, first, middle or last', () => {
    const text = yaml('spec: {replicas: 3, a: 1, b: 2}');
    assert.equal(remove(text, ['spec'], 'replicas'), yaml('spec: {a: 1, b: 2}'));
    assert.equal(remove(text, ['spec'], 'a'), yaml('spec: {replicas: 3, b: 2}'));
    assert.equal(remove(text, ['spec'], 'b'), yaml('spec: {replicas: 3, a: 1}'));
  });

  it('does not touch an entry inherited through <<, nor a missing one', () => {
    const text = yaml('x: &d {replicas: 3}', 'spec:', '  <<: *d', '  a: 1');
    assert.equal(remove(text, ['spec'], 'replicas'), text);
    assert.equal(remove(text, ['spec'], 'nothing'), text);
  });
});

describe('YamlEditor: merges that meet at one offset, pairs in flow mappings', () => {
  it('puts a nested mapping\'s new entries before those of the mapping it ends, in one edit', () => {
    const text = yaml('c:', '- name: a', '  securityContext:', '    capabilities:', '      add: [X]');
    let edits: TextEdit[] = [];
    const out = edit(text, (editor, read, root) => (edits = editor.merge(read.maps(root, 'c')[0], { securityContext: { capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } })));
    assert.equal(out, yaml('c:', '- name: a', '  securityContext:', '    capabilities:', '      add: [X]', '      drop:', '      - ALL', '    readOnlyRootFilesystem: true'));
    assert.equal(edits.length, 1);
  });

  it('replaces a pair of a flow mapping with flow entries', () => {
    const text = yaml('env: [{name: A, value: x}, {name: B, value: "y" }]');
    const out = edit(text, (editor, read, root) =>
      read.maps(root, 'env').flatMap((env) => editor.replacePair(read.pair(env, 'value')!, { valueFrom: { secretKeyRef: { name: new Placeholder('s', 'the Secret'), key: 'k' } } })),
    );
    assert.equal(out, yaml('env: [{name: A, valueFrom: {secretKeyRef: {name: s, key: k}}}, {name: B, valueFrom: {secretKeyRef: {name: s, key: k}} }]'));
  });
});
