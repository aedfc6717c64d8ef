import rule from '../../../server/src/rules/availability/hpa-missing-requests';
import { hpa, join, utilization, workload } from '../../helpers/availabilityFixtures';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const container = (name: string, resources?: string): string[] => [`      - name: ${name}`, `        image: ${name}:1`, ...(resources ? [`        resources: ${resources}`] : [])];
const cpuHpa = (options: { namespace?: string; metrics?: string[] } = {}): string => hpa({ target: 'api', minReplicas: 2, maxReplicas: 5, metrics: utilization('cpu'), ...options });
const limitRange = yaml('apiVersion: v1', 'kind: LimitRange', 'metadata: {name: defaults}', 'spec:', '  limits: [{type: Container, defaultRequest: {cpu: 100m, memory: 128Mi}}]');

workspaceRuleTester(rule, {
  valid: [
    { name: 'every container requests cpu', files: { 'deploy.yaml': workload({ name: 'api', containers: [...container('app', '{requests: {cpu: 100m}}'), ...container('proxy', '{requests: {cpu: 10m}}')] }), 'hpa.yaml': cpuHpa() } },
    { name: 'a limit alone becomes the request', files: { 'app.yaml': join(workload({ name: 'api', containers: container('app', '{limits: {cpu: 500m}}') }), cpuHpa()) } },
    {
      name: 'a plain init container has exited before the HPA measures',
      files: { 'deploy.yaml': workload({ name: 'api', initContainers: container('migrate'), containers: container('app', '{requests: {cpu: 100m}}') }), 'hpa.yaml': cpuHpa() },
    },
    { name: 'a LimitRange in the namespace may default the request', files: { 'deploy.yaml': workload({ name: 'api' }), 'limits.yaml': limitRange, 'hpa.yaml': cpuHpa() } },
    { name: 'pod-level requests', files: { 'deploy.yaml': workload({ name: 'api', podSpec: ['      resources: {requests: {cpu: "1"}}'] }), 'hpa.yaml': cpuHpa() } },
    {
      name: 'an AverageValue target needs no request',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': cpuHpa({ metrics: ['  - type: Resource', '    resource:', '      name: memory', '      target: {type: AverageValue, averageValue: 500Mi}'] }) },
    },
    { name: 'the target is not in the workspace', files: { 'hpa.yaml': cpuHpa() } },
    { name: 'the target is in another namespace', files: { 'deploy.yaml': workload({ name: 'api', namespace: 'shop' }), 'hpa.yaml': cpuHpa() } },
  ],
  invalid: [
    {
      name: 'a container without requests, another file',
      files: { 'deploy.yaml': workload({ name: 'api' }), 'hpa.yaml': cpuHpa() },
      errors: [
        {
          file: 'hpa.yaml',
          message: 'HorizontalPodAutoscaler "scaler" scales on cpu utilization, but Deployment "api" (deploy.yaml) has no cpu request on container "app": the HPA cannot compute utilization and takes no action on this metric',
          line: 15,
          column: 7,
          endLine: 15,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'cpu and memory, a sidecar init container counts, same file, namespaced',
      files: {
        'app.yaml': join(
          workload({
            name: 'api',
            namespace: 'shop',
            initContainers: [...container('migrate'), ...container('proxy'), '        restartPolicy: Always'],
            containers: container('app', '{requests: {cpu: 100m}}'),
          }),
          cpuHpa({ namespace: 'shop', metrics: [...utilization('cpu'), ...utilization('memory', 80)] }),
        ),
      },
      errors: [
        {
          file: 'app.yaml',
          message: 'HorizontalPodAutoscaler "scaler" scales on cpu utilization, but Deployment "api" has no cpu request on init container "proxy": the HPA cannot compute utilization and takes no action on this metric',
          line: 37,
          column: 7,
          endLine: 37,
          endColumn: 16,
        },
        {
          file: 'app.yaml',
          message: 'HorizontalPodAutoscaler "scaler" scales on memory utilization, but Deployment "api" has no memory request on container "app" and init container "proxy": the HPA cannot compute utilization and takes no action on this metric',
          line: 41,
          column: 7,
          endLine: 41,
          endColumn: 19,
        },
      ],
    },
    {
      name: 'autoscaling/v1 targetCPUUtilizationPercentage on a StatefulSet',
      files: {
        'db.yaml': workload({ kind: 'StatefulSet', name: 'db', containers: container('db', '{requests: {memory: 1Gi}}') }),
        'hpa.yaml': yaml('apiVersion: autoscaling/v1', 'kind: HorizontalPodAutoscaler', 'metadata: {name: db}', 'spec:', '  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}', '  maxReplicas: 5', '  targetCPUUtilizationPercentage: 80'),
      },
      errors: [
        {
          file: 'hpa.yaml',
          message: 'HorizontalPodAutoscaler "db" scales on cpu utilization, but StatefulSet "db" (db.yaml) has no cpu request on container "db": the HPA cannot compute utilization and takes no action on this metric',
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 37,
        },
      ],
    },
  ],
});
