import { isScalar } from 'yaml';
import { keyAnchor, kindAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

/** Secrets whose data the cluster fills in: committing the empty shell is the intended use. */
const CLUSTER_FILLED_TYPES = new Set(['kubernetes.io/service-account-token']);
const MAX_KEYS_NAMED = 3;

const rule: Rule = {
  meta: {
    id: 'secret-data-committed',
    category: 'configuration',
    severity: 'warning',
    description: 'A Secret manifest carries its data in the repository.',
    rationale:
      'Secret data is only base64-encoded, not encrypted: anyone who can read the repository, its forks and its CI logs can read the values, and they stay in git history after removal. Rotating them means editing and re-reviewing manifests.',
    remediation:
      'Commit an encrypted SealedSecret, or an ExternalSecret that pulls the value from a secret manager (Vault, AWS/GCP/Azure secret stores), instead of the Secret; rotate the values that were committed.',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    fixable: false,
    kinds: ['Secret'],
  },
  check({ object, read, report }) {
    const type = read.string(object.root, 'type');
    if (type !== undefined && CLUSTER_FILLED_TYPES.has(type)) return;
    for (const field of ['data', 'stringData'] as const) {
      // Only scalar values are committed data; a nested map is a broken template placeholder.
      const keys = read
        .entries(read.map(object.root, field))
        .filter(([, value]) => isScalar(value) && value.value !== null && String(value.value).trim() !== '')
        .map(([key]) => key);
      if (keys.length === 0) continue;
      const named = keys.slice(0, MAX_KEYS_NAMED).map((k) => `"${k}"`).join(', ') + (keys.length > MAX_KEYS_NAMED ? `, +${keys.length - MAX_KEYS_NAMED} more` : '');
      report({
        at: keyAnchor(read, object.root, field, kindAnchor(object)),
        message: `${describe(object)}: ${field} commits ${keys.length === 1 ? 'a value' : `${keys.length} values`} to the manifest (${named})`,
      });
    }
  },
};

export default rule;
