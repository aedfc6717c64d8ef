import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import { kindAnchor } from '../../engine/anchors';
import { secretRefFix } from '../../engine/fix/secretRef';
import { describe, type ContainerRef, type K8sObject } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import { ANY_KIND, type FixSpec, type Rule } from '../../engine/rule';
import { credentialIn, type CredentialKind } from '../../engine/secretValues';
import type { Span } from '../../engine/types';

type Path = ReadonlyArray<string | number>;

/** Where a value sits, as the message says it. */
interface Place {
  path: Path;
  /** The container the value belongs to, and where that container's own path starts. */
  container: { ref: ContainerRef; depth: number } | undefined;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * Subtrees another rule already judges, or that hold no text:
 * - a Secret's data and stringData: credentials belong there, and committing them is secret-data-committed's finding;
 * - a ConfigMap's binaryData: base64 of binary files;
 * - kubectl's last-applied annotation: a copy of the object, whose values are reported where they stand;
 * - a CustomResourceDefinition's schemas: they describe fields and hold no values (and are most of
 *   the text of a CRD file, prose about keys and tokens included).
 */
function skipped(object: K8sObject, path: Path): boolean {
  if (path.length === 1 && object.builtin) {
    if (object.kind === 'Secret') return path[0] === 'data' || path[0] === 'stringData';
    if (object.kind === 'ConfigMap') return path[0] === 'binaryData';
  }
  if (object.kind === 'CustomResourceDefinition' && object.builtin && path[0] === 'spec') {
    // apiextensions.k8s.io/v1: spec.versions[i].schema; v1beta1: spec.validation too.
    if (path.length === 4 && path[1] === 'versions' && path[3] === 'schema') return true;
    if (path.length === 2 && path[1] === 'validation') return true;
  }
  return path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations' && path[2] === LAST_APPLIED;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `spec.containers[0].args[2]`, `metadata.annotations["example.com/key"]`. */
function pathText(path: Path): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else if (IDENTIFIER.test(step)) text += text === '' ? step : `.${step}`;
    else text += `[${JSON.stringify(step)}]`;
  }
  return text;
}

/** The env entry a `value` belongs to, when the path is `env[i].value` inside a container. */
function envEntry(object: K8sObject, place: Place, holder: YAMLMap): { name: string; env: YAMLMap } | undefined {
  if (!place.container) return undefined;
  const own = place.path.slice(place.container.depth);
  if (own.length !== 3 || own[0] !== 'env' || own[2] !== 'value') return undefined;
  const name = object.reader.text(holder, 'name');
  return name === undefined ? undefined : { name, env: holder };
}

function location(object: K8sObject, place: Place, env: { name: string } | undefined): string {
  const { path, container } = place;
  if (env) return `env var "${env.name}"`;
  if (container) return pathText(path.slice(container.depth));
  if (object.builtin && object.kind === 'ConfigMap' && path.length === 2 && path[0] === 'data') return `data key "${path[1]}"`;
  if (path.length === 3 && path[0] === 'metadata' && path[1] === 'annotations') return `annotation "${path[2]}"`;
  return pathText(path);
}

/**
 * Every string of the object that carries a credential, with where it is. Aliases are skipped: the
 * value they repeat is reported once, where its anchor defines it. The path is one stack, copied
 * only for a string that is reported: CRD schemas have tens of thousands of entries.
 */
function findCredentials(
  object: K8sObject,
  found: (what: CredentialKind, at: Span | undefined, place: Place, holder: YAMLMap | undefined) => void,
): void {
  const containers = new Map<unknown, ContainerRef>(object.podSpec?.containers.map((c) => [c.node, c]) ?? []);
  const path: Array<string | number> = [];
  let container: Place['container'];
  const check = (value: string, node: unknown, holder: YAMLMap | undefined): void => {
    const what = credentialIn(value);
    if (what !== undefined) found(what, nodeSpan(node), { path: [...path], container }, holder);
  };
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const outer = container;
      const ref = containers.get(node);
      if (ref) container = { ref, depth: path.length };
      for (const pair of node.items as Array<Pair<unknown, unknown>>) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        // An inline `<<` merge adds its entries to this mapping.
        const merge = key === '<<';
        if (!merge) path.push(String(key));
        const value = pair.value;
        if (merge || !skipped(object, path)) {
          if (isScalar(value)) {
            // A whole file in a block scalar: its key line, not the file.
            const block = value.type === 'BLOCK_LITERAL' || value.type === 'BLOCK_FOLDED';
            if (typeof value.value === 'string') check(value.value, block ? pair.key : pair, node);
          } else {
            walk(value);
          }
        }
        if (!merge) path.pop();
      }
      container = outer;
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        path.push(index);
        if (!isScalar(item)) walk(item);
        else if (typeof item.value === 'string') check(item.value, item, undefined);
        path.pop();
      });
    }
  };
  walk(object.root);
}

const rule: Rule = {
  meta: {
    id: 'credential-committed',
    category: 'configuration',
    severity: 'error',
    description: 'A value in a manifest is a credential: a private key, a cloud key or an access token in a well-known format.',
    rationale:
      'A credential recognised by its format (a private key block, an AWS access key id, a GitHub, GitLab or Slack token, a Slack webhook URL, a cloud key file) works for whoever reads it, whatever the field holding it is called: an env var, a ConfigMap file, an argument, an annotation or a custom resource. In a manifest it is in git history for good, readable by everyone with access to the repository and its forks, and by everyone who can `kubectl get` the object. Secret scanners and attackers look for exactly these formats.',
    remediation:
      'Revoke and rotate the credential first: it is compromised from the moment it was pushed. Then keep the new one in a Secret created outside git (ExternalSecret, SealedSecret) and reference it (`valueFrom.secretKeyRef`, a Secret volume, the custom resource\'s secret reference).',
    docsUrl: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    peers: { polaris: ['sensitiveConfigmapContent'] },
    fixable: true,
    kinds: [ANY_KIND],
  },
  check({ object, report }) {
    findCredentials(object, (what, at, place, holder) => {
      const env = holder ? envEntry(object, place, holder) : undefined;
      const container = place.container?.ref;
      let fix: FixSpec | undefined;
      if (env && container) fix = secretRefFix(object, container, env.env, env.name);
      // The message says what and where, never the value: findings end up in CI logs.
      report({ at: at ?? kindAnchor(object), message: `${describe(object, container)}: ${location(object, place, env)} contains ${what}`, fix });
    });
  },
};

export default rule;
