// Small manifests for the availability workspace rules' tests. Every builder writes one object
// per line in a fixed order, so a test can name the exact line of each entry:
//   workload: 1 apiVersion, 2 kind, 3 metadata, 4 name, [namespace], spec, [replicas], [serviceName], selector, ...
//   pdb:      1 apiVersion, 2 kind, 3 metadata, 4 name, [namespace], spec, [minAvailable], [maxUnavailable], selector
//   hpa:      1 apiVersion, 2 kind, 3 metadata, 4 name, [namespace], spec, scaleTargetRef (+3 lines), [minReplicas], [maxReplicas], [metrics...]
import { yaml } from './ruleTester';

/** The apiVersion each workload kind is written with (the extension workloads live in their projects' groups). */
const API_VERSION_OF: Readonly<Record<string, string>> = { Rollout: 'argoproj.io/v1alpha1', DeploymentConfig: 'apps.openshift.io/v1' };
const apiVersionOf = (kind: string): string => API_VERSION_OF[kind] ?? 'apps/v1';

export interface WorkloadOptions {
  kind?: string;
  name: string;
  replicas?: number;
  /** Flow-style label entries, `app: api` by default. */
  labels?: string;
  namespace?: string;
  serviceName?: string;
  spread?: 'topology' | 'antiAffinity';
  /** Lines under `containers:` (6 spaces of indentation for `- `). */
  containers?: string[];
  /** Lines under `initContainers:`. */
  initContainers?: string[];
  /** Extra pod spec lines (6 spaces of indentation). */
  podSpec?: string[];
}

export function workload(o: WorkloadOptions): string {
  const labels = o.labels ?? `app: ${o.name}`;
  const spread =
    o.spread === 'topology'
      ? [`      topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {${labels}}}}]`]
      : o.spread === 'antiAffinity'
        ? [
            '      affinity:',
            '        podAntiAffinity:',
            `          preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {${labels}}}}}]`,
          ]
        : [];
  const kind = o.kind ?? 'Deployment';
  return yaml(
    `apiVersion: ${apiVersionOf(kind)}`,
    `kind: ${kind}`,
    'metadata:',
    `  name: ${o.name}`,
    ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
    'spec:',
    ...(o.replicas === undefined ? [] : [`  replicas: ${o.replicas}`]),
    ...(o.serviceName === undefined ? [] : [`  serviceName: ${o.serviceName}`]),
    // A DeploymentConfig's selector is a plain label map, like a ReplicationController's.
    kind === 'DeploymentConfig' ? `  selector: {${labels}}` : `  selector: {matchLabels: {${labels}}}`,
    '  template:',
    `    metadata: {labels: {${labels}}}`,
    '    spec:',
    ...spread,
    ...(o.podSpec ?? []),
    ...(o.initContainers ? ['      initContainers:', ...o.initContainers] : []),
    '      containers:',
    ...(o.containers ?? ['      - {name: app, image: "app:1"}']),
  );
}

export interface PdbOptions {
  name?: string;
  apiVersion?: string;
  namespace?: string;
  /** As written after `selector: `. */
  selector: string;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
}

const scalar = (value: number | string): string => (typeof value === 'number' ? String(value) : `"${value}"`);

export function pdb(o: PdbOptions): string {
  return yaml(
    `apiVersion: ${o.apiVersion ?? 'policy/v1'}`,
    'kind: PodDisruptionBudget',
    'metadata:',
    `  name: ${o.name ?? 'budget'}`,
    ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
    'spec:',
    ...(o.minAvailable === undefined ? [] : [`  minAvailable: ${scalar(o.minAvailable)}`]),
    ...(o.maxUnavailable === undefined ? [] : [`  maxUnavailable: ${scalar(o.maxUnavailable)}`]),
    `  selector: ${o.selector}`,
  );
}

export interface HpaOptions {
  name?: string;
  namespace?: string;
  target: string;
  targetKind?: string;
  /** scaleTargetRef.apiVersion; by default the one the target kind is written with. */
  targetApiVersion?: string;
  minReplicas?: number;
  maxReplicas?: number;
  /** Lines under `metrics:` (2 spaces of indentation for `- `). */
  metrics?: string[];
}

export function hpa(o: HpaOptions): string {
  return yaml(
    'apiVersion: autoscaling/v2',
    'kind: HorizontalPodAutoscaler',
    'metadata:',
    `  name: ${o.name ?? 'scaler'}`,
    ...(o.namespace ? [`  namespace: ${o.namespace}`] : []),
    'spec:',
    '  scaleTargetRef:',
    `    apiVersion: ${o.targetApiVersion ?? apiVersionOf(o.targetKind ?? 'Deployment')}`,
    `    kind: ${o.targetKind ?? 'Deployment'}`,
    `    name: ${o.target}`,
    ...(o.minReplicas === undefined ? [] : [`  minReplicas: ${o.minReplicas}`]),
    ...(o.maxReplicas === undefined ? [] : [`  maxReplicas: ${o.maxReplicas}`]),
    ...(o.metrics ? ['  metrics:', ...o.metrics] : []),
  );
}

/** A Resource metric with a Utilization target: its `name:` entry is the line after `resource:`. */
export const utilization = (resource: string, percent = 70): string[] => [
  '  - type: Resource',
  '    resource:',
  `      name: ${resource}`,
  `      target: {type: Utilization, averageUtilization: ${percent}}`,
];

export function service(name: string, selector: string, namespace?: string): string {
  return yaml(
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  clusterIP: None',
    `  selector: {${selector}}`,
    '  ports: [{port: 80}]',
  );
}

/** Documents of one file. */
export const join = (...documents: string[]): string => documents.join('---\n');
