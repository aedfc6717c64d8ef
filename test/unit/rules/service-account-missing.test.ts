import rule from '../../../server/src/rules/security/service-account-missing';
import { yaml } from '../../helpers/ruleTester';
import { workspaceRuleTester } from '../../helpers/workspaceRuleTester';

const ns = (namespace: string | undefined): string[] => (namespace ? [`  namespace: ${namespace}`] : []);

// Without a namespace the pod spec's serviceAccountName entry is on line 10.
const deployment = (account: string | undefined, namespace?: string, field = 'serviceAccountName'): string =>
  yaml(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: api',
    ...ns(namespace),
    'spec:',
    '  selector: {matchLabels: {app: api}}',
    '  template:',
    '    metadata: {labels: {app: api}}',
    '    spec:',
    ...(account ? [`      ${field}: ${account}`] : []),
    '      containers: [{name: app, image: "app:1"}]',
  );

const account = (name: string, namespace?: string): string => yaml('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', `  name: ${name}`, ...ns(namespace));

workspaceRuleTester(rule, {
  valid: [
    { name: 'ServiceAccount in the same file', files: { 'app.yaml': `${account('api')}---\n${deployment('api')}` } },
    { name: 'ServiceAccount in another file, explicit namespace', files: { 'sa.yaml': account('api', 'shop'), 'deploy.yaml': deployment('api', 'shop') } },
    { name: '"default" and no serviceAccountName', files: { 'sa.yaml': account('other'), 'deploy.yaml': `${deployment('default')}---\n${deployment(undefined)}` } },
    { name: 'the workspace defines no ServiceAccount for the namespace', files: { 'sa.yaml': account('api', 'other'), 'deploy.yaml': deployment('api', 'shop') } },
    { name: 'configured default namespace', defaultNamespace: 'shop', files: { 'sa.yaml': account('api', 'shop'), 'deploy.yaml': deployment('api') } },
  ],
  invalid: [
    {
      name: 'a misspelt name, same file',
      files: { 'app.yaml': `${account('api')}---\n${deployment('apii')}` },
      errors: [{ file: 'app.yaml', message: 'Deployment "api": serviceAccountName "apii" names no ServiceAccount in namespace "default" in the workspace', line: 15, column: 7, endLine: 15, endColumn: 31 }],
    },
    {
      name: 'the ServiceAccount is in another namespace, other files',
      files: { 'sa.yaml': `${account('api', 'other')}---\n${account('web', 'shop')}`, 'deploy.yaml': deployment('api', 'shop') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": serviceAccountName "api" names no ServiceAccount in namespace "shop" in the workspace', line: 11, column: 7, endLine: 11, endColumn: 30 }],
    },
    {
      name: 'the deprecated serviceAccount field, configured default namespace',
      defaultNamespace: 'shop',
      files: { 'sa.yaml': `${account('api')}---\n${account('web', 'default')}`, 'deploy.yaml': deployment('web', undefined, 'serviceAccount') },
      errors: [{ file: 'deploy.yaml', message: 'Deployment "api": serviceAccountName "web" names no ServiceAccount in namespace "shop" in the workspace', line: 10, column: 7, endLine: 10, endColumn: 26 }],
    },
  ],
});
