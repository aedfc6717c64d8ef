import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { helmMapper, splitHelmOutput, sourceFileOf } from '../../../server/src/engine/build/helm';
import { TemplateAlignment, valuesReadBy } from '../../../server/src/engine/build/helmTemplate';

const TEMPLATE = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ include "app.fullname" . }}',
  '  labels:',
  '    {{- include "app.labels" . | nindent 4 }}',
  'spec:',
  '  {{- if not .Values.autoscaling.enabled }}',
  '  replicas: {{ .Values.replicaCount }}',
  '  {{- end }}',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  '          resources:',
  '            {{- toYaml .Values.resources | nindent 12 }}',
  '          {{- with .Values.securityContext }}',
  '          securityContext:',
  '            {{- toYaml . | nindent 12 }}',
  '          {{- end }}',
];

const RENDERED = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: release-app',
  '  labels:',
  '    app.kubernetes.io/name: app',
  '    app.kubernetes.io/instance: release',
  'spec:',
  '  replicas: 1',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: "nginx:1.27"',
  '          resources:',
  '            limits:',
  '              memory: 128Mi',
  '          securityContext:',
  '            runAsUser: 0',
];

describe('helm template output', () => {
  it('splits documents by `---` and names each one\'s template from its `# Source:` line', () => {
    const output = [
      '---',
      '# Source: app/templates/service.yaml',
      'apiVersion: v1',
      'kind: Service',
      '---',
      '# Source: app/templates/empty.yaml',
      '---',
      '# Source: app/charts/db/templates/statefulset.yaml',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      '',
    ].join('\n');
    const documents = splitHelmOutput(output);
    assert.deepEqual(
      documents.map((d) => [d.source, d.text]),
      [
        ['app/templates/service.yaml', 'apiVersion: v1\nkind: Service\n'],
        ['app/charts/db/templates/statefulset.yaml', 'apiVersion: apps/v1\nkind: StatefulSet\n'],
      ],
    );
    assert.equal(sourceFileOf('app/charts/db/templates/statefulset.yaml'), 'charts/db/templates/statefulset.yaml');
  });
});

describe('TemplateAlignment', () => {
  const alignment = new TemplateAlignment(TEMPLATE, RENDERED);
  const at = (renderedLine: string): { line: string; literal: boolean } | undefined => {
    const found = alignment.templateLineOf(RENDERED.indexOf(renderedLine));
    return found && { line: TEMPLATE[found.line].trim(), literal: found.literal };
  };

  it('matches literal lines to themselves', () => {
    assert.deepEqual(at('kind: Deployment'), { line: 'kind: Deployment', literal: true });
    assert.deepEqual(at('        - name: app'), { line: '- name: app', literal: true });
  });

  it('gives a computed line the template line that sets the same key', () => {
    assert.deepEqual(at('  replicas: 1'), { line: 'replicas: {{ .Values.replicaCount }}', literal: false });
    assert.deepEqual(at('          image: "nginx:1.27"'), { line: 'image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"', literal: false });
  });

  it('gives lines printed by an action the action that printed them, by the column it prints at', () => {
    assert.deepEqual(at('    app.kubernetes.io/instance: release'), { line: '{{- include "app.labels" . | nindent 4 }}', literal: false });
    assert.deepEqual(at('              memory: 128Mi'), { line: '{{- toYaml .Values.resources | nindent 12 }}', literal: false });
    assert.deepEqual(at('            runAsUser: 0'), { line: '{{- toYaml . | nindent 12 }}', literal: false });
  });
});

describe('valuesReadBy', () => {
  const line = (text: string): number => TEMPLATE.findIndex((l) => l.includes(text));

  it('reads `.Values` paths off the line', () => {
    assert.deepEqual(valuesReadBy(TEMPLATE, line('replicas:')), [['replicaCount']]);
    assert.deepEqual(valuesReadBy(TEMPLATE, line('image:')), [['image', 'repository'], ['image', 'tag']]);
    assert.deepEqual(valuesReadBy(TEMPLATE, line('toYaml .Values.resources')), [['resources']]);
  });

  it('resolves `.` inside `with .Values.x` to x', () => {
    assert.deepEqual(valuesReadBy(TEMPLATE, line('toYaml . |')), [['securityContext']]);
  });

  it('names nothing for lines that read no values', () => {
    assert.deepEqual(valuesReadBy(TEMPLATE, line('include "app.labels"')), []);
  });
});

describe('helm mapper: a template of several documents', () => {
  // An app and its Redis in one template (microservices-demo's cartservice.yaml): both documents
  // have `kind: Deployment`, `metadata:` and `labels:` lines.
  const template = [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Values.app.name }}',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: {{ .Values.app.name }}',
    '    spec:',
    '      containers:',
    '        - name: server',
    '          image: app:1',
    '---',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Values.redis.name }}',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: {{ .Values.redis.name }}',
    '    spec:',
    '      containers:',
    '        - name: redis',
    '          image: redis:7',
    '',
  ].join('\n');
  const rendered = (name: string, container: string, image: string): string =>
    ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', `  name: ${name}`, 'spec:', '  template:', '    metadata:', '      labels:', `        app: ${name}`, '    spec:', '      containers:', `        - name: ${container}`, `          image: ${image}`, ''].join('\n');
  const documents = [
    { source: 'chart/templates/app.yaml', text: rendered('cart', 'server', 'app:1') },
    { source: 'chart/templates/app.yaml', text: rendered('redis-cart', 'redis', 'redis:7') },
  ];
  const tree = { read: (path: string) => (path === '/chart/templates/app.yaml' ? template : undefined), isDirectory: () => false };
  const mapper = helmMapper('/chart', documents, [], tree);
  /** The template line (1-based) that rendered line `line` (1-based) of document `index` maps to. */
  const lineOf = (index: number, line: number): number | undefined => {
    const text = documents[index].text;
    const offset = text.split('\n').slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    const spot = mapper.map(index, parseDocument(text), [offset, offset + 1])?.spot;
    return spot && template.slice(0, spot.span[0]).split('\n').length;
  };

  it('maps each rendered document to its own document of the template, even on lines both have', () => {
    assert.deepEqual([lineOf(0, 2), lineOf(0, 8), lineOf(0, 12)], [2, 8, 12]);
    // The Redis Deployment's `kind:`, `labels:` and container lines are the second document's.
    assert.deepEqual([lineOf(1, 2), lineOf(1, 8), lineOf(1, 12)], [16, 22, 26]);
  });
});
