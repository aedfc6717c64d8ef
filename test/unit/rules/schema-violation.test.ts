import rule from '../../../server/src/rules/api-versions/schema-violation';
import { ruleTester, yaml } from '../../helpers/ruleTester';

const deployment = (...containerLines: string[]): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    '      containers:',
    ...containerLines,
  );

ruleTester(rule, {
  valid: [
    {
      name: 'a complete Deployment: int-or-string ports, quantities written as numbers and strings, null fields',
      code: deployment(
        '      - name: web',
        '        image: nginx:1.27',
        '        imagePullPolicy: IfNotPresent',
        '        ports:',
        '        - {containerPort: 8080, name: http, protocol: TCP}',
        '        livenessProbe:',
        '          httpGet: {path: /healthz, port: http}',
        '        readinessProbe:',
        '          tcpSocket: {port: 8080}',
        '        resources:',
        '          requests: {cpu: 0.5, memory: 128Mi}',
        '          limits: {cpu: 1, memory: 1Gi}',
        '        env:',
        '        - {name: MODE, value: "1"}',
        '        securityContext:',
        '          runAsNonRoot: true',
        '          capabilities: {drop: [ALL]}',
        '        args:',
      ),
    },
    {
      name: 'status and creationTimestamp: null, as kubectl create --dry-run writes them',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  creationTimestamp: null', 'data:', '  key: value', 'binaryData: {}'),
    },
    {
      name: 'a Service whose targetPort is a name',
      code: yaml('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  selector: {app: web}', '  ports:', '  - {port: 80, targetPort: http}'),
    },
    {
      name: 'a merge key and an alias resolve before validation',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - &base {name: a, image: nginx}',
        '  - <<: *base',
        '    name: b',
      ),
    },
    {
      name: 'an empty string where the spec lists values is unset (the API fills in the default); ${VAR} placeholders are not judged',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  restartPolicy: ""', '  containers:', '  - {name: a, image: nginx, imagePullPolicy: "", ports: [{containerPort: "${PORT}"}]}'),
    },
    {
      name: 'YAML 1.1: merge keys and timestamps read as kubectl reads them',
      code: yaml('%YAML 1.1', '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: p, annotations: {date: 2020-01-01}}', 'spec:', '  containers:', '  - &c {name: a, image: x}', '  - <<: *c', '    name: b'),
    },
    { name: 'a custom resource: no schema for it, no finding', code: yaml('apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec: {anything: [1, 2]}') },
    { name: 'a removed apiVersion is deprecated-api-version\'s, not a schema error', code: yaml('apiVersion: extensions/v1beta1', 'kind: Deployment', 'metadata: {name: x}', 'spec: {template: {}}') },
    { name: 'not Kubernetes', code: yaml('name: ci', 'on: [push]', 'jobs: {build: {runs-on: ubuntu-latest}}') },
    {
      name: 'a placeholder of another templating step ({{x}} parses as a mapping) is not judged',
      code: yaml('apiVersion: v1', 'kind: ReplicationController', 'metadata: {name: etcd}', 'spec:', '  replicas: {{replicas}}', '  template: {metadata: {labels: {cell: {{cell}}}}}'),
    },
    {
      name: 'free-form fields stay free: a CRD schema and a ConfigMap of any keys',
      code: yaml(
        'apiVersion: apiextensions.k8s.io/v1',
        'kind: CustomResourceDefinition',
        'metadata: {name: widgets.example.com}',
        'spec:',
        '  group: example.com',
        '  names: {kind: Widget, plural: widgets}',
        '  scope: Namespaced',
        '  versions:',
        '  - name: v1',
        '    served: true',
        '    storage: true',
        '    schema:',
        '      openAPIV3Schema:',
        '        type: object',
        '        x-kubernetes-preserve-unknown-fields: true',
      ),
    },
  ],
  invalid: [
    {
      name: 'a misspelled field: named on the key, renamed by the fix',
      code: deployment('      - name: web', '        image: nginx', '        livenessprobe:', '          httpGet: {path: /, port: 80}'),
      errors: [{ message: 'Unknown field `livenessprobe` in Container; did you mean `livenessProbe`?', line: 15, column: 9, endLine: 15, endColumn: 22 }],
      output: deployment('      - name: web', '        image: nginx', '        livenessProbe:', '          httpGet: {path: /, port: 80}'),
    },
    {
      name: 'one edit away, in quotes: the rename keeps the quotes',
      code: deployment('      - name: web', '        image: nginx', '        "resource": {limits: {cpu: 1}}'),
      errors: [{ message: 'Unknown field `resource` in Container; did you mean `resources`?', line: 15, column: 9, endLine: 15, endColumn: 19 }],
      output: deployment('      - name: web', '        image: nginx', '        "resources": {limits: {cpu: 1}}'),
    },
    {
      name: 'no close field: no suggestion and no fix',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'spec: {a: b}'),
      errors: [{ message: 'Unknown field `spec` in ConfigMap: the API server rejects it.', line: 4, column: 1, endLine: 4, endColumn: 5 }],
    },
    {
      name: 'the field it meant is there already: no rename',
      code: deployment('      - name: web', '        image: nginx', '        resources: {}', '        resource: {}'),
      errors: [{ message: 'Unknown field `resource` in Container; did you mean `resources`?', line: 16, column: 9, endLine: 16, endColumn: 17 }],
    },
    {
      name: 'a misspelled required field is one finding, not also "missing"',
      code: deployment('      - nmae: web', '        image: nginx'),
      errors: [{ message: 'Unknown field `nmae` in Container; did you mean `name`?', line: 13, column: 9, endLine: 13, endColumn: 13 }],
      output: deployment('      - name: web', '        image: nginx'),
    },
    {
      name: 'a string where the API wants an integer, in the words of the field\'s documentation',
      code: deployment('      - name: web', '        image: nginx', '        ports:', '        - containerPort: "80"'),
      errors: [
        {
          message: '`containerPort` must be an integer, not the string "80": Number of port to expose on the pod\'s IP address.',
          line: 16,
          column: 26,
          endLine: 16,
          endColumn: 30,
        },
      ],
    },
    {
      name: 'an annotation value must be a string (prometheus.io/scrape: true)',
      code: yaml('apiVersion: v1', 'kind: Service', 'metadata:', '  name: s', '  annotations:', '    prometheus.io/scrape: true', 'spec: {ports: [{port: 80}]}'),
      errors: [{ message: '`prometheus.io/scrape` must be a string, not the boolean true', line: 6, column: 27, endLine: 6, endColumn: 31 }],
    },
    {
      name: 'a required field left out: on the list item',
      code: deployment('      - image: nginx'),
      errors: [{ message: 'Container is missing the required field `name`: Name of the container specified as a DNS_LABEL.', line: 13, column: 9, endLine: 13, endColumn: 14 }],
    },
    {
      name: 'a value outside the documented ones',
      code: yaml('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  restartPolicy: always', '  containers: [{name: a, image: nginx}]'),
      errors: [
        {
          message: '`restartPolicy` must be one of Always, OnFailure, Never, not the string "always": Restart policy for all containers within the pod.',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 24,
        },
      ],
    },
  ],
});
