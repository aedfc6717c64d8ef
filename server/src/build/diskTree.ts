import { readFileSync, statSync } from 'node:fs';
import type { FileTree } from '../engine/build/tree';

/**
 * The files on disk, read once each; `overlay` (absolute path -> text) wins over the disk: the
 * editor's unsaved text, or what the CLI already read.
 */
export function diskTree(overlay: ReadonlyMap<string, string> = new Map()): FileTree {
  const texts = new Map<string, string | undefined>();
  return {
    read(path) {
      const open = overlay.get(path);
      if (open !== undefined) return open;
      if (!texts.has(path)) {
        let text: string | undefined;
        try {
          text = readFileSync(path, 'utf8');
        } catch {
          text = undefined;
        }
        texts.set(path, text);
      }
      return texts.get(path);
    },
    isDirectory(path) {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
  };
}
