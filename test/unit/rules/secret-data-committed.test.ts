import rule from '../../../server/src/rules/configuration/secret-data-committed';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'no data', code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: db}', 'type: Opaque') },
    { name: 'only empty values', code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: db}', 'data:', '  password: ""', '  user:', 'stringData: {}') },
    {
      name: 'a service account token Secret is filled by the cluster',
      code: yaml('apiVersion: v1', 'kind: Secret', 'metadata:', '  name: build-robot', '  annotations: {kubernetes.io/service-account.name: build-robot}', 'type: kubernetes.io/service-account-token', 'data: {extra: YQ==}'),
    },
    { name: 'a broken template placeholder is no committed value', code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: nr}', 'data:', '  config: {{config_data}}') },
    { name: 'a SealedSecret is the remedy', code: yaml('apiVersion: bitnami.com/v1alpha1', 'kind: SealedSecret', 'metadata: {name: db}', 'spec: {encryptedData: {password: AgBy3i4OJSWK}}') },
  ],
  invalid: [
    {
      name: 'data with one non-empty value: the data key',
      code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: db}', 'type: Opaque', 'data:', '  password: aHVudGVyMg==', '  user: ""'),
      errors: [{ message: 'Secret "db": data commits a value to the manifest ("password")', line: 5, column: 1, endLine: 5, endColumn: 5 }],
    },
    {
      name: 'stringData and data, flow style, long key lists abbreviated',
      code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: api}', 'stringData: {token: abc, url: "https://x"}', 'data: {a: YQ==, b: Yg==, c: Yw==, d: ZA==}'),
      errors: [
        { message: 'Secret "api": stringData commits 2 values to the manifest ("token", "url")', line: 4, column: 1, endLine: 4, endColumn: 11 },
        { message: 'Secret "api": data commits 4 values to the manifest ("a", "b", "c", +1 more)', line: 5, column: 1, endLine: 5, endColumn: 5 },
      ],
    },
    {
      name: 'values reached through a merge key',
      code: yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: m}', 'stringData:', '  <<: &common {region: eu-west-1}', '  key: ""'),
      errors: [{ message: 'Secret "m": stringData commits a value to the manifest ("region")', line: 4, column: 1, endLine: 4, endColumn: 11 }],
    },
  ],
});
