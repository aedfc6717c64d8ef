import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLiteralSecretValue, isSecretName, nameWords } from '../../../server/src/engine/secretNames';

describe('nameWords', () => {
  it('splits snake, kebab, dotted and camel case', () => {
    assert.deepEqual(nameWords('DB_PASSWORD'), ['DB', 'PASSWORD']);
    assert.deepEqual(nameWords('db-password'), ['DB', 'PASSWORD']);
    assert.deepEqual(nameWords('spring.datasource.password'), ['SPRING', 'DATASOURCE', 'PASSWORD']);
    assert.deepEqual(nameWords('awsSecretAccessKey'), ['AWS', 'SECRET', 'ACCESS', 'KEY']);
    assert.deepEqual(nameWords('APIKey'), ['API', 'KEY']);
  });
});

describe('isSecretName', () => {
  it('recognises secret terms as the last word', () => {
    for (const name of [
      'PASSWORD', 'MYSQL_ROOT_PASSWORD', 'WSREP_SST_PASSWORD', 'REDIS_PASSWD', 'PGPASSWORD', 'SSH_PASSPHRASE', 'JWT_SECRET',
      'GITHUB_CLIENT_SECRET', 'GITHUB_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'GOOGLE_APPLICATION_CREDENTIALS', 'DOCKER_CREDS',
      'STRIPE_API_KEY', 'APIKEY', 'ACCESS_KEY', 'MINIO_ACCESS_KEY', 'MINIO_SECRET_KEY', 'AWS_SECRET_ACCESS_KEY', 'TLS_PRIVATE_KEY',
      'AZURE_STORAGE_ACCOUNT_KEY', 'NRIA_LICENSE_KEY', 'dbPassword', 'db-password', 'apiKey', 'credentials.json',
    ]) {
      assert.equal(isSecretName(name), true, name);
    }
  });

  it('keeps encoding suffixes and numbers on the secret', () => {
    for (const name of ['SECRET_KEY_BASE', 'GCP_CREDENTIALS_JSON', 'PRIVATE_KEY_PEM', 'TOKEN_B64', 'DB_PASSWORD_2', 'API_KEY_VALUE']) {
      assert.equal(isSecretName(name), true, name);
    }
  });

  it('rejects names whose head is a pointer to or a property of a secret', () => {
    for (const name of [
      'DB_PASSWORD_FILE', 'PASSWORD_PATH', 'SECRETS_DIR', 'TLS_SECRET_NAME', 'TOKEN_REF', 'AWS_ACCESS_KEY_ID', 'TOKEN_URL',
      'OAUTH_TOKEN_ENDPOINT', 'TOKEN_TTL', 'TOKEN_EXPIRY', 'PASSWORD_MIN_LENGTH', 'REQUIRE_PASSWORD_CHANGE', 'ARGOCD_REDIS_KEY_PREFIX',
      'ARGOCD_SERVER_REPO_SERVER_CLIENT_CERT_KEY_PATH', 'ARGOCD_APPLICATIONSET_CONTROLLER_TOKENREF_STRICT_MODE', 'KUBERNETES_CA_CERTIFICATE_FILE',
    ]) {
      assert.equal(isSecretName(name), false, name);
    }
  });

  it('rejects words that only resemble secret terms', () => {
    for (const name of ['PWD', 'KEY', 'CACHE_KEY', 'PARTITION_KEY', 'AUTH', 'TOKENIZER', 'MAX_TOKENS', 'MAX_TOKEN', 'NUM_TOKEN', 'SECRETARY', 'PASSTHROUGH', 'BYPASS']) {
      assert.equal(isSecretName(name), false, name);
    }
  });

  it('rejects names of Kubernetes Secret objects and known non-secrets', () => {
    for (const name of ['IMAGE_PULL_SECRET', 'TLS_SECRET', 'ETCD_INITIAL_CLUSTER_TOKEN']) {
      assert.equal(isSecretName(name), false, name);
    }
  });
});

describe('isLiteralSecretValue', () => {
  it('accepts non-empty literals and numbers', () => {
    for (const value of ['hunter2', 'sk_live_123', ' x ', 12345]) assert.equal(isLiteralSecretValue(value), true, String(value));
  });

  it('rejects empty values, switches, variable references and non-scalars', () => {
    for (const value of ['', '   ', 'true', 'False', 'yes', 'off', '$(DB_PASSWORD)', 'Bearer $(TOKEN)', '${GITHUB_TOKEN}', true, null, undefined, {}]) {
      assert.equal(isLiteralSecretValue(value), false, JSON.stringify(value) ?? 'undefined');
    }
  });
});
