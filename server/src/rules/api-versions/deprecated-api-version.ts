import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { describe } from '../../engine/model';
import { KINDS_WITH_REMOVED_VERSIONS, removedApiVersion, type RemovedApiVersion } from '../../engine/removedApis';
import type { Rule } from '../../engine/rule';

// The engine dispatches built-in kinds only (engine/kinds.ts isBuiltinKind: a core, apps, batch,
// autoscaling, policy or extensions group, or one ending in .k8s.io), so every kind of the table
// must be in BUILTIN_KINDS; engine/removedApis.test.ts checks that.

function advice(entry: RemovedApiVersion, kind: string): string {
  if (entry.replacement) return `use ${entry.replacement}`;
  return kind === 'PodSecurityPolicy'
    ? 'PodSecurityPolicy has no replacement (use Pod Security Admission: pod-security.kubernetes.io labels on the Namespace)'
    : `${kind} has no replacement`;
}

const rule: Rule = {
  meta: {
    id: 'deprecated-api-version',
    category: 'api-versions',
    severity: 'error',
    description: 'The object uses an apiVersion that current Kubernetes releases no longer serve.',
    rationale:
      'The API server rejects an object whose apiVersion it no longer serves, so the manifest fails to apply on any cluster at or past the removal release, typically in the middle of a cluster upgrade. Some replacements also rename fields or change defaults, which is better discovered in review than during an outage.',
    remediation: 'Change apiVersion to the replacement named in the message and apply the field changes the Deprecated API Migration Guide lists for that kind.',
    docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
    fixable: true,
    kinds: KINDS_WITH_REMOVED_VERSIONS,
  },
  check({ object, read, report }) {
    const entry = removedApiVersion(object.apiVersion, object.kind);
    if (!entry) return;
    report({
      at: fieldAnchor(read, object.root, 'apiVersion', kindAnchor(object)),
      message: `${describe(object)}: apiVersion ${entry.apiVersion} was removed in Kubernetes ${entry.removedIn}; ${advice(entry, object.kind)}`,
    });
  },
};

export default rule;
