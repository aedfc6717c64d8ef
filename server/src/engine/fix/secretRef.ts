import type { YAMLMap } from 'yaml';
import type { ContainerRef, K8sObject } from '../model';
import type { FixSpec } from '../rule';
import { Placeholder } from './yamlEdit';

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
 * An env entry's `value: <literal>` becomes `valueFrom.secretKeyRef` in place. The Secret cannot be
 * known: its name (derived from the object's) and key are placeholders, and the Secret itself must
 * come from outside git (ExternalSecret, SealedSecret), so the fix creates none.
 */
export function secretRefFix(object: K8sObject, container: ContainerRef, env: YAMLMap, name: string): FixSpec | undefined {
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
