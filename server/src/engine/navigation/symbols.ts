import type { FileAnalysis } from '../analyzer';
import { nodeSpan } from '../nodes';
import { shiftRange, type Range } from '../types';
import type { WorkspaceIndex } from '../workspace/index';

/** One Kubernetes object as the outline and Go to Symbol list it: `Deployment/web`, in its namespace. */
export interface ObjectSymbol {
  name: string;
  kind: string;
  namespace: string | undefined;
  /** The object's whole document, in file coordinates. */
  range: Range;
  /** Its name (else its `kind:`), what the editor selects. */
  selectionRange: Range;
}

const label = (kind: string, name: string | undefined): string => `${kind}/${name ?? '(no name)'}`;

/** The objects of an analysed file, in document order (other YAML documents are not objects). */
export function documentSymbols(analysis: FileAnalysis): ObjectSymbol[] {
  const out: ObjectSymbol[] = [];
  for (const document of analysis.documents) {
    const { object, facts, lines, startLine, text } = document;
    if (!object || !facts) continue;
    const at = (offset: number): Range['start'] => {
      const position = lines.positionAt(offset);
      return { line: position.line + startLine, character: position.character };
    };
    const span = nodeSpan(object.reader.get(object.root, 'metadata', 'name'));
    const selectionRange = span ? { start: at(span[0]), end: at(span[1]) } : shiftRange(facts.kindAt, startLine);
    out.push({ name: label(object.kind, object.name), kind: object.kind, namespace: object.namespace, range: { start: { line: startLine, character: 0 }, end: at(text.length) }, selectionRange });
  }
  return out;
}

/**
 * Objects of the whole workspace whose `Kind/name` contains the query's characters in order
 * (case-insensitive), as Go to Symbol in Workspace lists them; at most `limit`.
 */
export function workspaceSymbols(index: WorkspaceIndex, query: string, limit = 1000): Array<ObjectSymbol & { uri: string }> {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const matches = (text: string): boolean => {
    let i = 0;
    for (const char of text.toLowerCase()) if (char === wanted[i]) i++;
    return i === wanted.length;
  };
  const out: Array<ObjectSymbol & { uri: string }> = [];
  for (const resource of index.resources()) {
    const { facts, startLine, uri } = resource;
    const name = label(facts.kind, facts.name);
    if (!matches(name)) continue;
    const range = shiftRange(facts.kindAt, startLine);
    out.push({ uri, name, kind: facts.kind, namespace: resource.namespace, range, selectionRange: range });
    if (out.length >= limit) break;
  }
  return out;
}
