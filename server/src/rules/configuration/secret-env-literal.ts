import { fieldAnchor, containerAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { secretRefFix } from '../../engine/fix/secretRef';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';
import { isLiteralSecretValue, isSecretName } from '../../engine/secretNames';
import { credentialIn } from '../../engine/secretValues';

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
        const value = read.scalar(env, 'value');
        if (!isLiteralSecretValue(value)) continue;
        // A value in a recognised credential format is credential-committed's, which says what it is.
        if (typeof value === 'string' && credentialIn(value) !== undefined) continue;
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
