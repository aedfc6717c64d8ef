import { basename, dirname, join, resolve } from 'node:path';
import { isRemote, KUSTOMIZATION_FILE_NAMES, parseKustomization, type Kustomization, type PatchEntry } from './kustomization';

/** Read access to the files of a workspace (disk for the CLI; disk plus unsaved editors for the server). */
export interface FileTree {
  /** A file's text; undefined when there is no such file. */
  read(path: string): string | undefined;
  isDirectory(path: string): boolean;
}

/** What a file is to the builds it takes part in. */
export type BuildRole =
  /** A kustomization file: configuration, not an object. */
  | 'kustomization'
  /** A patch: a partial object, never checked on its own. */
  | 'patch'
  /** A resource a kustomization builds on: checked as built. */
  | 'resource'
  /** Configuration for a kustomize transformer or generator. */
  | 'config'
  /** A file of a Helm chart: templates, values, Chart.yaml. */
  | 'chart';

export interface KustomizationNode {
  /** Absolute path of the directory, and of the kustomization file in it. */
  dir: string;
  file: string;
  text: string;
  model: Kustomization;
  /** Directories of the kustomizations it includes (resources, bases and components). */
  includes: string[];
  /** Local resource files, absolute. */
  resourceFiles: string[];
  /** Its patches, with their files resolved (absolute) when they are files. */
  patches: Array<PatchEntry & { file?: string }>;
}

export interface KustomizePlan {
  nodes: Map<string, KustomizationNode>;
  /** Kustomizations that no other includes, sorted: what gets rendered, each as one application. */
  roots: string[];
  /** The role of every file the kustomizations name. */
  roles: Map<string, BuildRole>;
  /** For each resource and patch file, the roots whose build it takes part in. */
  rootsOf: Map<string, string[]>;
}

/** The kustomization file of a directory, if it has one. */
export function kustomizationFileIn(dir: string, tree: FileTree): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = join(dir, name);
    if (tree.read(file) !== undefined) return file;
  }
  return undefined;
}

/**
 * Reads every kustomization reachable from the given kustomization files and works out which files
 * are patches, which are resources of a build, and which kustomizations are roots.
 */
export function planKustomize(kustomizationFiles: readonly string[], tree: FileTree): KustomizePlan {
  const nodes = new Map<string, KustomizationNode>();
  const roles = new Map<string, BuildRole>();
  const pending = kustomizationFiles.map((file) => dirname(resolve(file)));
  while (pending.length > 0) {
    const dir = pending.pop()!;
    if (nodes.has(dir)) continue;
    const file = kustomizationFileIn(dir, tree);
    const text = file !== undefined ? tree.read(file) : undefined;
    const model = text !== undefined ? parseKustomization(text) : undefined;
    if (!file || text === undefined || !model) continue;
    const node: KustomizationNode = { dir, file, text, model, includes: [], resourceFiles: [], patches: [] };
    nodes.set(dir, node);
    roles.set(file, 'kustomization');
    for (const entry of [...model.resources, ...model.components]) {
      if (isRemote(entry.value)) continue;
      const target = resolve(dir, entry.value);
      if (tree.isDirectory(target)) {
        node.includes.push(target);
        pending.push(target);
      } else if (tree.read(target) !== undefined) {
        node.resourceFiles.push(target);
        if (!roles.has(target)) roles.set(target, 'resource');
      }
    }
    for (const patch of model.patches) {
      const patchFile = patch.path !== undefined ? resolve(dir, patch.path) : undefined;
      node.patches.push({ ...patch, file: patchFile });
      // A file used as a patch is partial wherever else it appears.
      if (patchFile !== undefined) roles.set(patchFile, 'patch');
    }
    for (const entry of model.configFiles) {
      const configFile = resolve(dir, entry.value);
      if (tree.read(configFile) !== undefined && roles.get(configFile) !== 'patch') roles.set(configFile, 'config');
    }
  }
  const included = new Set<string>();
  for (const node of nodes.values()) for (const dir of node.includes) included.add(dir);
  const roots = [...nodes.values()].filter((n) => n.model.kind === 'Kustomization' && !included.has(n.dir)).map((n) => n.dir).sort();

  const rootsOf = new Map<string, string[]>();
  for (const root of roots) {
    const seen = new Set<string>();
    const visit = (dir: string): void => {
      const node = nodes.get(dir);
      if (!node || seen.has(dir)) return;
      seen.add(dir);
      for (const file of [...node.resourceFiles, ...node.patches.flatMap((p) => (p.file ? [p.file] : []))]) {
        const list = rootsOf.get(file) ?? [];
        if (!list.includes(root)) list.push(root);
        rootsOf.set(file, list);
      }
      node.includes.forEach(visit);
    };
    visit(root);
  }
  return { nodes, roots, roles, rootsOf };
}

/** True when `name` is a kustomization file name: what makes a directory a kustomization. */
export function isKustomizationFile(path: string): boolean {
  return (KUSTOMIZATION_FILE_NAMES as readonly string[]).includes(basename(path));
}
