import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageInfo {
  version: string;
  informationUri: string;
}

const FALLBACK_URI = 'https://kube-prod.dev';

/**
 * Our package.json, found by walking up from this file (dist/cli.js when bundled, out/… when
 * compiled for tests). Read at run time rather than imported, so the JSON is not copied next
 * to the compiled sources.
 */
export function packageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (json.name === 'kube-prod') return { version: json.version ?? '0.0.0', informationUri: json.homepage ?? FALLBACK_URI };
    }
    if (dirname(dir) === dir) return { version: '0.0.0', informationUri: FALLBACK_URI };
  }
}
