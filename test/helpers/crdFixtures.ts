import { yaml } from './ruleTester';

/**
 * A v1 CustomResourceDefinition of `Widget` (example.com/v1) in the shape operators ship, whose
 * spec has the given property lines (each `name: {schema}`, as YAML at the properties' indentation).
 */
export function widgetCrd(specProperties: readonly string[], specRequired?: readonly string[]): string {
  return yaml(
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {kind: Widget, plural: widgets}',
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    '      openAPIV3Schema:',
    '        type: object',
    '        properties:',
    '          spec:',
    '            type: object',
    ...(specRequired ? [`            required: [${specRequired.join(', ')}]`] : []),
    '            properties:',
    ...specProperties.map((line) => `              ${line}`),
  );
}
