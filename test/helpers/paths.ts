import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root, found by walking up to our package.json; compiled code runs from out/ (or elsewhere). */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'kube-prod') return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

/** test/corpus/manifests: real manifests by other people, unmodified copies (provenance in its README). */
export function corpusDir(): string {
  return join(projectRoot(), 'test', 'corpus', 'manifests');
}

/** test/corpus/charts-and-overlays: real Helm charts and kustomize trees, unmodified copies. */
export function chartsAndOverlaysDir(): string {
  return join(projectRoot(), 'test', 'corpus', 'charts-and-overlays');
}

/** Every .yaml/.yml file under `dir`, recursively, in a stable order. */
export function* yamlFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (/\.ya?ml$/.test(entry)) yield path;
  }
}
