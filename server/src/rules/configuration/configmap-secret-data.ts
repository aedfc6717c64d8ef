import { isScalar } from 'yaml';
import { kindAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import type { Rule } from '../../engine/rule';
import { isLiteralSecretValue, isSecretName } from '../../engine/secretNames';
import { credentialIn } from '../../engine/secretValues';

const rule: Rule = {
  meta: {
    id: 'configmap-secret-data',
    category: 'configuration',
    severity: 'warning',
    description: 'A ConfigMap key with a secret-looking name holds a value.',
    rationale:
      'ConfigMaps are meant for non-confidential data: RBAC commonly lets every developer and many controllers read them, they are printed by `kubectl describe`, and clusters rarely encrypt them at rest. A password placed there is exposed to far more readers than a Secret would be.',
    remediation: 'Move the value into a Secret (created by an ExternalSecret or SealedSecret, not committed) and mount or reference it from there; rotate the exposed credential.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/configmap/',
    peers: { polaris: ['sensitiveConfigmapContent'] },
    fixable: false,
    kinds: ['ConfigMap'],
  },
  check({ object, read, report }) {
    for (const field of ['data', 'binaryData'] as const) {
      for (const [key, value, pair] of read.entries(read.map(object.root, field))) {
        if (!isScalar(value) || !isSecretName(key) || !isLiteralSecretValue(value.value)) continue;
        // A value in a recognised credential format (a private key, a token) is credential-committed's.
        if (field === 'data' && typeof value.value === 'string' && credentialIn(value.value) !== undefined) continue;
        // The `key: value` entry, or only the key when the value is a multi-line block (a whole file).
        const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
        report({ at: nodeSpan(block ? pair.key : pair) ?? kindAnchor(object), message: `${describe(object)}: ${field} key "${key}" looks like a secret and has a value` });
      }
    }
  },
};

export default rule;
