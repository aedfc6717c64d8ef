import rule from '../../../server/src/rules/configuration/secret-env-literal';
import { ruleTester, yaml } from '../../helpers/ruleTester';

/** A Deployment whose single container has the given env entries (each entry one line of flow YAML). */
function deployment(...env: string[]): string {
  return yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: web', '        image: w:1', '        env:', ...env.map((e) => `        - ${e}`));
}

ruleTester(rule, {
  valid: [
    { name: 'secretKeyRef', code: deployment('{name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: db, key: password}}}') },
    {
      name: 'names that point at a secret or describe it',
      code: deployment(
        '{name: DB_PASSWORD_FILE, value: /run/secrets/db}',
        '{name: AWS_ACCESS_KEY_ID, value: AKIAABCDEFGHIJKLMNOP}',
        '{name: OAUTH_TOKEN_URL, value: "https://id.example.com/token"}',
        '{name: TLS_SECRET_NAME, value: web-tls}',
        '{name: IMAGE_PULL_SECRET, value: regcred}',
        '{name: TOKEN_TTL, value: 1h}',
        '{name: MAX_TOKENS, value: "4096"}',
        '{name: ETCD_INITIAL_CLUSTER_TOKEN, value: etcd-cluster-1}',
      ),
    },
    {
      name: 'values that hold no secret',
      code: deployment('{name: DB_PASSWORD, value: ""}', '{name: REQUIRE_PASSWORD, value: "true"}', '{name: ADMIN_PASSWORD, value: "$(DB_PASSWORD)"}', '{name: API_TOKEN}', '{name: JWT_SECRET, value: null}'),
    },
    { name: 'ignoreNames option', code: deployment('{name: SESSION_SECRET, value: dev-only}'), options: { ignoreNames: ['SESSION_SECRET'] } },
    { name: 'a CRD with a pod-like shape', code: yaml('apiVersion: example.com/v1', 'kind: Deployment', 'spec: {template: {spec: {containers: [{name: w, env: [{name: DB_PASSWORD, value: x}]}]}}}') },
    { name: 'not Kubernetes', code: yaml('env:', '- name: DB_PASSWORD', '  value: hunter2') },
  ],
  invalid: [
    {
      name: 'init and regular containers, the value entry',
      code: yaml(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: api}',
        'spec:',
        '  template:',
        '    spec:',
        '      initContainers:',
        '      - name: migrate',
        '        image: m:1',
        '        env:',
        '        - name: DB_PASSWORD',
        '          value: hunter2',
        '      containers:',
        '      - name: web',
        '        image: w:1',
        '        env:',
        '        - name: DB_PASSWORD_FILE',
        '          value: /run/secrets/db',
        '        - name: STRIPE_API_KEY',
        '          value: "sk_live_123"',
      ),
      errors: [
        { message: 'Deployment "api", init container "migrate": env var "DB_PASSWORD" has a literal value; use valueFrom.secretKeyRef', line: 12, column: 11, endLine: 12, endColumn: 25 },
        { message: 'Deployment "api", container "web": env var "STRIPE_API_KEY" has a literal value; use valueFrom.secretKeyRef', line: 20, column: 11, endLine: 20, endColumn: 31 },
      ],
    },
    {
      name: 'CronJob nesting, flow style, fused and camelCase names',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: backup}',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '          - {name: dump, image: "pg:16", env: [{name: PGPASSWORD, value: s3cret}, {name: awsSecretAccessKey, value: abc}]}',
      ),
      errors: [
        { message: 'CronJob "backup", container "dump": env var "PGPASSWORD" has a literal value; use valueFrom.secretKeyRef', line: 11, column: 67, endLine: 11, endColumn: 80 },
        { message: 'CronJob "backup", container "dump": env var "awsSecretAccessKey" has a literal value; use valueFrom.secretKeyRef', line: 11, column: 110, endLine: 11, endColumn: 120 },
      ],
    },
    {
      name: 'an env list shared through an alias is reported for each container; numbers are literals too',
      code: yaml(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  containers:',
        '  - name: a',
        '    image: a:1',
        '    env: &env',
        '    - name: GITHUB_TOKEN',
        '      value: ghp_xxx',
        '  - name: b',
        '    image: b:1',
        '    env: *env',
        '  - name: c',
        '    image: c:1',
        '    env: [{name: MYSQL_ROOT_PASSWORD, value: 12345}]',
      ),
      errors: [
        { message: 'Pod "p", container "a": env var "GITHUB_TOKEN" has a literal value; use valueFrom.secretKeyRef', line: 10, column: 7, endLine: 10, endColumn: 21 },
        { message: 'Pod "p", container "b": env var "GITHUB_TOKEN" has a literal value; use valueFrom.secretKeyRef', line: 10, column: 7, endLine: 10, endColumn: 21 },
        { message: 'Pod "p", container "c": env var "MYSQL_ROOT_PASSWORD" has a literal value; use valueFrom.secretKeyRef', line: 16, column: 39, endLine: 16, endColumn: 51 },
      ],
    },
  ],
});
