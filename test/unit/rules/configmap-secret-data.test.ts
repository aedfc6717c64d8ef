import rule from '../../../server/src/rules/configuration/configmap-secret-data';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    {
      name: 'a config file that talks about tokens and passwords',
      code: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: app}',
        'data:',
        '  app.yaml: |',
        '    auth:',
        '      token_file: /var/run/secrets/token',
        '      password: ${DB_PASSWORD}',
        '      api_key: changeme',
        '  LOG_LEVEL: info',
      ),
    },
    {
      name: 'secret-looking keys that point elsewhere or are empty',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: app}', 'data:', '  DB_PASSWORD_FILE: /run/secrets/db', '  password.required: "true"', '  SMTP_PASSWORD: ""', '  oauth.token.url: https://id.example.com/token'),
    },
    {
      name: 'a script that checks for a key header',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: s}', 'data:', '  check.sh: |', '    grep -q "-----BEGIN RSA PRIVATE KEY-----" /etc/tls/key.pem'),
    },
    {
      name: 'certificates and the AWS documentation example key',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: ca}', 'data:', '  ca.crt: |', '    -----BEGIN CERTIFICATE-----', '    MIIB', '  aws.conf: "key_id = AKIAIOSFODNN7EXAMPLE"'),
    },
    {
      name: 'credentials recognised by their format are credential-committed\'s, whatever the key is called',
      code: yaml(
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata: {name: tls}',
        'data:',
        '  private.key: |',
        '    -----BEGIN RSA PRIVATE KEY-----',
        '    MIIEowIBAAKCAQEAx3mB4p9Qk2Hn0Zp',
        '    -----END RSA PRIVATE KEY-----',
        '  GITHUB_TOKEN: ghp_DPrAJ71fTquWoGsbeKXgzg2sye9b2Rann76d',
      ),
    },
    { name: 'a CRD', code: yaml('apiVersion: example.com/v1', 'kind: ConfigMap', 'metadata: {name: x}', 'data: {password: hunter2}') },
  ],
  invalid: [
    {
      name: 'secret-looking keys with values: the key entry',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: app}', 'data:', '  LOG_LEVEL: info', '  DB_PASSWORD: hunter2', '  apiKey: "abc123"'),
      errors: [
        { message: 'ConfigMap "app": data key "DB_PASSWORD" looks like a secret and has a value', line: 6, column: 3, endLine: 6, endColumn: 23 },
        { message: 'ConfigMap "app": data key "apiKey" looks like a secret and has a value', line: 7, column: 3, endLine: 7, endColumn: 19 },
      ],
    },
    {
      name: 'binaryData key names in flow style',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: gcp}', 'binaryData: {credentials.json: eyJ9, logo.png: iVBO}'),
      errors: [{ message: 'ConfigMap "gcp": binaryData key "credentials.json" looks like a secret and has a value', line: 4, column: 14, endLine: 4, endColumn: 36 }],
    },
  ],
});
