import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The Kubernetes release whose API the bundled schema describes. */
export const BUNDLED_KUBERNETES_VERSION = '1.36';

/** What scripts/generate-k8s-schema.mjs writes: JSON Schema definitions, and which one each kind is. */
export interface KubernetesSchema {
  $id: string;
  'x-kube-prod': { kubernetesVersion: string; kinds: Record<string, string> };
  definitions: Record<string, Record<string, unknown>>;
}

const FILE = `kubernetes-${BUNDLED_KUBERNETES_VERSION}.json`;
let loaded: KubernetesSchema | undefined;

/**
 * The schema shipped in `schemas/` beside the bundles (dist/ in the extension and the CLI, out/ in
 * tests): read on first use, so a session that never meets a manifest never parses its megabyte.
 */
export function bundledSchema(): KubernetesSchema {
  if (loaded) return loaded;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', FILE);
    if (existsSync(candidate)) return (loaded = JSON.parse(readFileSync(candidate, 'utf8')) as KubernetesSchema);
    if (dirname(dir) === dir) throw new Error(`kube-prod: schemas/${FILE} is missing from the installation`);
  }
}
