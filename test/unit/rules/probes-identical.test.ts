import rule from '../../../server/src/rules/health-checks/probes-identical';
import { ruleTester, yaml } from '../../helpers/ruleTester';

/** A Deployment "api" whose single container "web" (line 8) has the given probe lines. */
const deployment = (...probeLines: string[]): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: api}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: web',
    '        ports: [{name: http, containerPort: 8080}]',
    ...probeLines,
  );

ruleTester(rule, {
  valid: [
    {
      name: 'different endpoints',
      code: deployment(
        '        livenessProbe: {httpGet: {path: /healthz, port: 8080}}',
        '        readinessProbe: {httpGet: {path: /ready, port: 8080}}',
      ),
    },
    {
      name: 'same endpoint, liveness more tolerant',
      code: deployment(
        '        livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 6}',
        '        readinessProbe: {httpGet: {path: /healthz, port: 8080}}',
      ),
    },
    {
      name: 'different handlers',
      code: deployment('        livenessProbe: {tcpSocket: {port: 8080}}', '        readinessProbe: {httpGet: {path: /, port: 8080}}'),
    },
    {
      name: 'only one probe',
      code: deployment('        readinessProbe: {httpGet: {path: /ready, port: 8080}}'),
    },
    {
      name: 'probes without a handler are not compared',
      code: deployment('        livenessProbe: {periodSeconds: 5}', '        readinessProbe: {periodSeconds: 5}'),
    },
    {
      name: 'Jobs are not checked',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: Job',
        'metadata: {name: once}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: run',
        '        livenessProbe: {exec: {command: [true]}}',
        '        readinessProbe: {exec: {command: [true]}}',
      ),
    },
    {
      name: 'a CRD',
      code: yaml(
        'apiVersion: example.com/v1',
        'kind: Deployment',
        'metadata: {name: x}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: web',
        '        livenessProbe: {tcpSocket: {port: 80}}',
        '        readinessProbe: {tcpSocket: {port: 80}}',
      ),
    },
  ],
  invalid: [
    {
      name: 'textually identical, finding on the livenessProbe key',
      code: deployment(
        '        livenessProbe:',
        '          httpGet: {path: /healthz, port: 8080}',
        '          periodSeconds: 15',
        '        readinessProbe:',
        '          httpGet: {path: /healthz, port: 8080}',
        '          periodSeconds: 15',
      ),
      errors: [{ message: 'Deployment "api", container "web": livenessProbe is identical to readinessProbe', line: 10, column: 9, endLine: 10, endColumn: 22, severity: 'info' }],
    },
    {
      name: 'semantically identical: defaults spelled out, key order, named vs numbered port, numeric string, flow vs block',
      code: deployment(
        '        readinessProbe: {httpGet: {port: http, path: /healthz}, periodSeconds: 10, failureThreshold: 3}',
        '        livenessProbe:',
        '          timeoutSeconds: "1"',
        '          httpGet:',
        '            path: /healthz',
        '            port: 8080',
        '            scheme: HTTP',
      ),
      errors: [{ message: 'Deployment "api", container "web": livenessProbe is identical to readinessProbe', line: 11, column: 9, endLine: 11, endColumn: 22 }],
    },
    {
      name: 'one probe aliased as the other, second container differs',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: StatefulSet',
        'metadata: {name: db}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '      - name: pg',
        '        readinessProbe: &check',
        '          exec: {command: [pg_isready, -U, postgres]}',
        '        livenessProbe: *check',
        '      - name: exporter',
        '        livenessProbe: {tcpSocket: {port: 9187}}',
        '        readinessProbe: {httpGet: {path: /, port: 9187}}',
      ),
      errors: [{ message: 'StatefulSet "db", container "pg": livenessProbe is identical to readinessProbe', line: 11, column: 9, endLine: 11, endColumn: 22 }],
    },
    {
      name: 'merge keys; a liveness-only terminationGracePeriodSeconds and a spelled-out default change nothing',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: app',
        '    livenessProbe:',
        '      <<: &check {grpc: {port: 9000}}',
        '      terminationGracePeriodSeconds: 60',
        '    readinessProbe:',
        '      <<: *check',
        '      initialDelaySeconds: 0',
      ),
      errors: [{ message: 'Pod "p", container "app": livenessProbe is identical to readinessProbe', line: 7, column: 5, endLine: 7, endColumn: 18 }],
    },
  ],
});
