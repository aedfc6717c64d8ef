import { fieldAnchor, kindAnchor } from '../../engine/anchors';
import { isScalar } from 'yaml';
import { replaceScalar } from '../../engine/fix/scalar';
import { describe, type K8sObject } from '../../engine/model';
import { isMechanicalRewrite, KINDS_WITH_REMOVED_VERSIONS, removedApiVersion, type RemovedApiVersion } from '../../engine/removedApis';
import type { FixSpec, Rule } from '../../engine/rule';

// The engine dispatches built-in kinds only (engine/kinds.ts isBuiltinKind: a core, apps, batch,
// autoscaling, policy or extensions group, or one ending in .k8s.io), so every kind of the table
// must be in BUILTIN_KINDS; engine/removedApis.test.ts checks that.

function advice(entry: RemovedApiVersion, kind: string): string {
  if (entry.replacement) return `use ${entry.replacement}`;
  return kind === 'PodSecurityPolicy'
    ? 'PodSecurityPolicy has no replacement (use Pod Security Admission: pod-security.kubernetes.io labels on the Namespace)'
    : `${kind} has no replacement`;
}

/**
 * Only where removedApis says the new version takes the object as written: the apiVersion scalar
 * alone is rewritten, in its own quoting. Other migrations rename or add fields and stay manual.
 */
function rewrite(object: K8sObject, entry: RemovedApiVersion): FixSpec | undefined {
  const replacement = entry.replacement;
  if (replacement === undefined || !isMechanicalRewrite(entry, object.reader, object.root)) return undefined;
  const pair = object.reader.pair(object.root, 'apiVersion');
  const node = pair && object.root.items.includes(pair) && isScalar(pair.value) ? pair.value : undefined;
  if (!node) return undefined;
  return { title: `Change the apiVersion of ${describe(object)} to ${replacement}`, edits: () => [replaceScalar(node, replacement)] };
}

/** `1.16` against `1.9`, numerically. */
function compareReleases(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
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
    peers: { 'kube-linter': ['no-extensions-v1beta'], 'kube-score': ['stable-version'] },
    fixable: true,
    kinds: KINDS_WITH_REMOVED_VERSIONS,
  },
  check({ object, read, report, kubernetesVersion }) {
    const entry = removedApiVersion(object.apiVersion, object.kind);
    // A cluster older than the removal still serves the version (config kubernetesVersion).
    if (!entry || compareReleases(entry.removedIn, kubernetesVersion) > 0) return;
    report({
      at: fieldAnchor(read, object.root, 'apiVersion', kindAnchor(object)),
      message: `${describe(object)}: apiVersion ${entry.apiVersion} was removed in Kubernetes ${entry.removedIn}; ${advice(entry, object.kind)}`,
      fix: rewrite(object, entry),
    });
  },
};

export default rule;
