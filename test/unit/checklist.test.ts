// The checklist model over small workspaces: statuses, counts, failing objects with their
// ranges, manual items, and rules turned off in the config.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveConfig, type UserConfig } from '../../server/src/engine/config';
import type { AnyRule, WorkspaceRule } from '../../server/src/engine/rule';
import { computeChecklist, formatCount, type Checklist, type ChecklistItem, type ManualState } from '../../server/src/engine/workspace/checklist';
import { CHECKLIST_ITEMS, CHECKLIST_SECTIONS, isRuleItem, MANUAL_ITEM_IDS } from '../../server/src/engine/workspace/checklistItems';
import { Workspace } from '../../server/src/engine/workspace/workspace';
import { RULES } from '../../server/src/rules';
import { projectRoot } from '../helpers/paths';
import { yaml } from '../helpers/ruleTester';

const uri = (file: string): string => `file:///repo/${file}`;

function workspaceOf(files: Record<string, string>, user: UserConfig = {}, rules: readonly AnyRule[] = RULES): Workspace {
  const workspace = new Workspace({
    rules,
    config: resolveConfig(rules, user),
    onRuleError: (id, error) => {
      throw new Error(`rule ${id} threw: ${String(error)}`);
    },
  });
  for (const [file, text] of Object.entries(files)) workspace.update(uri(file), text);
  return workspace;
}

function checklistOf(files: Record<string, string>, options: { user?: UserConfig; manual?: ManualState } = {}): Checklist {
  return computeChecklist(workspaceOf(files, options.user), options.manual);
}

function item(checklist: Checklist, id: string): ChecklistItem {
  const found = checklist.sections.flatMap((s) => s.items).find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}

/** A Deployment that passes every per-object rule the checklist reads. */
function deployment(name: string, options: { namespace?: string; replicas?: number; probes?: boolean; spread?: boolean } = {}): string {
  const { namespace = 'shop', replicas = 3, probes = true, spread = true } = options;
  return yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${namespace}`,
    'spec:',
    `  replicas: ${replicas}`,
    `  selector: {matchLabels: {app: ${name}}}`,
    '  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}',
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    `      serviceAccountName: ${name}`,
    '      automountServiceAccountToken: false',
    '      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}',
    ...(spread ? [`      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: ${name}}}}]`] : []),
    '      containers:',
    `        - name: ${name}`,
    '          image: registry.example.com/app:1.0.0',
    '          ports: [{name: http, containerPort: 8080}]',
    '          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 128Mi}}',
    ...(probes
      ? ['          livenessProbe: {httpGet: {path: /healthz, port: http}}', '          readinessProbe: {httpGet: {path: /ready, port: http}}']
      : []),
    '          securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}',
  );
}

const serviceAccount = (name: string, namespace = 'shop'): string => yaml('apiVersion: v1', 'kind: ServiceAccount', `metadata: {name: ${name}, namespace: ${namespace}}`);
const pdb = (name: string, namespace = 'shop'): string =>
  yaml('apiVersion: policy/v1', 'kind: PodDisruptionBudget', `metadata: {name: ${name}, namespace: ${namespace}}`, `spec: {maxUnavailable: 1, selector: {matchLabels: {app: ${name}}}}`);
const defaultDeny = (namespace: string): string =>
  yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', `metadata: {name: default-deny, namespace: ${namespace}}`, 'spec: {podSelector: {}, policyTypes: [Ingress, Egress]}');
const namespaceObject = (name: string, enforce = true): string =>
  yaml('apiVersion: v1', 'kind: Namespace', 'metadata:', `  name: ${name}`, ...(enforce ? ['  labels: {pod-security.kubernetes.io/enforce: restricted}'] : []));
const doc = (...documents: string[]): string => documents.join('---\n');

describe('checklist items', () => {
  it('reference only rules of the registry', () => {
    const ids = new Set(RULES.map((rule) => rule.meta.id));
    const missing = CHECKLIST_ITEMS.filter(isRuleItem).flatMap((i) => i.rules.filter((id) => !ids.has(id)).map((id) => `${i.id}: ${id}`));
    assert.deepEqual(missing, []);
  });

  it('have unique kebab-case ids, a known section and one-line descriptions', () => {
    const ids = new Set<string>();
    for (const definition of CHECKLIST_ITEMS) {
      assert.match(definition.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!ids.has(definition.id), `duplicate ${definition.id}`);
      ids.add(definition.id);
      assert.ok(definition.section in CHECKLIST_SECTIONS);
      assert.ok(definition.description.length > 20 && !definition.description.includes('\n'), definition.id);
    }
  });

  it('list every manual item in the checklist file schema, with its title and description', () => {
    const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', 'kube-prod-checklist.schema.json'), 'utf8')) as {
      properties: { items: { properties: Record<string, { description: string }> } };
    };
    const properties = schema.properties.items.properties;
    assert.deepEqual(Object.keys(properties), [...MANUAL_ITEM_IDS]);
    for (const definition of CHECKLIST_ITEMS.filter((i) => i.kind === 'manual')) {
      assert.equal(properties[definition.id].description, `${definition.title}: ${definition.description}`);
    }
  });
});

describe('computeChecklist', () => {
  it('returns every item once, by section, in the order of the definitions', () => {
    const checklist = checklistOf({});
    assert.deepEqual(
      checklist.sections.flatMap((s) => s.items.map((i) => i.id)),
      (Object.keys(CHECKLIST_SECTIONS) as Array<keyof typeof CHECKLIST_SECTIONS>).flatMap((section) => CHECKLIST_ITEMS.filter((i) => i.section === section).map((i) => i.id)),
    );
  });

  it('passes an item when no counted object has a finding of its rules', () => {
    const probes = item(checklistOf({ 'web.yaml': deployment('web'), 'api.yaml': deployment('api') }), 'probes');
    assert.equal(probes.status, 'pass');
    assert.deepEqual(probes.count, { passing: 2, total: 2, noun: 'long-running workloads' });
    assert.equal(formatCount(probes), '2 of 2 long-running workloads');
    assert.deepEqual(probes.failures, []);
  });

  it('fails it with the failing objects, their file ranges and the findings that fail them', () => {
    // The failing Deployment is the second document of its file (from line 5): the range is in file coordinates.
    const files = { 'web.yaml': deployment('web'), 'more.yaml': doc(serviceAccount('api'), deployment('api', { probes: false })) };
    const probes = item(checklistOf(files), 'probes');
    assert.equal(probes.status, 'fail');
    assert.equal(formatCount(probes), '1 of 2 long-running workloads');
    assert.deepEqual(probes.failures, [
      {
        uri: uri('more.yaml'),
        range: { start: { line: 5, character: 0 }, end: { line: 5, character: 16 } },
        kind: 'Deployment',
        name: 'api',
        namespace: 'shop',
        messages: ['Deployment "api", container "api": no livenessProbe', 'Deployment "api", container "api": no readinessProbe'],
      },
    ]);
  });

  it('counts in the singular for one object', () => {
    assert.equal(formatCount(item(checklistOf({ 'web.yaml': deployment('web') }), 'probes')), '1 of 1 long-running workload');
  });

  it('is not applicable when nothing is counted, and says why', () => {
    const checklist = checklistOf({ 'web.yaml': deployment('web') });
    const autoscaling = item(checklist, 'autoscaling');
    assert.equal(autoscaling.status, 'not-applicable');
    assert.equal(autoscaling.note, 'no HPAs and scaled workloads in the workspace');
    assert.equal(item(checklist, 'pod-security-standards').status, 'not-applicable');
    assert.equal(item(checklist, 'rbac').status, 'not-applicable');
  });

  it('counts workspace-rule findings: a multi-replica workload with and without a PDB', () => {
    const files = { 'web.yaml': doc(deployment('web'), pdb('web')), 'api.yaml': deployment('api') };
    const budgets = item(checklistOf(files), 'disruption-budgets');
    assert.equal(budgets.status, 'fail');
    assert.deepEqual(budgets.count, { passing: 2, total: 3, noun: 'multi-replica workloads and PDBs' });
    assert.deepEqual(
      budgets.failures.map((f) => [f.uri, f.kind, f.name, f.messages]),
      [[uri('api.yaml'), 'Deployment', 'api', ['Deployment "api" runs 3 replicas and no PodDisruptionBudget selects its pods']]],
    );
  });

  it('counts a workload whose HPA scales it from 1 to several as multi-replica, one that stays at 1 not', () => {
    const scaler = (name: string, max: number): string =>
      yaml('apiVersion: autoscaling/v2', 'kind: HorizontalPodAutoscaler', `metadata: {name: ${name}, namespace: shop}`, 'spec:', `  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}`, '  minReplicas: 1', `  maxReplicas: ${max}`);
    const files = { 'web.yaml': doc(deployment('web', { replicas: 1 }), scaler('web', 5)), 'api.yaml': doc(deployment('api', { replicas: 1 }), scaler('api', 1)) };
    const budgets = item(checklistOf(files), 'disruption-budgets');
    assert.deepEqual(budgets.count, { passing: 0, total: 1, noun: 'multi-replica workload or PDB' });
    assert.deepEqual(
      budgets.failures.map((f) => [f.uri, f.name, f.messages]),
      [[uri('web.yaml'), 'web', ['Deployment "web" runs 1 to 5 replicas under HorizontalPodAutoscaler "web" and no PodDisruptionBudget selects its pods']]],
    );
    assert.deepEqual(item(checklistOf(files), 'spread').count, { passing: 1, total: 1, noun: 'multi-replica workload' });
  });

  it('counts an HPA and the workload it scales for autoscaling', () => {
    const hpa = yaml(
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata: {name: web, namespace: shop}',
      'spec:',
      '  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
      '  minReplicas: 3',
      '  maxReplicas: 10',
      '  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]',
    );
    const autoscaling = item(checklistOf({ 'web.yaml': doc(deployment('web'), pdb('web'), hpa) }), 'autoscaling');
    assert.deepEqual(autoscaling.count, { passing: 1, total: 2, noun: 'HPAs and scaled workloads' });
    // The Deployment pins replicas: 3 while the HPA scales it.
    assert.deepEqual(autoscaling.failures.map((f) => `${f.kind} ${f.name}`), ['Deployment web']);
  });

  it('counts namespaces with workloads, and places a namespace failure on its Namespace object when there is one', () => {
    const files = {
      'shop.yaml': doc(namespaceObject('shop'), deployment('web'), defaultDeny('shop')),
      'ops/ns.yaml': namespaceObject('ops'),
      'ops/agent.yaml': deployment('agent', { namespace: 'ops' }),
      'batch/worker.yaml': deployment('worker', { namespace: 'batch' }),
    };
    const denied = item(checklistOf(files), 'default-deny');
    assert.equal(denied.status, 'fail');
    assert.equal(formatCount(denied), '1 of 3 namespaces');
    assert.deepEqual(
      denied.failures.map((f) => [f.uri, f.range.start.line, f.kind, f.name, f.namespace]),
      [
        // No Namespace object for "batch": the failure points at the workload that carries the finding.
        [uri('batch/worker.yaml'), 1, 'Namespace', 'batch', undefined],
        [uri('ops/ns.yaml'), 1, 'Namespace', 'ops', undefined],
      ],
    );
    assert.equal(denied.failures[0].messages.length, 1);
    assert.match(denied.failures[0].messages[0], /^Namespace "batch" has 1 workload and no default-deny NetworkPolicy/);
  });

  it('does not fail an item on a rule turned off in the config, and says the rule was not checked', () => {
    const files = { 'api.yaml': deployment('api', { probes: false }) };
    const partly = item(checklistOf(files, { user: { rules: { 'liveness-probe-missing': 'off' } } }), 'probes');
    assert.equal(partly.status, 'fail');
    assert.deepEqual(partly.failures[0].messages, ['Deployment "api", container "api": no readinessProbe']);
    assert.equal(partly.note, 'not checked: off in the config: liveness-probe-missing');

    const off = item(checklistOf(files, { user: { rules: { 'liveness-probe-missing': 'off', 'readiness-probe-missing': 'off' } } }), 'probes');
    assert.equal(off.status, 'not-applicable');
    assert.deepEqual(off.failures, []);
    assert.equal(off.note, 'not checked: every rule of this item is off in the config: liveness-probe-missing, readiness-probe-missing');
  });

  it('respects suppressions: an ignored finding does not fail the item', () => {
    const text = deployment('api', { probes: false }).replace('  namespace: shop\n', '  namespace: shop\n  annotations: {kube-prod.dev/ignore: "liveness-probe-missing,readiness-probe-missing"}\n');
    assert.equal(item(checklistOf({ 'api.yaml': text }), 'probes').status, 'pass');
  });

  it('counts an object that carries an item rule finding though the item did not foresee it', () => {
    // A stand-in rule placing its finding on a Service: the Service joins the count.
    const onService: WorkspaceRule = {
      meta: { ...RULES.find((r) => r.meta.id === 'rolling-update-unsafe')!.meta, kinds: ['Service'] },
      checkWorkspace: ({ report }) => report(undefined, 'Service "web": stand-in finding'),
    };
    const service = yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: web, namespace: shop}', 'spec: {selector: {app: web}, ports: [{port: 80}]}');
    const workspace = workspaceOf({ 'web.yaml': doc(deployment('web'), service) }, {}, [onService]);
    const strategy = item(computeChecklist(workspace, undefined), 'deployment-strategy');
    assert.deepEqual(strategy.count, { passing: 1, total: 2, noun: 'objects' });
    assert.deepEqual(strategy.failures.map((f) => f.kind), ['Service']);
  });

  it('fails "secrets kept out of manifests" on a credential in any object, a custom resource included', () => {
    const webhook = 'https://hooks.slack.com/services/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';
    const notifier = yaml('apiVersion: example.com/v1', 'kind: Notifier', 'metadata: {name: alerts, namespace: shop}', `spec: {webhook: "${webhook}"}`);
    const secrets = item(checklistOf({ 'web.yaml': doc(deployment('web'), notifier) }), 'secrets-out-of-manifests');
    assert.equal(secrets.status, 'fail');
    assert.deepEqual(
      secrets.failures.map((f) => [f.kind, f.name, f.messages]),
      [['Notifier', 'alerts', ['Notifier "alerts": spec.webhook contains a Slack webhook URL']]],
    );
  });

  it('runs each workspace rule once per object', () => {
    let calls = 0;
    const counting: WorkspaceRule = {
      meta: { ...RULES.find((r) => r.meta.id === 'pod-spread-missing')!.meta, kinds: ['Deployment'] },
      checkWorkspace: () => {
        calls++;
      },
    };
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`app-${i}.yaml`] = deployment(`app-${i}`);
    computeChecklist(workspaceOf(files, {}, [counting]), undefined);
    assert.equal(calls, 20);
  });

  it('lists the required items that fail in the summary', () => {
    const checklist = checklistOf({ 'api.yaml': deployment('api', { probes: false }) });
    assert.ok(checklist.summary.requiredFailing.includes('probes'));
    assert.ok(!checklist.summary.requiredFailing.includes('autoscaling'));
    const all = checklist.sections.flatMap((s) => s.items);
    assert.equal(checklist.summary.pass + checklist.summary.fail + checklist.summary.notApplicable, all.length);
  });
});

describe('checklist presence items', () => {
  const statefulSet = yaml(
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata: {name: db, namespace: shop}',
    'spec:',
    '  serviceName: db',
    '  selector: {matchLabels: {app: db}}',
    '  template:',
    '    metadata: {labels: {app: db}}',
    '    spec: {containers: [{name: db, image: postgres:16.4}]}',
  );
  const cronJob = (name: string, image = 'registry.example.com/tools:1.0'): string =>
    yaml(
      'apiVersion: batch/v1',
      'kind: CronJob',
      `metadata: {name: ${name}, namespace: shop}`,
      'spec:',
      '  schedule: "0 3 * * *"',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      `        spec: {restartPolicy: OnFailure, containers: [{name: job, image: "${image}"}]}`,
    );

  it('backups: fails on state without a backup schedule, pointing at what keeps state', () => {
    const backups = item(checklistOf({ 'db.yaml': statefulSet }), 'backups');
    assert.equal(backups.status, 'fail');
    assert.equal(formatCount(backups), 'no backup schedule');
    assert.deepEqual(
      backups.failures.map((f) => [f.kind, f.name, f.messages]),
      [['StatefulSet', 'db', ['StatefulSet "db" keeps state and no backup CronJob or Velero Schedule is in the workspace']]],
    );
  });

  it('backups: passes with a CronJob named, labelled or imaged for backups, or a Velero Schedule', () => {
    const velero = yaml('apiVersion: velero.io/v1', 'kind: Schedule', 'metadata: {name: daily, namespace: velero}', 'spec: {schedule: "0 1 * * *"}');
    for (const evidence of [cronJob('db-backup'), cronJob('nightly', 'postgres:16.4-alpine').replace('name: job', 'name: pg-dump'), cronJob('nightly', 'bitnami/velero:1.14'), velero]) {
      const backups = item(checklistOf({ 'db.yaml': statefulSet, 'backup.yaml': evidence }), 'backups');
      assert.equal(backups.status, 'pass', evidence);
      assert.equal(formatCount(backups), '1 backup schedule');
    }
    assert.equal(item(checklistOf({ 'db.yaml': statefulSet, 'job.yaml': cronJob('report') }), 'backups').status, 'fail');
  });

  it('backups: not applicable when nothing keeps state', () => {
    const backups = item(checklistOf({ 'web.yaml': deployment('web') }), 'backups');
    assert.equal(backups.status, 'not-applicable');
    assert.match(backups.note ?? '', /no StatefulSet or PersistentVolumeClaim/);
  });

  it('monitoring: passes with a ServiceMonitor or PrometheusRule, fails without, not applicable without workloads', () => {
    const monitor = yaml('apiVersion: monitoring.coreos.com/v1', 'kind: ServiceMonitor', 'metadata: {name: web, namespace: shop}', 'spec: {selector: {matchLabels: {app: web}}}');
    const pass = item(checklistOf({ 'web.yaml': doc(deployment('web'), monitor) }), 'monitoring');
    assert.equal(pass.status, 'pass');
    assert.equal(formatCount(pass), '1 monitoring object');
    assert.equal(item(checklistOf({ 'web.yaml': deployment('web') }), 'monitoring').status, 'fail');
    assert.equal(item(checklistOf({}), 'monitoring').status, 'not-applicable');
  });
});

describe('checklist manual items', () => {
  it('fail until recorded, pass when done, and carry who and when', () => {
    const manual: ManualState = { items: { runbooks: { done: true, by: 'alice', date: '2026-11-20', note: 'docs/runbooks/' }, 'on-call': { done: false } } };
    const checklist = checklistOf({}, { manual });
    const runbooks = item(checklist, 'runbooks');
    assert.equal(runbooks.status, 'pass');
    assert.equal(runbooks.kind, 'manual');
    assert.equal(formatCount(runbooks), 'done by alice on 2026-11-20');
    assert.equal(runbooks.note, 'docs/runbooks/');
    assert.equal(item(checklist, 'on-call').status, 'fail');
    assert.equal(formatCount(item(checklist, 'on-call')), 'not done');
    assert.equal(item(checklist, 'dr-restore-tested').status, 'fail');
    assert.equal(formatCount(item(checklist, 'dr-restore-tested')), 'not recorded in .kube-prod-checklist.yaml');
  });

  it('can be marked not applicable', () => {
    const checklist = checklistOf({}, { manual: { items: { 'multi-az': { done: false, notApplicable: true, note: 'single-zone edge site' } } } });
    const multiAz = item(checklist, 'multi-az');
    assert.equal(multiAz.status, 'not-applicable');
    assert.equal(multiAz.note, 'single-zone edge site');
  });

  it('are never required: the manifests alone decide the exit code', () => {
    assert.deepEqual(CHECKLIST_ITEMS.filter((i) => i.kind === 'manual' && i.required), []);
  });
});
