import rule from '../../../server/src/rules/api-versions/yaml-syntax';
import { ruleTester, yaml } from '../../helpers/ruleTester';

ruleTester(rule, {
  valid: [
    { name: 'valid manifest', code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data: {a: "1"}') },
    { name: 'broken YAML that is not a Kubernetes manifest is left to the YAML extension', code: yaml('on: [push', 'jobs: {}') },
  ],
  invalid: [
    {
      name: 'a duplicated key (kubectl rejects it)',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data: {a: "1"}', 'data: {b: "2"}'),
      errors: [{ message: 'YAML syntax error: Map keys must be unique', line: 5, column: 1, endLine: 5, endColumn: 2 }],
    },
    {
      name: 'the broken document of a multi-document file',
      code: yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: ok}', '---', 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bad', 'data: {}'),
      errors: [{ message: 'YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }', line: 8, column: 1, endLine: 8, endColumn: 2 }],
    },
  ],
});
