// OpenShift DeploymentConfig and Argo Rollouts Rollout run pods: the pod rules, the single-object
// controller rules and the cross-resource rules apply to them as to a Deployment, their fixes edit
// spec.template.spec, and a kind of the same name in another API group stays a custom resource.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { resolveConfig } from '../../../server/src/engine/config';
import { isBuiltinKind, referenceReaches } from '../../../server/src/engine/kinds';
import { objectOf } from '../../../server/src/engine/model';
import { computeChecklist } from '../../../server/src/engine/workspace/checklist';
import { Workspace } from '../../../server/src/engine/workspace/workspace';
import { RULES } from '../../../server/src/rules';
import deprecatedApiVersion from '../../../server/src/rules/api-versions/deprecated-api-version';
import podSpreadMissing from '../../../server/src/rules/availability/pod-spread-missing';
import replicasTooFew from '../../../server/src/rules/availability/replicas-too-few';
import hpaReplicasPinned from '../../../server/src/rules/availability/hpa-replicas-pinned';
import rollingUpdateUnsafe from '../../../server/src/rules/availability/rolling-update-unsafe';
import selectorMismatch from '../../../server/src/rules/availability/selector-mismatch';
import duplicateEnv from '../../../server/src/rules/configuration/duplicate-env';
import livenessProbeMissing from '../../../server/src/rules/health-checks/liveness-probe-missing';
import imageTagLatest from '../../../server/src/rules/images/image-tag-latest';
import imageDigestMissing from '../../../server/src/rules/images/image-digest-missing';
import namespaceMissing from '../../../server/src/rules/labels/namespace-missing';
import restartPolicyInvalid from '../../../server/src/rules/lifecycle/restart-policy-invalid';
import serviceSelectsNothing from '../../../server/src/rules/networking/service-selects-nothing';
import workloadNetworkPolicyMissing from '../../../server/src/rules/networking/workload-network-policy-missing';
import memoryLimitMissing from '../../../server/src/rules/resources/memory-limit-missing';
import privilegeEscalationAllowed from '../../../server/src/rules/security/privilege-escalation-allowed';
import privilegedContainer from '../../../server/src/rules/security/privileged-container';
import { hpa } from '../../helpers/availabilityFixtures';
import { ruleTester, yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

interface Shape {
  /** Lines under `containers:` (6 spaces of indentation for `- `). */
  containers?: string[];
  /** Lines of spec before the template (2 spaces). */
  spec?: string[];
  /** Pod spec lines before `containers:` (6 spaces). */
  podSpec?: string[];
  namespace?: string | null;
}

const APP = ['      - name: app', '        image: registry.example.com/shop/app:1.0.0'];

// Both shapes put `kind:` on line 2 and `containers:` on line 12 (one line later per `spec` line given).
const rollout = (o: Shape = {}): string =>
  yaml(
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Rollout',
    o.namespace === null ? 'metadata: {name: web}' : `metadata: {name: web, namespace: ${o.namespace ?? 'shop'}}`,
    'spec:',
    '  replicas: 3',
    '  selector: {matchLabels: {app: web}}',
    '  strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: 10m}}]}}',
    ...(o.spec ?? []),
    '  template:',
    '    metadata: {labels: {app: web}}',
    '    spec:',
    ...(o.podSpec ?? []),
    '      containers:',
    ...(o.containers ?? APP),
  );

const deploymentConfig = (o: Shape = {}): string =>
  yaml(
    'apiVersion: apps.openshift.io/v1',
    'kind: DeploymentConfig',
    o.namespace === null ? 'metadata: {name: api}' : `metadata: {name: api, namespace: ${o.namespace ?? 'shop'}}`,
    'spec:',
    '  replicas: 3',
    '  selector: {app: api}',
    '  triggers: [{type: ConfigChange}]',
    ...(o.spec ?? []),
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    ...(o.podSpec ?? []),
    '      containers:',
    ...(o.containers ?? APP),
  );

/** A Rollout that runs a Deployment's template instead of its own. */
const workloadRefRollout = yaml(
  'apiVersion: argoproj.io/v1alpha1',
  'kind: Rollout',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  replicas: 3',
  '  selector: {matchLabels: {app: web}}',
  '  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}',
  '  strategy: {canary: {steps: [{setWeight: 20}]}}',
);

const R = 'Rollout "web"';
const DC = 'DeploymentConfig "api"';

describe('extension workload kinds', () => {
  it('are known in their own API group only', () => {
    assert.equal(isBuiltinKind('argoproj.io/v1alpha1', 'Rollout'), true);
    assert.equal(isBuiltinKind('apps.openshift.io/v1', 'DeploymentConfig'), true);
    assert.equal(isBuiltinKind('example.com/v1', 'Rollout'), false);
    assert.equal(isBuiltinKind('apps/v1', 'Rollout'), false);
    // The pre-4.0 OpenShift API (`apiVersion: v1`) is not served any more.
    assert.equal(isBuiltinKind('v1', 'DeploymentConfig'), false);
    assert.equal(isBuiltinKind('argoproj.io/v1alpha1', 'Deployment'), false);
    assert.equal(isBuiltinKind('argoproj.io/v1alpha1', 'Application'), false);
  });

  it('have a pod spec at spec.template.spec, except a Rollout with workloadRef', () => {
    const of = (text: string) => objectOf(parseDocument(text, { keepSourceTokens: true }) as never);
    assert.deepEqual(of(rollout())?.podSpec?.path, ['spec', 'template', 'spec']);
    assert.deepEqual(of(deploymentConfig())?.podSpec?.containers.map((c) => c.name), ['app']);
    const borrowed = of(workloadRefRollout);
    assert.equal(borrowed?.builtin, true);
    assert.equal(borrowed?.podSpec, undefined);
  });

  it('an HPA reference must name their group', () => {
    assert.equal(referenceReaches('argoproj.io/v1alpha1', 'argoproj.io/v1alpha1', 'Rollout'), true);
    assert.equal(referenceReaches(undefined, 'argoproj.io/v1alpha1', 'Rollout'), true);
    assert.equal(referenceReaches('apps/v1', 'argoproj.io/v1alpha1', 'Rollout'), false);
    assert.equal(referenceReaches('apps/v1', 'apps.openshift.io/v1', 'DeploymentConfig'), false);
    // Built-in kinds are not second-guessed (an old extensions/v1beta1 reference).
    assert.equal(referenceReaches('extensions/v1beta1', 'apps/v1', 'Deployment'), true);
  });
});

// --- pod rules, one or more per category ---

ruleTester(privilegedContainer, {
  valid: [
    { name: 'Rollout, unprivileged', code: rollout() },
    { name: 'Rollout with workloadRef: no template of its own', code: workloadRefRollout },
    {
      name: 'a Rollout of another API group is a custom resource',
      code: rollout({ containers: [...APP, '        securityContext: {privileged: true}'] }).replace('argoproj.io/v1alpha1', 'example.com/v1'),
    },
    {
      name: 'a DeploymentConfig of the retired v1 API is not checked',
      code: deploymentConfig({ containers: [...APP, '        securityContext: {privileged: true}'] }).replace('apps.openshift.io/v1', 'v1'),
    },
  ],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ containers: [...APP, '        securityContext: {privileged: true}'] }),
      errors: [{ message: `${R}, container "app": runs privileged`, line: 14, column: 27, endLine: 14, endColumn: 43 }],
    },
    {
      name: 'DeploymentConfig',
      code: deploymentConfig({ containers: [...APP, '        securityContext: {privileged: true}'] }),
      errors: [{ message: `${DC}, container "app": runs privileged`, line: 14, column: 27, endLine: 14, endColumn: 43 }],
    },
  ],
});

ruleTester(privilegeEscalationAllowed, {
  valid: [
    { name: 'Rollout', code: rollout({ containers: [...APP, '        securityContext: {allowPrivilegeEscalation: false}'] }) },
    { name: 'DeploymentConfig', code: deploymentConfig({ containers: [...APP, '        securityContext: {allowPrivilegeEscalation: false}'] }) },
  ],
  invalid: [
    {
      name: 'Rollout: the fix edits spec.template.spec',
      code: rollout(),
      errors: [{ message: `${R}, container "app": allowPrivilegeEscalation is not false`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: rollout({ containers: [...APP, '        securityContext:', '          allowPrivilegeEscalation: false'] }),
    },
    {
      name: 'DeploymentConfig: the fix edits spec.template.spec',
      code: deploymentConfig(),
      errors: [{ message: `${DC}, container "app": allowPrivilegeEscalation is not false`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: deploymentConfig({ containers: [...APP, '        securityContext:', '          allowPrivilegeEscalation: false'] }),
    },
  ],
});

ruleTester(memoryLimitMissing, {
  valid: [
    { name: 'Rollout', code: rollout({ containers: [...APP, '        resources: {limits: {memory: 256Mi}}'] }) },
    { name: 'DeploymentConfig', code: deploymentConfig({ containers: [...APP, '        resources: {limits: {memory: 256Mi}}'] }) },
    { name: 'Rollout with workloadRef', code: workloadRefRollout },
  ],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ containers: [...APP, '        resources: {requests: {memory: 128Mi}}'] }),
      errors: [{ message: `${R}, container "app": no resources.limits.memory`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: rollout({ containers: [...APP, '        resources: {requests: {memory: 128Mi}, limits: {memory: 512Mi}}'] }),
    },
    {
      name: 'DeploymentConfig',
      code: deploymentConfig({ containers: [...APP, '        resources: {requests: {memory: 128Mi}}'] }),
      errors: [{ message: `${DC}, container "app": no resources.limits.memory`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: deploymentConfig({ containers: [...APP, '        resources: {requests: {memory: 128Mi}, limits: {memory: 512Mi}}'] }),
    },
  ],
});

const PROBE = '        livenessProbe: {httpGet: {path: /healthz, port: 8080}}';
const PORT = '        ports: [{name: http, containerPort: 8080}]';
const PROBE_ADDED = [
  '        livenessProbe:',
  '          httpGet:',
  "            path: /healthz # kube-prod: the app's health endpoint",
  '            port: http',
  '          initialDelaySeconds: 30',
  '          periodSeconds: 10',
  '          failureThreshold: 3',
];

ruleTester(livenessProbeMissing, {
  valid: [
    { name: 'Rollout', code: rollout({ containers: [...APP, PROBE] }) },
    { name: 'DeploymentConfig', code: deploymentConfig({ containers: [...APP, PROBE] }) },
    { name: 'Rollout with workloadRef: its probes are the Deployment\'s', code: workloadRefRollout },
  ],
  invalid: [
    {
      name: 'Rollout: the fix probes the declared port',
      code: rollout({ containers: [...APP, PORT] }),
      errors: [{ message: `${R}, container "app": no livenessProbe`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: rollout({ containers: [...APP, PORT, ...PROBE_ADDED] }),
    },
    {
      name: 'DeploymentConfig: the fix probes the declared port',
      code: deploymentConfig({ containers: [...APP, PORT] }),
      errors: [{ message: `${DC}, container "app": no livenessProbe`, line: 12, column: 9, endLine: 12, endColumn: 18 }],
      output: deploymentConfig({ containers: [...APP, PORT, ...PROBE_ADDED] }),
    },
  ],
});

const LATEST = ['      - name: app', '        image: registry.example.com/shop/app:latest'];
const IMAGE_TRIGGER = '  - {type: ImageChange, imageChangeParams: {automatic: true, containerNames: [app], from: {kind: ImageStreamTag, name: "app:latest"}}}';

ruleTester(imageTagLatest, {
  valid: [
    { name: 'Rollout', code: rollout() },
    {
      name: 'DeploymentConfig whose ImageChange trigger sets the image',
      code: deploymentConfig({ containers: LATEST }).replace('  triggers: [{type: ConfigChange}]', `  triggers:\n${IMAGE_TRIGGER}`),
    },
  ],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ containers: LATEST }),
      errors: [{ message: `${R}, container "app": image "registry.example.com/shop/app:latest" uses the latest tag`, line: 13, column: 9, endLine: 13, endColumn: 52 }],
    },
    {
      name: 'DeploymentConfig whose trigger sets another container\'s image',
      code: deploymentConfig({ containers: LATEST }).replace('  triggers: [{type: ConfigChange}]', `  triggers:\n${IMAGE_TRIGGER.replace('[app]', '[sidecar]')}`),
      errors: [{ message: `${DC}, container "app": image "registry.example.com/shop/app:latest" uses the latest tag`, line: 14, column: 9, endLine: 14, endColumn: 52 }],
    },
  ],
});

ruleTester(imageDigestMissing, {
  valid: [
    {
      name: 'DeploymentConfig whose ImageChange trigger writes the resolved digest',
      code: deploymentConfig({ containers: ['      - name: app', "        image: ' '"] }).replace('  triggers: [{type: ConfigChange}]', `  triggers:\n${IMAGE_TRIGGER}`),
    },
  ],
  invalid: [
    {
      name: 'Rollout',
      code: rollout(),
      errors: [{ message: `${R}, container "app": image "registry.example.com/shop/app:1.0.0" is not pinned by digest`, line: 13, column: 9, endLine: 13, endColumn: 51 }],
    },
    {
      name: 'DeploymentConfig without an image trigger',
      code: deploymentConfig(),
      errors: [{ message: `${DC}, container "app": image "registry.example.com/shop/app:1.0.0" is not pinned by digest`, line: 13, column: 9, endLine: 13, endColumn: 51 }],
    },
  ],
});

ruleTester(restartPolicyInvalid, {
  valid: [
    { name: 'Rollout', code: rollout({ podSpec: ['      restartPolicy: Always'] }) },
    { name: 'DeploymentConfig', code: deploymentConfig() },
  ],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ podSpec: ['      restartPolicy: OnFailure'] }),
      errors: [{ message: `${R}: restartPolicy OnFailure is not allowed for a Rollout (only Always)`, line: 11, column: 7, endLine: 11, endColumn: 31 }],
    },
    {
      name: 'DeploymentConfig',
      code: deploymentConfig({ podSpec: ['      restartPolicy: Never'] }),
      errors: [{ message: `${DC}: restartPolicy Never is not allowed for a DeploymentConfig (only Always)`, line: 11, column: 7, endLine: 11, endColumn: 27 }],
    },
  ],
});

const ENV = ['        env:', '        - {name: MODE, value: a}', '        - {name: MODE, value: b}'];

ruleTester(duplicateEnv, {
  valid: [{ name: 'Rollout', code: rollout({ containers: [...APP, ENV[0], ENV[1]] }) }],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ containers: [...APP, ...ENV] }),
      errors: [{ message: `${R}, container "app": env var "MODE" is defined again; this later definition overrides the earlier one`, line: 16, column: 12, endLine: 16, endColumn: 22 }],
    },
    {
      name: 'DeploymentConfig',
      code: deploymentConfig({ containers: [...APP, ...ENV] }),
      errors: [{ message: `${DC}, container "app": env var "MODE" is defined again; this later definition overrides the earlier one`, line: 16, column: 12, endLine: 16, endColumn: 22 }],
    },
  ],
});

ruleTester(namespaceMissing, {
  valid: [rollout(), deploymentConfig(), workloadRefRollout],
  invalid: [
    {
      name: 'Rollout',
      code: rollout({ namespace: null }),
      errors: [{ message: `${R}: no metadata.namespace (it lands in the current context's namespace, usually default)`, line: 3, column: 12, endLine: 3, endColumn: 21 }],
    },
    {
      name: 'DeploymentConfig',
      code: deploymentConfig({ namespace: null }),
      errors: [{ message: `${DC}: no metadata.namespace (it lands in the current context's namespace, usually default)`, line: 3, column: 12, endLine: 3, endColumn: 21 }],
    },
  ],
});

ruleTester(deprecatedApiVersion, {
  valid: [rollout(), deploymentConfig(), workloadRefRollout],
  invalid: [
    {
      name: 'the Deployment next to them still is',
      code: `${rollout()}---\n${yaml('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata: {name: old}', 'spec: {}')}`,
      errors: [{ message: 'Deployment "old": apiVersion extensions/v1beta1 was removed in Kubernetes 1.16; use apps/v1', line: 15, column: 1, endLine: 15, endColumn: 31 }],
    },
  ],
});

// --- controller rules whose fields differ by kind ---

ruleTester(selectorMismatch, {
  valid: [
    { name: 'Rollout', code: rollout() },
    { name: 'DeploymentConfig: a plain label map', code: deploymentConfig() },
    { name: 'DeploymentConfig without selector: defaulted from the template labels', code: deploymentConfig().replace('  selector: {app: api}\n', '') },
    { name: 'Rollout with workloadRef: the Deployment\'s template', code: workloadRefRollout },
  ],
  invalid: [
    {
      name: 'Rollout selecting other pods',
      code: rollout().replace('selector: {matchLabels: {app: web}}', 'selector: {matchLabels: {app: www}}'),
      errors: [{ message: `${R}: spec.selector (app=www) does not match the pod template labels (app=web)`, line: 6, column: 3, endLine: 6, endColumn: 11 }],
    },
    {
      name: 'Rollout without selector',
      code: rollout().replace('  selector: {matchLabels: {app: web}}\n', ''),
      errors: [{ message: `${R}: no spec.selector (required in argoproj.io/v1alpha1)`, line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'Rollout with an empty selector',
      code: rollout().replace('selector: {matchLabels: {app: web}}', 'selector: {}'),
      errors: [{ message: `${R}: spec.selector is empty (the Argo Rollouts controller rejects it)`, line: 6, column: 3, endLine: 6, endColumn: 11 }],
    },
    {
      name: 'DeploymentConfig selecting other pods',
      code: deploymentConfig().replace('selector: {app: api}', 'selector: {app: api, tier: web}'),
      errors: [{ message: `${DC}: spec.selector (app=api,tier=web) does not match the pod template labels (app=api)`, line: 6, column: 3, endLine: 6, endColumn: 11 }],
    },
  ],
});

const dcStrategy = (strategy: string, replicas = 2): string => deploymentConfig().replace('  replicas: 3', `  replicas: ${replicas}`).replace('  triggers: [{type: ConfigChange}]', `  triggers: [{type: ConfigChange}]\n  strategy:\n${strategy}`);

ruleTester(rollingUpdateUnsafe, {
  valid: [
    { name: 'Rollout canary: steps, not a rolling update', code: rollout({ spec: ['  minReadySeconds: 10'] }) },
    {
      name: 'Rollout blueGreen',
      code: rollout().replace('  strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: 10m}}]}}', '  strategy: {blueGreen: {activeService: web, previewService: web-preview}}'),
    },
    { name: 'DeploymentConfig rolling with maxUnavailable 0', code: dcStrategy('    type: Rolling\n    rollingParams: {maxSurge: 1, maxUnavailable: 0}') },
    { name: 'DeploymentConfig Custom strategy', code: dcStrategy('    type: Custom\n    customParams: {image: deployer:1}') },
    { name: 'DeploymentConfig rolling with many replicas', code: dcStrategy('    type: Rolling\n    rollingParams: {maxUnavailable: 1}', 6) },
  ],
  invalid: [
    {
      name: 'DeploymentConfig Recreate: switched to Rolling',
      code: dcStrategy('    type: Recreate'),
      errors: [{ message: `${DC}: strategy type Recreate stops every pod before starting the new ones (downtime on each rollout)`, line: 9, column: 5, endLine: 9, endColumn: 19 }],
      output: dcStrategy('    type: Rolling\n    rollingParams:\n      maxSurge: 1\n      maxUnavailable: 0'),
    },
    {
      name: 'DeploymentConfig rollingParams.maxUnavailable',
      code: dcStrategy('    type: Rolling\n    rollingParams:\n      maxUnavailable: 1'),
      errors: [{ message: `${DC}: rollingParams.maxUnavailable 1 lets a rollout take 1 of 2 replicas down`, line: 11, column: 7, endLine: 11, endColumn: 24 }],
      output: dcStrategy('    type: Rolling\n    rollingParams:\n      maxUnavailable: 0\n      maxSurge: 1'),
    },
  ],
});

// --- cross-resource rules ---

const hpaFor = (kind: string, name: string, minReplicas: number, targetApiVersion?: string): string =>
  hpa({ target: name, targetKind: kind, namespace: 'shop', minReplicas, maxReplicas: 6, ...(targetApiVersion ? { targetApiVersion } : {}) });

workspaceRuleTester(replicasTooFew, {
  valid: [
    { name: 'Rollout with 3 replicas', files: { 'rollout.yaml': rollout() } },
    { name: 'DeploymentConfig under an HPA', files: { 'dc.yaml': deploymentConfig().replace('  replicas: 3\n', ''), 'hpa.yaml': hpaFor('DeploymentConfig', 'api', 2) } },
    { name: 'Rollout with workloadRef: the Deployment it borrows is checked', files: { 'rollout.yaml': workloadRefRollout.replace('  replicas: 3\n', '') } },
  ],
  invalid: [
    {
      name: 'Rollout with 1 replica',
      files: { 'rollout.yaml': rollout().replace('  replicas: 3', '  replicas: 1') },
      errors: [{ file: 'rollout.yaml', message: `${R} runs 1 replica (any node drain or crash takes it down)`, line: 5, column: 3, endLine: 5, endColumn: 14 }],
      output: { 'rollout.yaml': rollout() },
    },
    {
      name: 'DeploymentConfig without replicas, and an HPA naming it in the wrong API group',
      files: { 'dc.yaml': deploymentConfig().replace('  replicas: 3\n', ''), 'hpa.yaml': hpaFor('DeploymentConfig', 'api', 2, 'apps/v1') },
      errors: [{ file: 'dc.yaml', message: `${DC} runs 1 replica (replicas is not set and defaults to 1)`, line: 2, column: 1, endLine: 2, endColumn: 23 }],
      output: { 'dc.yaml': deploymentConfig().replace('  replicas: 3\n', '').replace('      - name: app\n        image: registry.example.com/shop/app:1.0.0\n', '      - name: app\n        image: registry.example.com/shop/app:1.0.0\n  replicas: 3\n') },
    },
  ],
});

workspaceRuleTester(hpaReplicasPinned, {
  valid: [{ name: 'Rollout under an HPA without replicas', files: { 'rollout.yaml': rollout().replace('  replicas: 3\n', ''), 'hpa.yaml': hpaFor('Rollout', 'web', 2) } }],
  invalid: [
    {
      name: 'Rollout under an HPA with replicas',
      files: { 'rollout.yaml': rollout(), 'hpa.yaml': hpaFor('Rollout', 'web', 2) },
      errors: [{ file: 'rollout.yaml', message: `${R} sets replicas: 3 while HorizontalPodAutoscaler "scaler" (hpa.yaml) scales it: every apply resets the scale the HPA chose`, line: 5, column: 3, endLine: 5, endColumn: 14 }],
      output: { 'rollout.yaml': rollout().replace('  replicas: 3\n', '') },
    },
  ],
});

/** What pod-spread-missing's fix appends to the pod spec (after `containers:`, the pod spec's last key here). */
const spreadOver = (app: string): string[] => [
  '      topologySpreadConstraints:',
  '      - maxSkew: 1',
  '        topologyKey: kubernetes.io/hostname',
  '        whenUnsatisfiable: ScheduleAnyway # kube-prod: DoNotSchedule makes it a hard rule, when every node can run these pods',
  '        labelSelector:',
  '          matchLabels:',
  `            app: ${app}`,
  '      - maxSkew: 1',
  '        topologyKey: topology.kubernetes.io/zone',
  '        whenUnsatisfiable: ScheduleAnyway',
  '        labelSelector:',
  '          matchLabels:',
  `            app: ${app}`,
];

workspaceRuleTester(podSpreadMissing, {
  valid: [
    { name: 'Rollout with spread constraints', files: { 'rollout.yaml': rollout({ podSpec: ['      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}]'] }) } },
    { name: 'DeploymentConfig with 1 replica', files: { 'dc.yaml': deploymentConfig().replace('  replicas: 3', '  replicas: 1') } },
  ],
  invalid: [
    {
      name: 'Rollout: the fix edits spec.template.spec',
      files: { 'rollout.yaml': rollout() },
      errors: [{ file: 'rollout.yaml', message: `${R} runs 3 replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`, line: 10, column: 5, endLine: 10, endColumn: 9 }],
      output: {
        'rollout.yaml': rollout({
          containers: [...APP, ...spreadOver('web')],
        }),
      },
    },
    {
      name: 'DeploymentConfig scaled by an HPA to 2 at least',
      files: { 'dc.yaml': deploymentConfig().replace('  replicas: 3\n', ''), 'hpa.yaml': hpaFor('DeploymentConfig', 'api', 2) },
      errors: [{ file: 'dc.yaml', message: `${DC} runs 2 replicas with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`, line: 9, column: 5, endLine: 9, endColumn: 9 }],
      output: {
        'dc.yaml': deploymentConfig({
          containers: [...APP, ...spreadOver('api')],
        }).replace('  replicas: 3\n', ''),
      },
    },
  ],
});

const service = (selector: string): string => yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: front, namespace: shop}', 'spec:', `  selector: ${selector}`, '  ports: [{port: 80, targetPort: 8080}]');

workspaceRuleTester(serviceSelectsNothing, {
  valid: [
    { name: 'a Rollout\'s pods', files: { 'rollout.yaml': rollout(), 'svc.yaml': service('{app: web}') } },
    { name: 'a DeploymentConfig\'s pods', files: { 'dc.yaml': deploymentConfig(), 'svc.yaml': service('{app: api}') } },
    { name: 'the deploymentconfig label OpenShift puts on its pods', files: { 'dc.yaml': deploymentConfig(), 'svc.yaml': service('{deploymentconfig: api}') } },
    { name: 'a Rollout with workloadRef runs pods of a Deployment the workspace may not show', files: { 'rollout.yaml': workloadRefRollout, 'dc.yaml': deploymentConfig(), 'svc.yaml': service('{app: web}') } },
  ],
  invalid: [
    {
      name: 'the namespace holds a Rollout: no operator hides pods there any more',
      files: { 'rollout.yaml': rollout(), 'svc.yaml': service('{app: www}') },
      errors: [{ file: 'svc.yaml', message: 'Service "front" selects no pods: no workload in namespace "shop" has labels app=www', line: 5, column: 3, endLine: 5, endColumn: 11 }],
    },
    {
      name: 'another DeploymentConfig\'s name',
      files: { 'dc.yaml': deploymentConfig(), 'svc.yaml': service('{deploymentconfig: web}') },
      errors: [{ file: 'svc.yaml', message: 'Service "front" selects no pods: no workload in namespace "shop" has labels deploymentconfig=web', line: 5, column: 3, endLine: 5, endColumn: 11 }],
    },
  ],
});

const allowAll = (podSelector: string): string =>
  yaml('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: p, namespace: shop}', 'spec:', `  podSelector: ${podSelector}`, '  ingress: [{from: [{podSelector: {}}]}]');

workspaceRuleTester(workloadNetworkPolicyMissing, {
  valid: [
    { name: 'Rollout selected', files: { 'rollout.yaml': rollout(), 'np.yaml': allowAll('{matchLabels: {app: web}}') } },
    { name: 'DeploymentConfig selected', files: { 'dc.yaml': deploymentConfig(), 'np.yaml': allowAll('{}') } },
  ],
  invalid: [
    {
      name: 'Rollout and DeploymentConfig, neither selected',
      files: { 'rollout.yaml': rollout(), 'dc.yaml': deploymentConfig(), 'np.yaml': allowAll('{matchLabels: {app: db}}') },
      errors: [
        { file: 'dc.yaml', message: `${DC}: no NetworkPolicy in namespace "shop" selects its pods (labels app=api)`, line: 2, column: 1, endLine: 2, endColumn: 23 },
        { file: 'rollout.yaml', message: `${R}: no NetworkPolicy in namespace "shop" selects its pods (labels app=web)`, line: 2, column: 1, endLine: 2, endColumn: 14 },
      ],
    },
  ],
});

describe('the checklist counts them', () => {
  const checklistOf = (files: Record<string, string>) => {
    const workspace = new Workspace({
      rules: RULES,
      config: resolveConfig(RULES, {}),
      onRuleError: (id, error) => {
        throw new Error(`rule ${id} threw: ${String(error)}`);
      },
    });
    for (const [file, text] of Object.entries(files)) workspace.update(`file:///repo/${file}`, text);
    return computeChecklist(workspace, undefined);
  };
  const item = (files: Record<string, string>, id: string) => checklistOf(files).sections.flatMap((s) => s.items).find((i) => i.id === id)!;

  it('replicas: a single-replica Rollout fails, a 3-replica DeploymentConfig passes', () => {
    const replicas = item({ 'rollout.yaml': rollout().replace('  replicas: 3', '  replicas: 1'), 'dc.yaml': deploymentConfig() }, 'replicas');
    assert.equal(replicas.count.total, 2);
    assert.equal(replicas.count.passing, 1);
    assert.deepEqual(replicas.failures.map((f) => `${f.kind} ${f.name}: ${f.messages.join('; ')}`), ['Rollout web: Rollout "web" runs 1 replica (any node drain or crash takes it down)']);
  });

  it('deployment-strategy: a DeploymentConfig with Recreate fails, a canary Rollout is not counted', () => {
    const strategy = item({ 'rollout.yaml': rollout(), 'dc.yaml': dcStrategy('    type: Recreate') }, 'deployment-strategy');
    assert.equal(strategy.count.total, 1);
    assert.deepEqual(strategy.failures.map((f) => `${f.kind} ${f.name}`), ['DeploymentConfig api']);
  });

  it('disruption budgets: a 3-replica Rollout without a PDB fails', () => {
    const budgets = item({ 'rollout.yaml': rollout() }, 'disruption-budgets');
    assert.deepEqual(budgets.failures.map((f) => `${f.kind} ${f.name}: ${f.messages.join('; ')}`), ['Rollout web: Rollout "web" runs 3 replicas and no PodDisruptionBudget selects its pods']);
  });
});
