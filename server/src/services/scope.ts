import { CONFIG_FILE_NAME } from '../engine/config';
import { CHECKLIST_FILE_NAME } from '../engine/workspace/checklistItems';
import type { Folder } from './folders';

/** Which documents the server looks at: YAML files that are not our own config and not excluded. */

export function isYamlDocument(uri: string, languageId: string): boolean {
  return languageId === 'yaml' || /\.ya?ml$/i.test(uri.replace(/[?#].*$/, ''));
}

/** Our own files (the config and the manual checklist): YAML, but not manifests. */
export function isConfigFileName(uri: string): boolean {
  const name = safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
  return name === CONFIG_FILE_NAME || name === CHECKLIST_FILE_NAME;
}

export function isChecklistFileName(uri: string): boolean {
  return safeDecode(uri.slice(uri.lastIndexOf('/') + 1)) === CHECKLIST_FILE_NAME;
}

/** The path exclude patterns are matched against: relative to the folder, else the whole path. */
export function matchPath(uri: string, folder: Folder | undefined): string {
  const rest = folder && uri.startsWith(`${folder.uri}/`) ? uri.slice(folder.uri.length + 1) : uri.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
  return safeDecode(rest.replace(/[?#].*$/, ''));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const compiled = new Map<string, RegExp>();

/** Whether a path, or a folder above it, matches one of the glob patterns. */
export function isExcluded(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    let regexp = compiled.get(pattern);
    if (!regexp) compiled.set(pattern, (regexp = globToRegExp(pattern)));
    return regexp.test(path);
  });
}

/**
 * A glob as VS Code's `files.exclude` reads it: `*` and `?` stay within a path segment, `**`
 * spans segments, `{a,b}` alternates, `[...]` is a character class. A match on a folder
 * covers everything under it. A leading `/` or `./` anchors at the folder root, as any pattern is.
 */
export function globToRegExp(pattern: string): RegExp {
  const glob = pattern.trim().replace(/\\/g, '/').replace(/^\.?\/+/, '').replace(/\/+$/, '');
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        i++;
        while (glob[i + 1] === '*') i++;
        if (atSegmentStart && glob[i + 1] === '/') {
          out += '(?:.*/)?';
          i++;
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  out += ')'.repeat(braces);
  return new RegExp(`^(?:${out})(?:/.*)?$`);
}
