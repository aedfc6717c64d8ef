import type { YAMLMap } from 'yaml';
import { fieldAnchor, containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { Placeholder } from '../../engine/fix/yamlEdit';
import { describe, type ContainerRef, type K8sObject } from '../../engine/model';
import { podContainers, type FixSpec, type Rule } from '../../engine/rule';
import { isLiteralSecretValue, isSecretName } from '../../engine/secretNames';

/** `DB_PASSWORD` -> `db-password`, `awsSecretAccessKey` -> `aws-secret-access-key`: how Secret keys are usually spelled. */
function secretKeyName(envName: string): string {
  const kebab = envName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
  return kebab === '' ? 'value' : kebab;
}

/**
 * `value: <literal>` becomes `valueFrom.secretKeyRef` in place. The Secret cannot be known: its name
 * (derived from the object's) and key are placeholders, and the Secret itself must come from outside
 * git (ExternalSecret, SealedSecret), so the fix creates none.
 */
function secretRefFix(object: K8sObject, container: ContainerRef, env: YAMLMap, name: string): FixSpec | undefined {
  const pair = object.reader.pair(env, 'value');
  // An entry inherited through `<<` is shared; valueFrom next to value would become a duplicate key.
  if (!pair || !env.items.includes(pair) || object.reader.has(env, 'valueFrom')) return undefined;
  const secret = new Placeholder(`${object.name ?? 'app'}-secrets`, 'the Secret holding it: create it outside git (ExternalSecret, SealedSecret)');
  const key = new Placeholder(secretKeyName(name), 'its key in that Secret');
  return {
    title: `Read env var "${name}" of ${container.role === 'init' ? 'init container' : 'container'} "${container.name}" from a Secret`,
    edits: (editor) => editor.replacePair(pair, { valueFrom: { secretKeyRef: { name: secret, key } } }),
  };
}

const rule: Rule = {
  meta: {
    id: 'secret-env-literal',
    category: 'configuration',
    severity: 'error',
    description: 'An environment variable with a secret-looking name holds a literal value.',
    rationale:
      'A password or token written into a manifest is in git history forever, readable by everyone with repository access and visible in `kubectl get -o yaml` to anyone who can read the workload. Rotating it means changing the manifest, so it rarely gets rotated.',
    remediation: 'Store the value in a Secret (created by an ExternalSecret or SealedSecret, not committed) and use `valueFrom.secretKeyRef`; rotate the exposed value.',
    docsUrl: 'https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#define-container-environment-variables-using-secret-data',
    peers: { 'kube-linter': ['env-var-secret'], polaris: ['sensitiveContainerEnvVar'] },
    fixable: true,
    kinds: WORKLOAD_KINDS,
    options: {
      ignoreNames: {
        schema: { type: 'array', items: { type: 'string' } },
        default: [],
        description: 'Env var names that look secret but hold no secret in your images (exact, case-sensitive).',
      },
    },
  },
  check({ object, read, options, report }) {
    const ignored = Array.isArray(options.ignoreNames) ? options.ignoreNames : [];
    for (const container of podContainers(object)) {
      for (const env of read.maps(container.node, 'env')) {
        const name = read.text(env, 'name');
        if (name === undefined || ignored.includes(name) || !isSecretName(name)) continue;
        if (!isLiteralSecretValue(read.scalar(env, 'value'))) continue;
        // The message names the variable, never its value: findings end up in CI logs.
        report({
          at: fieldAnchor(read, env, 'value', containerAnchor(object, container)),
          message: `${describe(object, container)}: env var "${name}" has a literal value; use valueFrom.secretKeyRef`,
          fix: secretRefFix(object, container, env, name),
        });
      }
    }
  },
};

export default rule;
