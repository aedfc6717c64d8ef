import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitHelmOutput, sourceFileOf } from '../../../server/src/engine/build/helm';
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
