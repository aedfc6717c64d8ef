// The navigation engine over a small workspace: the links each object's facts keep, and what
// definition, references, rename and the inlay hints make of them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveConfig } from '../../../server/src/engine/config';
import { definitionAt } from '../../../server/src/engine/navigation/definition';
import { relationHints } from '../../../server/src/engine/navigation/hints';
import { referencesAt } from '../../../server/src/engine/navigation/references';
import { renameAt, renameTargetAt } from '../../../server/src/engine/navigation/rename';
import type { Range } from '../../../server/src/engine/types';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { yaml } from '../../helpers/ruleTester';

const uriOf = (file: string): string => `file:///w/${file}`;

/** A workspace of open files, and helpers that find a needle's place in a file. */
function workspaceOf(files: Record<string, string>) {
  const workspace = new Workspace({ rules: [], config: resolveConfig([], {}) });
  for (const [file, text] of Object.entries(files)) workspace.update(uriOf(file), text, true);
  /** The `nth` line holding `needle` in the file, and the column `offset` characters into it. */
  const at = (file: string, needle: string, offset = 1, nth = 1) => {
    const lines = files[file].split('\n');
    let seen = 0;
    const line = lines.findIndex((l) => l.includes(needle) && ++seen === nth);
    assert.ok(line >= 0, `${needle} not in ${file}`);
    const document = workspace.openDocumentAt(uriOf(file), line)!;
    return { document, startLine: document.startLine, position: { line: line - document.startLine, character: lines[line].indexOf(needle) + offset } };
  };
  /** `file:line:text` of a place, its range's text on its line. */
  const show = (place: { uri: string; range: Range }): string => {
    const file = place.uri.slice(uriOf('').length);
    const line = files[file].split('\n')[place.range.start.line];
    return `${file}:${place.range.start.line + 1}:${line.slice(place.range.start.character, place.range.end.line === place.range.start.line ? place.range.end.character : undefined)}`;
  };
  const definition = (file: string, needle: string, offset = 1, nth = 1): string[] => {
    const { document, position } = at(file, needle, offset, nth);
    return definitionAt(workspace.index, uriOf(file), document, document.lines.offsetAt(position)).map(show);
  };
  const references = (file: string, needle: string, offset = 1, nth = 1, includeDeclaration = true): string[] => {
    const { startLine, position } = at(file, needle, offset, nth);
    return referencesAt(workspace.index, uriOf(file), startLine, position, includeDeclaration).map(show);
  };
  return { workspace, at, show, definition, references };
}

const app = yaml(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api',
  'spec:',
  '  replicas: 3',
  '  selector:',
  '    matchLabels: {app: api}',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: api',
  '        tier: "backend"',
  '    spec:',
  '      serviceAccountName: api',
  '      containers:',
  '        - name: api',
  '          image: api:1',
  '          ports:',
  '            - name: http',
  '              containerPort: 8080',
  '          envFrom:',
  '            - configMapRef: {name: settings, optional: true}',
  '          env:',
  '            - name: TOKEN',
  '              valueFrom:',
  '                secretKeyRef: {name: "tokens", key: api-token}',
  '      volumes:',
  '        - name: certs',
  '          projected:',
  '            sources:',
  '              - secret:',
  '                  name: tls',
  '                  items: [{key: tls.crt, path: cert}]',
  '        - name: config',
  '          configMap:',
  '            name: settings',
  '            items:',
  '              - key: app.properties',
  '                path: app.properties',
);

const others = yaml(
  'apiVersion: v1',
  'kind: Service',
  'metadata: {name: api}',
  'spec:',
  '  selector: {app: api}',
  '  ports: [{name: web, port: 80, targetPort: http}]',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: from-web}',
  'spec:',
  '  podSelector: {matchLabels: {tier: backend}}',
  '  ingress:',
  '    - from:',
  '        - podSelector: {matchLabels: {app: api}}',
  '        - namespaceSelector: {}',
  '          podSelector: {matchLabels: {app: api}}',
  '---',
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata: {name: web}',
  'spec:',
  '  rules:',
  '    - http:',
  '        paths:',
  '          - path: /',
  '            pathType: Prefix',
  '            backend: {service: {name: api, port: {name: web}}}',
  '---',
  'apiVersion: autoscaling/v2',
  'kind: HorizontalPodAutoscaler',
  'metadata: {name: api}',
  'spec:',
  '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}',
  '  minReplicas: 2',
  '  maxReplicas: 6',
  '---',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata: {name: settings}',
  'data:',
  '  app.properties: "x=1"',
  '---',
  'apiVersion: v1',
  'kind: Secret',
  'metadata: {name: tokens}',
  'stringData: {api-token: t}',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: RoleBinding',
  'metadata: {name: api}',
  'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}',
  'subjects: [{kind: ServiceAccount, name: api}]',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: ClusterRole',
  'metadata: {name: reader}',
  'rules: []',
);

describe('navigation: links kept in the facts', () => {
  it('keeps every field naming an object, with the range of the name inside its quotes, its keys and optional', () => {
    const { workspace } = workspaceOf({ 'app.yaml': app });
    const [deployment] = workspace.index.file(uriOf('app.yaml'))!.resources;
    const references = deployment.facts.references!.map((r) => `${r.kind}/${r.name} ${r.field}${r.optional ? ' optional' : ''} [${r.keys.map((k) => k.value).join()}] ${r.at.start.line}:${r.at.start.character}-${r.at.end.character}`);
    assert.deepEqual(references, [
      'Secret/tokens secretKeyRef [api-token] 26:38-44',
      'ConfigMap/settings configMapRef optional [] 22:35-43',
      'Secret/tls volume "certs" [tls.crt] 32:24-27',
      'ConfigMap/settings volume "config" [app.properties] 36:18-26',
      'ServiceAccount/api serviceAccountName [] 14:26-29',
    ]);
    const sites = deployment.facts.labelSites!.map((s) => `${s.role} ${s.key}=${s.value} ${s.valueAt.start.line}:${s.valueAt.start.character}-${s.valueAt.end.character}`);
    assert.deepEqual(sites, ['pod app=api 11:13-16', 'pod tier=backend 12:15-22', 'selector app=api 7:23-26']);
  });
});

describe('navigation: definition', () => {
  const files = { 'app.yaml': app, 'others.yaml': others };

  it('goes from references, keys and ports to what they name', () => {
    const { definition } = workspaceOf(files);
    assert.deepEqual(definition('app.yaml', 'name: "tokens"', 8), ['others.yaml:45:kind: Secret']);
    assert.deepEqual(definition('app.yaml', 'key: api-token', 6), ['others.yaml:47:api-token']);
    assert.deepEqual(definition('app.yaml', 'key: app.properties', 6), ['others.yaml:42:app.properties']);
    // tls is no Secret of the workspace: nowhere to go.
    assert.deepEqual(definition('app.yaml', 'name: tls', 7), []);
    // The Service's targetPort: http, to the container port named http.
    assert.deepEqual(definition('others.yaml', 'targetPort: http', 13), ['app.yaml:20:name: http']);
    // The Ingress backend's port name, to the Service's port of that name; its Service name, to the Service.
    assert.deepEqual(definition('others.yaml', 'name: web}}}', 7), ['others.yaml:6:name: web']);
    assert.deepEqual(definition('others.yaml', 'name: api, port', 7), ['others.yaml:2:kind: Service']);
    // The HPA's target, and a roleRef to a cluster-scoped ClusterRole from a namespaced binding.
    assert.deepEqual(definition('others.yaml', 'name: api}', 7, 3), ['app.yaml:2:kind: Deployment']);
    assert.deepEqual(definition('others.yaml', 'name: reader}', 7), ['others.yaml:56:kind: ClusterRole']);
  });

  it('goes from a selector to the pod labels it selects: a NetworkPolicy\'s own and its peers of the namespace, not those of other namespaces', () => {
    const { definition } = workspaceOf(files);
    assert.deepEqual(definition('others.yaml', 'tier: backend', 8), ['app.yaml:11:labels']);
    assert.deepEqual(definition('others.yaml', 'podSelector: {matchLabels: {app: api}}', 2, 1), ['app.yaml:11:labels']);
    assert.deepEqual(definition('others.yaml', 'podSelector: {matchLabels: {app: api}}', 2, 2), []);
  });
});

describe('navigation: references, rename and hints', () => {
  const files = { 'app.yaml': app, 'others.yaml': others };

  it('lists what points at the Deployment: the Service and NetworkPolicy selecting it, the HPA scaling it', () => {
    const { references } = workspaceOf(files);
    assert.deepEqual(references('app.yaml', 'name: api', 7), ['app.yaml:4:api', 'others.yaml:5:selector', 'others.yaml:12:podSelector', 'others.yaml:34:api']);
    // The Service: the Ingress backend naming it.
    assert.deepEqual(references('others.yaml', 'kind: Service', 1, 1, false), ['others.yaml:28:api']);
    // The ConfigMap: both fields naming it, the optional one included.
    assert.deepEqual(references('others.yaml', 'name: settings', 7, 1, false), ['app.yaml:23:settings', 'app.yaml:37:settings']);
  });

  it('renames an object with the fields naming it, and a label in every entry of its namespace', () => {
    const { workspace, at, show } = workspaceOf(files);
    const texts = (uri: string): string => ({ [uriOf('app.yaml')]: app, [uriOf('others.yaml')]: others })[uri];
    const place = at('others.yaml', 'name: settings', 7);
    assert.deepEqual(renameTargetAt(workspace.index, uriOf('others.yaml'), place.startLine, place.position), { range: { start: { line: 3, character: 17 }, end: { line: 3, character: 25 } }, placeholder: 'settings', what: 'object' });
    const object = renameAt(workspace.index, uriOf('others.yaml'), place.startLine, place.position, 'app-settings', texts);
    assert.ok('edits' in object);
    assert.deepEqual(object.edits.map((e) => `${show(e)}->${e.newText}`), ['app.yaml:23:settings->app-settings', 'app.yaml:37:settings->app-settings', 'others.yaml:40:settings->app-settings']);
    // tier: "backend" is quoted: the new value goes inside the quotes; the selector's is plain, and true would read as a boolean there.
    const label = at('app.yaml', 'tier: "backend"', 8);
    const renamed = renameAt(workspace.index, uriOf('app.yaml'), label.startLine, label.position, 'true', texts);
    assert.ok('edits' in renamed);
    assert.deepEqual(renamed.edits.map((e) => `${show(e)}->${e.newText}`), ['app.yaml:13:backend->true', 'others.yaml:12:backend->"true"']);
    assert.deepEqual(renameAt(workspace.index, uriOf('app.yaml'), label.startLine, label.position, '-no', texts), { error: '"-no" is not a valid label value: 63 characters at most, letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit.' });
  });

  it('hints what selects the pods and what each selector selects, with the HPA\'s range', () => {
    const { workspace, show } = workspaceOf(files);
    const hints = (file: string) => relationHints(workspace.index, uriOf(file), 0, 1000).map((h) => `${h.line + 1}:${h.parts.map((p) => p.text).join('')}`);
    assert.deepEqual(hints('app.yaml'), ['11:selected by Service api · NetworkPolicy from-web']);
    assert.deepEqual(hints('others.yaml'), ['5:→ 2–6 pods of Deployment api', '12:→ 2–6 pods of Deployment api']);
    const link = relationHints(workspace.index, uriOf('app.yaml'), 0, 1000)[0].parts[1].target!;
    assert.equal(show(link), 'others.yaml:3:api');
  });
});

describe('navigation: rename refuses what it cannot do safely, and writes YAML kubectl reads as meant', () => {
  const deployment = (labels: string, extra: string[] = []): string =>
    yaml(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: web}',
      'spec:',
      `  selector: {matchLabels: ${labels}}`,
      '  template:',
      `    metadata: {labels: ${labels}}`,
      '    spec:',
      '      serviceAccountName: web',
      '      containers: [{name: web, image: "web:1"}]',
      ...extra,
    );
  const service = yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {selector: {app: web}, ports: [{port: 80}]}');
  const rename = (files: Record<string, string>, file: string, needle: string, offset: number, newName: string, nth = 1) => {
    const { workspace, at } = workspaceOf(files);
    const place = at(file, needle, offset, nth);
    return renameAt(workspace.index, uriOf(file), place.startLine, place.position, newName, (uri) => files[uri.slice(uriOf('').length)]);
  };
  /** The files after the edits, end to start in each. */
  const applied = (files: Record<string, string>, edits: Array<{ uri: string; range: Range; newText: string }>): Record<string, string> => {
    const out = { ...files };
    for (const edit of [...edits].reverse()) {
      const file = edit.uri.slice(uriOf('').length);
      const lines = out[file].split('\n');
      const line = lines[edit.range.start.line];
      lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.end.character);
      out[file] = lines.join('\n');
    }
    return out;
  };

  it('renames a label so that the Service still selects the pods, quoting what YAML 1.1 reads as a boolean', () => {
    const files = { 'web.yaml': deployment('{app: web}'), 'svc.yaml': service };
    const result = rename(files, 'web.yaml', 'labels: {app: web}', 14, 'on');
    assert.ok('edits' in result, JSON.stringify(result));
    assert.deepEqual(result.edits.map((e) => e.newText), ['"on"', '"on"', '"on"']);
    const after = applied(files, result.edits);
    assert.match(after['svc.yaml'], /selector: \{app: "on"\}/);
    // Read again, the Service selects the Deployment's pods, as before.
    const { workspace } = workspaceOf(after);
    assert.deepEqual(relationHints(workspace.index, uriOf('svc.yaml'), 0, 100).map((h) => h.parts.map((p) => p.text).join('')), ['→ 1 pod of Deployment web']);
    assert.match(result.note ?? '', /spec\.selector cannot change on an object that already exists \(Deployment "web"\)/);
  });

  it('refuses a key that the map already has, a selector with matchExpressions, and a document with aliases', () => {
    assert.deepEqual(rename({ 'web.yaml': deployment('{app: web, tier: web}') }, 'web.yaml', 'labels: {app', 9, 'tier'), { error: 'Deployment "web" already has a label "tier" beside "app": rename it by hand.' });
    const pdb = yaml('apiVersion: policy/v1', 'kind: PodDisruptionBudget', 'metadata: {name: web}', 'spec: {maxUnavailable: 1, selector: {matchExpressions: [{key: app, operator: In, values: [web]}]}}');
    assert.deepEqual(rename({ 'web.yaml': deployment('{app: web}'), 'pdb.yaml': pdb }, 'web.yaml', 'labels: {app: web}', 14, 'shop'), { error: 'PodDisruptionBudget "web" selects on app in matchExpressions, which a rename does not rewrite: change it by hand.' });
    // A NetworkPolicy of another namespace lets in pods labelled app=web from every namespace: renaming ours would lock them out.
    const policy = yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: from-web, namespace: db}', 'spec:', '  podSelector: {}', '  ingress:', '    - from:', '        - namespaceSelector: {}', '          podSelector: {matchLabels: {app: web}}');
    const withPolicy = { 'web.yaml': deployment('{app: web}'), 'policy.yaml': policy };
    assert.deepEqual(rename(withPolicy, 'web.yaml', 'labels: {app: web}', 14, 'shop'), {
      error: 'NetworkPolicy "from-web" (namespace "db") allows pods labelled app=web of other namespaces too, which a rename of this namespace\'s labels does not rewrite: change it by hand.',
    });
    const { references } = workspaceOf(withPolicy);
    assert.deepEqual(references('web.yaml', 'labels: {app: web}', 14, 1, false), ['policy.yaml:9:app: web', 'web.yaml:5:app: web']);
    const aliased = yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: &n web}', 'stringData: {user: *n}');
    assert.match(JSON.stringify(rename({ 'secret.yaml': aliased }, 'secret.yaml', 'name: &n web', 10, 'db')), /uses YAML aliases/);
  });

  it('renames a ServiceAccount in the bindings that name it; refuses a name that exists or one defined twice; block scalars are no names', () => {
    const account = yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: web}');
    const binding = yaml('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: web}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}', 'subjects: [{kind: ServiceAccount, name: web}]');
    const files = { 'web.yaml': deployment('{app: web}'), 'sa.yaml': account, 'rb.yaml': binding };
    const result = rename(files, 'sa.yaml', 'name: web', 6, 'web-sa');
    assert.ok('edits' in result, JSON.stringify(result));
    assert.deepEqual(result.edits.map((e) => e.uri.slice(uriOf('').length)), ['rb.yaml', 'sa.yaml', 'web.yaml']);
    assert.match(applied(files, result.edits)['rb.yaml'], /subjects: \[\{kind: ServiceAccount, name: web-sa\}\]/);
    assert.deepEqual(rename({ ...files, 'other.yaml': yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: api}') }, 'sa.yaml', 'name: web', 6, 'api'), { error: 'ServiceAccount "api" already exists in namespace "default".' });
    assert.match(JSON.stringify(rename({ ...files, 'dev/sa.yaml': account }, 'sa.yaml', 'name: web', 6, 'web-sa')), /ServiceAccount \\"web\\" is defined 2 times in namespace \\"default\\" \(sa.yaml, sa.yaml\)/);
    assert.deepEqual(rename(files, 'sa.yaml', 'name: web', 6, 'Web'), { error: '"Web" is not a valid object name: lowercase letters, digits, \'-\' and \'.\', starting and ending with a letter or digit, 253 characters at most.' });
    assert.match(JSON.stringify(rename({ 'svc.yaml': service }, 'svc.yaml', 'name: web', 6, '1web')), /not a valid Service name/);
    const block = yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: |', '    settings', 'data: {a: b}');
    assert.deepEqual(rename({ 'cm.yaml': block }, 'cm.yaml', 'settings', 2, 'app-settings'), { error: NOT_RENAMEABLE_MESSAGE });
  });

  it('goes nowhere from selectors of other things than pods (a PersistentVolumeClaim\'s picks volumes)', () => {
    const claim = yaml('apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata: {name: data}', 'spec:', '  accessModes: [ReadWriteOnce]', '  resources: {requests: {storage: 1Gi}}', '  selector: {matchLabels: {app: web}}');
    const { definition } = workspaceOf({ 'web.yaml': deployment('{app: web}'), 'pvc.yaml': claim });
    assert.deepEqual(definition('pvc.yaml', 'selector: {matchLabels: {app: web}}', 2), []);
    assert.deepEqual(definition('web.yaml', 'selector: {matchLabels', 2), ['web.yaml:7:labels']);
  });
});

const NOT_RENAMEABLE_MESSAGE = 'kube-prod renames an object\'s name, a field that names an object (secretKeyRef, serviceAccountName, scaleTargetRef...), or a label key or value of pod labels and selectors.';
