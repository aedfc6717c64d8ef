import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialIn, isPlaceholderToken } from '../../../server/src/engine/secretValues';

// Made-up credentials in the real formats (random, never issued).
const AWS_KEY_ID = 'AKIA454ML6LG4TJFCZ4K';
const AWS_SESSION_KEY_ID = 'ASIAAEDCMPB5U4MOS7AF';
const AWS_SECRET = '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';
const GITHUB_PAT = 'ghp_DPrAJ71fTquWoGsbeKXgzg2sye9b2Rann76d';
const GITHUB_FINE_GRAINED = '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';
const GITLAB_PAT = 'glpat-FbVV6q9rXxtNDFyuzX9k';
const SLACK_BOT = 'xoxb-601108436469-7482123789914-n66nVberACpdclsxHKifxi5C';
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/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';
const AZURE_KEY = 'Gz3zBXCOArr+SfiJvo58JB0W+O5PjeJfJTNcrZ6ydIEsgo5nVjzz8Gwb8ewCISuYCl0Xq56zaWR7PAmpBFXlNP==';
const KEY_LINE = 'HcSke4R1J/dBi2ewQr8t4+lC4LvGNWAMsI+z0oaWdfZp/lvi60ZIF8+qR38Ony1d';

const block = (header: string, ...body: string[]): string => [`-----BEGIN ${header}-----`, ...body, `-----END ${header}-----`, ''].join('\n');

describe('credentialIn: private keys', () => {
  it('names each kind of private key block', () => {
    const cases: Array<[string, string]> = [
      ['PRIVATE KEY', 'a private key'],
      ['RSA PRIVATE KEY', 'an RSA private key'],
      ['EC PRIVATE KEY', 'an EC private key'],
      ['DSA PRIVATE KEY', 'a DSA private key'],
      ['OPENSSH PRIVATE KEY', 'an OpenSSH private key'],
      ['ENCRYPTED PRIVATE KEY', 'an encrypted private key'],
      ['PGP PRIVATE KEY BLOCK', 'a PGP private key'],
    ];
    for (const [header, what] of cases) assert.equal(credentialIn(`config:\n${block(header, KEY_LINE)}`), what, header);
  });

  it('finds short bodies, armor headers, a differing or missing END line, one-line and JSON-escaped keys', () => {
    assert.equal(credentialIn(block('OPENSSH PRIVATE KEY', 'b3BlbnNzaC1r')), 'an OpenSSH private key');
    assert.equal(credentialIn(block('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-128-CBC,AB12', '', KEY_LINE)), 'an RSA private key');
    assert.equal(credentialIn(block('PGP PRIVATE KEY BLOCK', 'Version: GnuPG v2', '', KEY_LINE)), 'a PGP private key');
    assert.equal(credentialIn(`-----BEGIN RSA PRIVATE KEY-----\n${KEY_LINE}\n-----END PRIVATE KEY-----`), 'an RSA private key');
    assert.equal(credentialIn(`-----BEGIN EC PRIVATE KEY-----\n${KEY_LINE}\n`), 'an EC private key');
    assert.equal(credentialIn(`-----BEGIN PRIVATE KEY----- ${KEY_LINE} -----END PRIVATE KEY-----`), 'a private key');
    assert.equal(credentialIn(`{"key": "-----BEGIN PRIVATE KEY-----\\n${KEY_LINE}\\n-----END PRIVATE KEY-----\\n"}`), 'a private key');
  });

  it('ignores certificates, public keys, quoted headers and placeholder bodies', () => {
    assert.equal(credentialIn(block('CERTIFICATE', KEY_LINE) + block('PUBLIC KEY', KEY_LINE) + block('RSA PUBLIC KEY', KEY_LINE)), undefined);
    assert.equal(credentialIn('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl user@host'), undefined);
    assert.equal(credentialIn('grep -q "-----BEGIN RSA PRIVATE KEY-----" "$KEY_FILE" || exit 1\n'), undefined);
    assert.equal(credentialIn('Paste the -----BEGIN PRIVATE KEY----- block of your key file here'), undefined);
    for (const body of ['...', 'MIIEpAIBAAKCAQEA...', '<your private key>', 'YOUR_KEY_HERE', 'xxxxxxxxxxxxxxxx', 'REDACTED', '{{ .Values.key }}', '${SSH_KEY}']) {
      assert.equal(credentialIn(block('RSA PRIVATE KEY', body)), undefined, body);
    }
  });
});

describe('credentialIn: tokens and key files', () => {
  it('names each format wherever it stands in the text', () => {
    const cases: Array<[string, string]> = [
      [`CONFIG_BLOB=${AWS_KEY_ID}`, 'an AWS access key id'],
      [`--key-id=${AWS_SESSION_KEY_ID}`, 'an AWS access key id'],
      [`[default]\naws_access_key_id = ${AWS_KEY_ID.replace('AKIA', 'AKIB')}\naws_secret_access_key = ${AWS_SECRET}\n`, 'an AWS secret access key'],
      [`export AWS_SECRET_ACCESS_KEY="${AWS_SECRET}"`, 'an AWS secret access key'],
      [`token: ${GITHUB_PAT}`, 'a GitHub token'],
      [`https://x-access-token:${GITHUB_PAT.replace('ghp_', 'ghs_')}@github.com/org/repo.git`, 'a GitHub token'],
      [GITHUB_FINE_GRAINED, 'a GitHub token'],
      [`PRIVATE-TOKEN: ${GITLAB_PAT}`, 'a GitLab token'],
      [`"${SLACK_BOT}"`, 'a Slack token'],
      [`slack_api_url: ${SLACK_WEBHOOK}`, 'a Slack webhook URL'],
      [`DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`, 'an Azure storage account key'],
      [
        JSON.stringify({ type: 'service_account', project_id: 'shop', private_key_id: 'a1b2', private_key: block('PRIVATE KEY', KEY_LINE), client_email: 'ci@shop.iam.gserviceaccount.com' }, null, 2),
        'a GCP service account key',
      ],
    ];
    for (const [text, what] of cases) assert.equal(credentialIn(text), what, text);
  });

  it('ignores placeholders, documentation examples and references', () => {
    for (const text of [
      'AKIAIOSFODNN7EXAMPLE',
      'AKIAXXXXXXXXXXXXXXXX',
      'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
      'ghp_xxx',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'token: ${GITHUB_TOKEN}',
      'token: {{ .Values.token }}',
      'token: <your-token>',
      'glpat-xxxxxxxxxxxxxxxxxxxx',
      'xoxb-your-bot-token',
      'xoxb-000000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'https://hooks.slack.com/services/XXX/YYY/ZZZ',
      'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;',
      '{"type": "service_account", "private_key": "<the key>"}',
    ]) {
      assert.equal(credentialIn(text), undefined, text);
    }
  });

  it('wants the whole token, not a longer word that contains it', () => {
    assert.equal(credentialIn(`X${AWS_KEY_ID}`), undefined);
    assert.equal(credentialIn(`${AWS_KEY_ID}Z`), undefined);
    assert.equal(credentialIn(`${GITHUB_PAT}abc`), undefined);
    assert.equal(credentialIn(`timezone: Asia/Tokyo, region: ap-northeast-1, mode: ghp_ enabled`), undefined);
  });
});

describe('isPlaceholderToken', () => {
  it('tells made-up from random', () => {
    for (const made of ['XXXXXXXXXXXXXXXX', 'IOSFODNN7EXAMPLE', 'abcdef0123456789', 'abababababababab', 'your_token_here_']) assert.equal(isPlaceholderToken(made), true, made);
    for (const random of ['454ML6LG4TJFCZ4K', 'DPrAJ71fTquWoGsbeKXgzg2sye9b2Rann76d']) assert.equal(isPlaceholderToken(random), false, random);
  });
});
