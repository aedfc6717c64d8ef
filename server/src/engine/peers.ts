// The suppression annotations of kube-linter, kube-score and Polaris, honoured for the kube-prod rules
// that look for the same practice (each rule's `peers`): a team that silenced a check there keeps
// it silenced when it moves to kube-prod.
import { isPair, isScalar, type YAMLMap } from 'yaml';
import type { K8sObject } from './model';
import { nodeSpan } from './nodes';
import type { AnyRule, PeerTool } from './rule';
import type { Range, Span } from './types';

export interface PeerAnnotation {
  /** The annotation key as written. */
  key: string;
  tool: PeerTool;
  /** The peer check ids it silences, or every check of the tool. */
  checks: readonly string[] | 'all';
  /** Where the key is (relative to the object's document). */
  at: Range;
}

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const KUBE_SCORE_IGNORE = 'kube-score/ignore';
const POLARIS_ALL = 'polaris.fairwinds.com/exempt';
const POLARIS_CHECK = /^polaris\.fairwinds\.com\/(.+)-exempt$/;
/** kube-score ignores the ephemeral-storage check along with container-resources (scorecard's implied ignores). */
const KUBE_SCORE_IMPLIED: Readonly<Record<string, readonly string[]>> = { 'container-resources': ['container-ephemeral-storage-request-and-limit'] };

/** What one annotation asks, as its tool reads it; undefined for any other annotation (or a Polaris value other than "true"). */
export function parsePeerAnnotation(key: string, value: string): Omit<PeerAnnotation, 'at'> | undefined {
  // kube-linter reads only the key: the value is the reason.
  if (key === KUBE_LINTER_ALL) return { key, tool: 'kube-linter', checks: 'all' };
  if (key.startsWith(KUBE_LINTER_PREFIX) && key.length > KUBE_LINTER_PREFIX.length) return { key, tool: 'kube-linter', checks: [key.slice(KUBE_LINTER_PREFIX.length)] };
  if (key === KUBE_SCORE_IGNORE) {
    const named = value.split(',').map((check) => check.trim()).filter(Boolean);
    return { key, tool: 'kube-score', checks: [...new Set(named.flatMap((check) => [check, ...(KUBE_SCORE_IMPLIED[check] ?? [])]))] };
  }
  // Polaris exempts only on "true" (any case): "false" is how a team re-enables a check.
  if (value.toLowerCase() !== 'true') return undefined;
  if (key === POLARIS_ALL) return { key, tool: 'polaris', checks: 'all' };
  const check = POLARIS_CHECK.exec(key)?.[1];
  return check ? { key, tool: 'polaris', checks: [check] } : undefined;
}

/**
 * The peer annotations of an object: on its metadata, and kube-score's also on its pod template
 * (kube-score reads both for the checks of pods). `locate` turns a span of the document into a range.
 */
export function peerAnnotationsOf(object: K8sObject, locate: (span: Span) => Range): PeerAnnotation[] {
  const found: PeerAnnotation[] = [];
  const collect = (metadata: YAMLMap | undefined, onlyKubeScore: boolean): void => {
    const annotations = object.reader.map(metadata, 'annotations');
    for (const pair of annotations?.items ?? []) {
      if (!isPair(pair) || !isScalar(pair.key) || !isScalar(pair.value)) continue;
      const key = String(pair.key.value);
      // Cheap test first: almost every annotation belongs to no peer.
      if (!key.includes('kube-linter.io') && !key.startsWith('kube-score/') && !key.startsWith('polaris.fairwinds.com/')) continue;
      const parsed = parsePeerAnnotation(key, String(pair.value.value ?? ''));
      const span = nodeSpan(pair.key);
      if (parsed && span && (!onlyKubeScore || parsed.tool === 'kube-score')) found.push({ ...parsed, at: locate(span) });
    }
  };
  collect(object.metadata, false);
  if (object.podSpec?.templateMetadata) collect(object.podSpec.templateMetadata, true);
  return found;
}

/** What one annotation does to kube-prod: the rules it silences, and the checks it names that no rule maps. */
export interface PeerAnnotationEffect {
  annotation: PeerAnnotation;
  rules: readonly string[];
  unmapped: readonly string[];
}

/** The rules' `peers`, indexed both ways: which kube-prod rules a peer check (or a whole tool) silences. */
export class PeerMap {
  private readonly byCheck = new Map<string, string[]>();
  private readonly byTool = new Map<PeerTool, string[]>();

  constructor(rules: readonly AnyRule[]) {
    for (const { meta } of rules) {
      for (const [tool, checks] of Object.entries(meta.peers ?? {}) as Array<[PeerTool, readonly string[]]>) {
        const all = this.byTool.get(tool) ?? [];
        if (!all.includes(meta.id)) all.push(meta.id);
        this.byTool.set(tool, all);
        for (const check of checks) {
          const key = `${tool}\u0000${check}`;
          this.byCheck.set(key, [...(this.byCheck.get(key) ?? []), meta.id]);
        }
      }
    }
  }

  /** The kube-prod rules mapped to one peer check (empty when none is). */
  rulesFor(tool: PeerTool, check: string): readonly string[] {
    return this.byCheck.get(`${tool}\u0000${check}`) ?? [];
  }

  effect(annotation: PeerAnnotation): PeerAnnotationEffect {
    if (annotation.checks === 'all') return { annotation, rules: [...(this.byTool.get(annotation.tool) ?? [])].sort(), unmapped: [] };
    const rules = new Set<string>();
    const unmapped: string[] = [];
    for (const check of annotation.checks) {
      const mapped = this.rulesFor(annotation.tool, check);
      if (mapped.length === 0) unmapped.push(check);
      for (const id of mapped) rules.add(id);
    }
    return { annotation, rules: [...rules].sort(), unmapped };
  }

  /** The rules an object's peer annotations silence; undefined when they silence none. */
  silenced(annotations: readonly PeerAnnotation[] | undefined): ReadonlySet<string> | undefined {
    if (!annotations?.length) return undefined;
    const silenced = new Set(annotations.flatMap((annotation) => this.effect(annotation).rules));
    return silenced.size > 0 ? silenced : undefined;
  }
}
