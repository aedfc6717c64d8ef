import rule from '../../../server/src/rules/configuration/dangling-reference';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

// The pod spec starts on line 9; `extra` lines go before the containers, `env` lines inside the container.
const deployment = (extra: string[], env: string[] = []): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    ...extra,
    '      containers:',
    '        - name: app',
    '          image: app:1',
    ...(env.length ? ['          env:', ...env] : []),
  );

const secret = (name: string, ...data: string[]): string => yaml('apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, ...(data.length ? ['stringData:', ...data.map((d) => `  ${d}`)] : []));
const configMap = (name: string, namespace?: string): string => yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, ...(namespace ? [`  namespace: ${namespace}`] : []), 'data: {a: "1"}');
const secretKeyRef = (name: string, key: string, optional = false): string[] => [
  '            - name: DB_PASSWORD',
  '              valueFrom:',
  '                secretKeyRef:',
  `                  name: ${name}`,
  `                  key: ${key}`,
  ...(optional ? ['                  optional: true'] : []),
];

workspaceRuleTester(rule, {
  valid: [
    { name: 'the Secret and its key are defined, in another file', files: { 'secret.yaml': secret('db', 'password: x'), 'app.yaml': deployment([], secretKeyRef('db', 'password')) } },
    { name: 'the workspace defines no Secret in the namespace: they come from elsewhere', files: { 'app.yaml': deployment([], secretKeyRef('db', 'password')), 'cm.yaml': configMap('settings') } },
    { name: 'an optional reference', files: { 'secret.yaml': secret('other', 'a: b'), 'app.yaml': deployment([], secretKeyRef('db', 'password', true)) } },
    { name: 'a Secret without data in Git: its keys are filled elsewhere', files: { 'secret.yaml': secret('db'), 'app.yaml': deployment([], secretKeyRef('db', 'password')) } },
    {
      name: 'the ConfigMap every namespace gets',
      files: { 'cm.yaml': configMap('settings'), 'app.yaml': deployment(['      volumes:', '        - name: ca', '          configMap: {name: kube-root-ca.crt}']) },
    },
    {
      name: 'a namespace with custom resources (an ExternalSecret may make the Secret)',
      files: {
        'secret.yaml': secret('other', 'a: b'),
        'external.yaml': yaml('apiVersion: external-secrets.io/v1beta1', 'kind: ExternalSecret', 'metadata: {name: db}', 'spec: {target: {name: db}}'),
        'app.yaml': deployment([], secretKeyRef('db', 'password')),
      },
    },
    { name: 'Secrets of another namespace only', files: { 'secret.yaml': yaml('apiVersion: v1', 'kind: Secret', 'metadata: {name: other, namespace: prod}', 'data: {a: Yg==}'), 'app.yaml': deployment([], secretKeyRef('db', 'password')) } },
    {
      name: 'an image pull Secret not defined: the kubelet pulls anonymously',
      files: { 'secret.yaml': secret('registry', '.dockerconfigjson: "{}"'), 'app.yaml': deployment(['      imagePullSecrets: [{name: regcred}]']) },
    },
    {
      name: 'a key only one of two same-named definitions has (a dev and a prod folder)',
      files: { 'dev/secret.yaml': secret('db', 'user: x'), 'prod/secret.yaml': secret('db', 'user: x', 'password: y'), 'prod/app.yaml': deployment([], secretKeyRef('db', 'password')) },
    },
  ],
  invalid: [
    {
      name: 'a secretKeyRef to a Secret the namespace does not define',
      files: { 'secret.yaml': `${secret('database', 'password: x')}---\n${secret('tls', 'tls.crt: x')}`, 'app.yaml': deployment([], secretKeyRef('db', 'password')) },
      errors: [{ file: 'app.yaml', message: 'Deployment "api": secretKeyRef names Secret "db", which no manifest of namespace "default" defines (Secrets there: database, tls)', line: 17, column: 25, endLine: 17, endColumn: 27 }],
    },
    {
      name: 'a key the Secret does not have',
      files: { 'secret.yaml': secret('db', 'username: x', 'pasword: y'), 'app.yaml': deployment([], secretKeyRef('db', 'password')) },
      errors: [{ file: 'app.yaml', message: 'Deployment "api": Secret "db" (secret.yaml) has no key "password" (keys: pasword, username)', line: 18, column: 24, endLine: 18, endColumn: 32 }],
    },
    {
      name: 'a configMap volume and a claim, neither defined',
      files: {
        'objects.yaml': `${configMap('settings')}---\n${secret('registry', '.dockerconfigjson: "{}"')}---\n${yaml('apiVersion: v1', 'kind: PersistentVolumeClaim', 'metadata: {name: data}', 'spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}')}`,
        'app.yaml': deployment([
          '      imagePullSecrets: [{name: regcred}]',
          '      volumes:',
          '        - name: config',
          '          configMap:',
          '            name: setings',
          '        - name: data',
          '          persistentVolumeClaim: {claimName: "cache"}',
        ]),
      },
      errors: [
        { file: 'app.yaml', message: 'Deployment "api": volume "config" names ConfigMap "setings", which no manifest of namespace "default" defines (ConfigMaps there: settings)', line: 14, column: 19, endLine: 14, endColumn: 26 },
        { file: 'app.yaml', message: 'Deployment "api": volume "data" names PersistentVolumeClaim "cache", which no manifest of namespace "default" defines (PersistentVolumeClaims there: data)', line: 16, column: 47, endLine: 16, endColumn: 52 },
      ],
    },
  ],
});
