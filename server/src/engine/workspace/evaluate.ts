import type { ResolvedConfig, RuleSetting } from '../config';
import type { AnalyzedDocument } from '../analyzer';
import { parseAllDocuments } from 'yaml';
import { applyEdits, YamlEditor } from '../fix/yamlEdit';
import type { K8sObject } from '../model';
import { PeerMap } from '../peers';
import { ANY_KIND, isWorkspaceRule, type AnyRule, type FixSpec, type WorkspaceRule } from '../rule';
import { isIgnored } from '../suppress';
import { isWithin, type FileEdit, type Finding, type Range } from '../types';
import type { IndexedResource, WorkspaceIndex } from './index';


function toFile(range: Range, startLine: number): Range {
  return {
    start: { line: range.start.line + startLine, character: range.start.character },
    end: { line: range.end.line + startLine, character: range.end.character },
  };
}

/** The parsed document of an object whose file is open: what workspace rules' fixes edit. */
export interface DocumentSource {
  document: AnalyzedDocument & { object: K8sObject };
}

function fileEdits(fix: FixSpec, document: AnalyzedDocument & { object: K8sObject }, startLine: number): FileEdit[] {
  const editor = new YamlEditor(document.text, document.object.reader);
  const edits = fix.edits(editor);
  // As for single-object fixes (fixHolds): a fix whose document would no longer parse is not offered.
  if (edits.length > 0 && !stillParses(applyEdits(document.text, edits))) return [];
  return edits.map((e) => ({
    range: toFile({ start: document.lines.positionAt(e.start), end: document.lines.positionAt(e.end) }, startLine),
    newText: e.newText,
  }));
}

function stillParses(text: string): boolean {
  try {
    return parseAllDocuments(text, { prettyErrors: false }).every((doc) => doc.errors.length === 0);
  } catch {
    return false;
  }
}

/** Runs the cross-resource rules on objects of the index, with the same suppression as single-object rules. */
export class WorkspaceChecker {
  private readonly rulesByKind = new Map<string, Array<{ rule: WorkspaceRule; setting: RuleSetting }>>();
  /** Which rules the peer linters' annotations silence. */
  readonly peers: PeerMap;

  constructor(rules: readonly AnyRule[], config: ResolvedConfig, private readonly onRuleError?: (ruleId: string, error: unknown) => void) {
    this.peers = new PeerMap(rules);
    for (const rule of rules) {
      if (!isWorkspaceRule(rule)) continue;
      const setting = config.rules.get(rule.meta.id);
      if (!setting?.enabled) continue;
      for (const kind of rule.meta.kinds) {
        let list = this.rulesByKind.get(kind);
        if (!list) this.rulesByKind.set(kind, (list = []));
        list.push({ rule, setting });
      }
    }
  }

  /**
   * Findings of the workspace rules on one object, in file coordinates. The findings a peer
   * linter's annotation silences are left out, their rule ids pushed to `silencedByPeers`.
   * `sourceOf` is asked only when a rule wants the object's document (to read it, or for a fix).
   */
  check(resource: IndexedResource, index: WorkspaceIndex, sourceOf?: () => DocumentSource | undefined, silencedByPeers?: string[]): Finding[] {
    const { facts } = resource;
    // Custom resources get the rules that take any kind (their schema's, from the workspace's CRDs).
    const rules = this.rulesByKind.get(facts.builtin ? facts.kind : ANY_KIND);
    if (!rules) return [];
    const findings: Finding[] = [];
    const silenced = this.peers.silenced(facts.peerAnnotations);
    let source: DocumentSource | undefined;
    let looked = false;
    const document = (): DocumentSource['document'] | undefined => {
      if (!looked) {
        looked = true;
        source = sourceOf?.();
      }
      return source?.document;
    };
    for (const { rule, setting } of rules) {
      const id = rule.meta.id;
      if (isIgnored(facts.ignored, id)) continue;
      try {
        rule.checkWorkspace({
          resource,
          facts,
          index,
          options: setting.options,
          source: () => document()?.object,
          locate: (span) => {
            const lines = document()?.lines;
            return lines ? { start: lines.positionAt(span[0]), end: lines.positionAt(span[1]) } : undefined;
          },
          report: (at, message, fix) => {
            const range = at ?? facts.kindAt;
            if (facts.suppressions.some((s) => isIgnored(s.rules, id) && isWithin(range.start, s.range))) return;
            if (silenced?.has(id)) {
              silencedByPeers?.push(id);
              return;
            }
            const fixed = fix ? document() : undefined;
            findings.push({
              ruleId: id,
              severity: setting.severity,
              message,
              range: toFile(range, resource.startLine),
              remediation: rule.meta.remediation,
              ...(fix && fixed ? { fix: { title: fix.title, edits: () => fileEdits(fix, fixed, resource.startLine) } } : {}),
            });
          },
        });
      } catch (error) {
        this.onRuleError?.(id, error);
      }
    }
    return findings;
  }
}
