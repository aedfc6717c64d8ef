import rule from '../../../server/src/rules/configuration/credential-committed';
import { ruleTester, yaml } from '../../helpers/ruleTester';

// Made-up credentials in the real formats (random, never issued).
const AWS_KEY_ID = 'AKIA454ML6LG4TJFCZ4K';
const AWS_SECRET = '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';
const GITHUB_PAT = 'ghp_DPrAJ71fTquWoGsbeKXgzg2sye9b2Rann76d';
const GITLAB_PAT = 'glpat-FbVV6q9rXxtNDFyuzX9k';
const SLACK_BOT = 'xoxb-601108436469-7482123789914-n66nVberACpdclsxHKifxi5C';
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/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';
const OPENSSH_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACDjKqp5Fc65tEnRulDqKiy7Gm4B+QvaJFotHYdpfRiiZQAAAJg5hXQIOYV0',
  '-----END OPENSSH PRIVATE KEY-----',
];

const SECRET_HINT = '# kube-prod: the Secret holding it: create it outside git (ExternalSecret, SealedSecret)';
const KEY_HINT = '# kube-prod: its key in that Secret';

/** A Deployment "api" whose container "app" has the given lines under it (indented 8). */
function deployment(...container: string[]): string {
  return yaml('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: api}', 'spec:', '  template:', '    spec:', '      containers:', '      - name: app', '        image: app:1', ...container.map((line) => `        ${line}`));
}

ruleTester(rule, {
  valid: [
    {
      name: 'references to Secrets',
      code: deployment(
        'envFrom: [{secretRef: {name: api-env}}]',
        'env:',
        '- {name: CONFIG_BLOB, valueFrom: {secretKeyRef: {name: api, key: blob}}}',
        '- {name: GITHUB_TOKEN, value: "$(GH_TOKEN)"}',
        'args: ["--token-file=/run/secrets/github/token", "--slack-url=${SLACK_WEBHOOK_URL}"]',
      ),
    },
    {
      name: 'placeholders and documentation examples',
      code: deployment(
        'env:',
        '- {name: CONFIG_BLOB, value: AKIAIOSFODNN7EXAMPLE}',
        '- {name: KEY_ID, value: AKIAXXXXXXXXXXXXXXXX}',
        '- {name: GH, value: ghp_xxx}',
        '- {name: GH2, value: ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx}',
        '- {name: SLACK, value: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"}',
        '- {name: GITLAB, value: "<your-token>"}',
        '- {name: BOT, value: "xoxb-your-bot-token"}',
        '- {name: GH3, value: "${GITHUB_TOKEN}"}',
      ),
    },
    { name: 'a Helm template is not checked at all', code: deployment('env:', '- {name: TOKEN, value: "{{ .Values.token }}"}') },
    {
      name: 'the ignore annotation works on custom resources too',
      code: yaml(
        'apiVersion: example.com/v1',
        'kind: Notifier',
        'metadata:',
        '  name: n',
        '  annotations: {kube-prod.dev/ignore: credential-committed}',
        `spec: {webhook: "${SLACK_WEBHOOK}"}`,
      ),
    },
    {
      name: 'certificates, public keys and a script that names a key header',
      code: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: tls}',
        'data:',
        '  ca.crt: |',
        '    -----BEGIN CERTIFICATE-----',
        '    MIIBszCCAVmgAwIBAgIUQk3vJzZ0bD0hYk2PqQdI0p5vV8kwCgYIKoZIzj0EAwIw',
        '    -----END CERTIFICATE-----',
        '  authorized_keys: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@bastion',
        '  check.sh: |',
        '    grep -q "-----BEGIN OPENSSH PRIVATE KEY-----" "$KEY_FILE" || exit 1',
        '  truncated.md: |',
        '    -----BEGIN RSA PRIVATE KEY-----',
        '    MIIEpAIBAAKCAQEA...',
        '    -----END RSA PRIVATE KEY-----',
      ),
    },
    {
      name: 'a Secret\'s data and stringData are secret-data-committed\'s; binaryData is binary; last-applied is a copy',
      code: yaml(
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: gh',
        '  annotations:',
        `    kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"token":"${GITHUB_PAT}"}}'`,
        `stringData: {token: ${GITHUB_PAT}}`,
        `data: {key: ${Buffer.from(AWS_KEY_ID).toString('base64')}}`,
        '---',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: blob}',
        `binaryData: {blob: ${AWS_KEY_ID}}`,
      ),
    },
    {
      name: 'a CRD schema describes fields, its examples are no values',
      code: yaml(
        'apiVersion: apiextensions.k8s.io/v1',
        'kind: CustomResourceDefinition',
        'metadata: {name: keys.example.com}',
        'spec:',
        '  versions:',
        '  - name: v1',
        '    schema:',
        '      openAPIV3Schema:',
        '        properties:',
        '          sshKey:',
        '            type: string',
        '            description: |',
        '              The deploy key, e.g.',
        ...OPENSSH_KEY.map((line) => `              ${line}`),
      ),
    },
    { name: 'not Kubernetes', code: yaml('github:', `  token: ${GITHUB_PAT}`) },
  ],
  invalid: [
    {
      name: "the issue's examples: env vars whatever their name (fixed to secretKeyRef), an argument, a webhook URL",
      code: deployment(
        'args: ["--push", "--github-token=' + GITHUB_PAT + '"]',
        'env:',
        '- name: CONFIG_BLOB',
        `  value: ${AWS_KEY_ID}`,
        '- name: ALERTS_URL',
        `  value: "${SLACK_WEBHOOK}"`,
        '- name: MODE',
        '  value: prod',
      ),
      errors: [
        { message: 'Deployment "api", container "app": args[1] contains a GitHub token', line: 10, column: 26, endLine: 10, endColumn: 83 },
        { message: 'Deployment "api", container "app": env var "CONFIG_BLOB" contains an AWS access key id', line: 13, column: 11, endLine: 13, endColumn: 38 },
        { message: 'Deployment "api", container "app": env var "ALERTS_URL" contains a Slack webhook URL', line: 15, column: 11, endLine: 15, endColumn: 99 },
      ],
      output: deployment(
        'args: ["--push", "--github-token=' + GITHUB_PAT + '"]',
        'env:',
        '- name: CONFIG_BLOB',
        '  valueFrom:',
        '    secretKeyRef:',
        `      name: api-secrets ${SECRET_HINT}`,
        `      key: config-blob ${KEY_HINT}`,
        '- name: ALERTS_URL',
        '  valueFrom:',
        '    secretKeyRef:',
        `      name: api-secrets ${SECRET_HINT}`,
        `      key: alerts-url ${KEY_HINT}`,
        '- name: MODE',
        '  value: prod',
      ),
    },
    {
      name: 'ConfigMap files: an OpenSSH key (the key line of its block), an AWS credentials file, tokens inside one-line files',
      code: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: deploy-keys}',
        'data:',
        '  id_ed25519: |',
        ...OPENSSH_KEY.map((line) => `    ${line}`),
        '  credentials: |',
        '    [default]',
        '    aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
        `    aws_secret_access_key = ${AWS_SECRET}`,
        `  gitlab.env: GITLAB_TOKEN=${GITLAB_PAT}`,
        `  slack.conf: "bot_token=${SLACK_BOT}"`,
      ),
      errors: [
        { message: 'ConfigMap "deploy-keys": data key "id_ed25519" contains an OpenSSH private key', line: 5, column: 3, endLine: 5, endColumn: 13 },
        { message: 'ConfigMap "deploy-keys": data key "credentials" contains an AWS secret access key', line: 10, column: 3, endLine: 10, endColumn: 14 },
        { message: 'ConfigMap "deploy-keys": data key "gitlab.env" contains a GitLab token', line: 14, column: 3, endLine: 14, endColumn: 54 },
        { message: 'ConfigMap "deploy-keys": data key "slack.conf" contains a Slack token', line: 15, column: 3, endLine: 15, endColumn: 83 },
      ],
    },
    {
      name: 'custom resources and annotations: any object, any field',
      code: yaml(
        'apiVersion: monitoring.coreos.com/v1alpha1',
        'kind: AlertmanagerConfig',
        'metadata:',
        '  name: team',
        '  annotations:',
        `    example.com/notify: "${SLACK_WEBHOOK}"`,
        'spec:',
        '  receivers:',
        '  - name: slack',
        '    slackConfigs:',
        `    - apiURL: {url: "${SLACK_WEBHOOK}"}`,
      ),
      errors: [
        { message: 'AlertmanagerConfig "team": annotation "example.com/notify" contains a Slack webhook URL', line: 6, column: 5, endLine: 6, endColumn: 106 },
        { message: 'AlertmanagerConfig "team": spec.receivers[0].slackConfigs[0].apiURL.url contains a Slack webhook URL', line: 11, column: 16, endLine: 11, endColumn: 102 },
      ],
    },
    {
      name: 'CronJob init container in flow style, fixed in place; a value beside valueFrom is not fixed',
      code: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: sync}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        `          initContainers: [{name: clone, image: git:2, env: [{name: REPO_AUTH, value: ${GITHUB_PAT}}]}]`,
        `          containers: [{name: sync, image: s:1, env: [{name: BOT, value: ${SLACK_BOT}, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]`,
      ),
      errors: [
        { message: 'CronJob "sync", init container "clone": env var "REPO_AUTH" contains a GitHub token', line: 10, column: 80, endLine: 10, endColumn: 127 },
        { message: 'CronJob "sync", container "sync": env var "BOT" contains a Slack token', line: 11, column: 67, endLine: 11, endColumn: 130 },
      ],
      output: yaml(
        'apiVersion: batch/v1',
        'kind: CronJob',
        'metadata: {name: sync}',
        'spec:',
        '  schedule: "0 * * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          initContainers: [{name: clone, image: git:2, env: [{name: REPO_AUTH, valueFrom: {secretKeyRef: {name: sync-secrets, key: repo-auth}}}]}]',
        `          containers: [{name: sync, image: s:1, env: [{name: BOT, value: ${SLACK_BOT}, valueFrom: {secretKeyRef: {name: s, key: k}}}]}]`,
      ),
    },
  ],
});
