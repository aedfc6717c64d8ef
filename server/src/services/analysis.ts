import { Analyzer } from '../engine/analyzer';
import { resolveConfig, type UserConfig } from '../engine/config';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { describeError, type Log } from './log';
import type { Level } from './settings';

/** A folder's config file as loaded; `key` changes whenever its content does. */
export interface FolderConfig {
  key: string;
  user: UserConfig;
}

interface PoolEntry {
  analyzer: Analyzer;
  /** Documents whose cached parse lives in this analyzer. */
  documents: Set<string>;
}

/**
 * Runs the engine. One Analyzer per distinct effective configuration (config file + rule
 * overrides), shared by the documents using it; each document keeps its per-document parse
 * cache (keyed by URI) in the analyzer it last used, so an edit re-parses only the edited
 * YAML documents. An analyzer nobody uses any more is dropped.
 */
export class AnalysisService {
  private readonly pool = new Map<string, PoolEntry>();
  private readonly keyOf = new Map<string, string>();

  constructor(
    private readonly rules: readonly AnyRule[],
    private readonly log: Log,
  ) {}

  analyze(uri: string, text: string, config: FolderConfig, overrides: Readonly<Record<string, Level>>): Finding[] {
    const key = `${config.key}\n${JSON.stringify(Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)))}`;
    if (this.keyOf.get(uri) !== key) this.forget(uri);
    let entry = this.pool.get(key);
    if (!entry) {
      const analyzer = new Analyzer({
        rules: this.rules,
        config: resolveConfig(this.rules, config.user, overrides),
        onRuleError: (ruleId, error) =>
          this.log.once(`rule:${ruleId}`, 'error', `kube-prod: rule ${ruleId} failed and was skipped (reported once): ${describeError(error)}`),
      });
      this.pool.set(key, (entry = { analyzer, documents: new Set() }));
    }
    entry.documents.add(uri);
    this.keyOf.set(uri, key);
    return entry.analyzer.analyze(text, uri).findings;
  }

  /** Drops a document's cached parse (closed, excluded, or moving to another configuration). */
  forget(uri: string): void {
    const key = this.keyOf.get(uri);
    if (key === undefined) return;
    this.keyOf.delete(uri);
    const entry = this.pool.get(key);
    if (!entry) return;
    entry.analyzer.forget(uri);
    entry.documents.delete(uri);
    if (entry.documents.size === 0) this.pool.delete(key);
  }
}
