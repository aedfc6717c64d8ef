import { readdirSync, type Dirent } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { resolveConfig } from '../engine/config';
import { crdsOfText, type CrdFacts } from '../engine/schema/crds';
import type { FileAnalysis } from '../engine/analyzer';
import type { AnyRule } from '../engine/rule';
import type { Finding } from '../engine/types';
import { Workspace, type AttachedApplication } from '../engine/workspace/workspace';
import { NO_CONFIG, type FolderConfig } from './configFile';
import {
  canonicalUri,
  FileFilter,
  fileUri,
  isFolder,
  listManifests,
  pathOf,
  readManifest,
  readManifestNow,
  TimeSlicer,
  type ReadResult,
} from './files';
import type { Folder, WorkspaceFolders } from './folders';
import { describeError, type Log } from './log';
import { DEFAULT_SETTINGS, type Settings } from './settings';

/** Everything a folder's Workspace is built from; a change to any of it rebuilds the Workspace. */
export interface FolderSetup {
  config: FolderConfig;
  /** The folder's own kubeProd settings (rules, exclude, size limit, enable). */
  settings: Settings;
  /** The enabled files.exclude patterns of the folder. */
  filesExclude: readonly string[];
}

export interface WorkspaceServiceDependencies {
  rules: readonly AnyRule[];
  folders: WorkspaceFolders;
  /** Open documents: on a rebuild their editor text is indexed, not the file on disk. */
  documents: { get(uri: string): TextDocument | undefined };
  setupOf(folder: Folder): Promise<FolderSetup>;
  log: Log;
}

/** Where the index changed: a folder (its URI) or the loose files (''); `uris` undefined means every file. */
export interface IndexChange {
  scope: string;
  uris: readonly string[] | undefined;
}

const LOOSE = '';

/** One Workspace of a folder, built with one setup. */
interface Scope {
  key: string;
  workspace: Workspace;
  /** Which paths are manifests of the folder; undefined: none (kube-prod is off there, or loose files). */
  filter: FileFilter | undefined;
  maxBytes: number;
  /** Every file of the folder has been read once: cross-resource findings can be trusted. */
  complete: boolean;
  /** Superseded by a newer setup before it was complete: its scan stops. */
  dead: boolean;
  /** Per file, the number of its latest read: a read that finishes after a newer one began is dropped. */
  tickets: Map<string, number>;
  /** Resolves when the scope is complete or dead. */
  settled: Promise<void>;
  settle: (outcome: 'complete' | 'dead') => void;
}

interface OpenDocument {
  /** The URI as the client spells it. */
  uri: string;
  version: number;
}

/** A workspace folder (or the loose files outside every folder) and the Workspace serving it. */
interface Slot {
  id: string;
  folder: Folder | undefined;
  /** Serves findings; undefined until the folder's setup is known. */
  current: Scope | undefined;
  /** Being built for a new setup; the current one serves until it is complete. */
  next: Scope | undefined;
  /** Open documents indexed from the editor, by canonical URI. The editor's text wins over the disk. */
  open: Map<string, OpenDocument>;
  /** Bumped per setup request: an answer to an older request is dropped. */
  requests: number;
  hasScope: Promise<void>;
  markHasScope: () => void;
  disposed: boolean;
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The workspace index of the language server: one Workspace per workspace folder, holding every
 * manifest of the folder (the editor's text for open documents, the disk's for the others), and
 * one for open documents outside every folder. Files are read at start and re-read one by one
 * as they change; a new config or new settings rebuild the folder's Workspace while the old one
 * keeps serving. Listeners hear of every change of a Workspace that serves.
 */
export class WorkspaceService {
  private readonly slots = new Map<string, Slot>();
  private readonly loose: Slot;
  private readonly listeners: Array<(change: IndexChange) => void> = [];

  constructor(private readonly deps: WorkspaceServiceDependencies) {
    this.loose = this.createSlot(LOOSE, undefined);
    this.install(this.loose, this.createScope(this.loose, { config: NO_CONFIG, settings: DEFAULT_SETTINGS, filesExclude: [] }, LOOSE, false));
  }

  onDidChange(listener: (change: IndexChange) => void): void {
    this.listeners.push(listener);
  }

  /** Indexes every workspace folder. */
  start(): void {
    this.addFolders(this.deps.folders.all());
  }

  addFolders(added: readonly Folder[]): void {
    for (const folder of added) {
      if (!this.slots.has(folder.uri)) this.slots.set(folder.uri, this.createSlot(folder.uri, folder));
    }
    // Every folder, not only the new ones: a folder nested in another takes its files from the outer one.
    if (added.length > 0) this.reconcileAll();
  }

  removeFolders(removed: readonly Folder[]): void {
    for (const folder of removed) {
      const slot = this.slots.get(folder.uri);
      if (!slot) continue;
      slot.disposed = true;
      for (const scope of this.scopes(slot)) scope.settle('dead');
      this.slots.delete(folder.uri);
      slot.markHasScope();
    }
    if (removed.length > 0) this.reconcileAll();
  }

  /** The config or the settings changed: every folder whose setup differs is rebuilt. */
  reconcileAll(): void {
    for (const slot of this.slots.values()) this.reconcile(slot);
  }

  /** Resolves once the Workspace for `uri` exists (its folder's setup is known; the folder may still be being read). */
  ready(uri: string): Promise<void> {
    return this.slotOf(uri).hasScope;
  }

  /** The scope key of a document: its folder's URI, or '' outside every folder. */
  scopeOf(uri: string): string {
    return this.slotOf(uri).id;
  }

  /** An open document's text, as the editor has it at `version`. */
  edited(uri: string, text: string, version: number): void {
    const slot = this.slotOf(uri);
    const key = canonicalUri(uri);
    slot.open.set(key, { uri, version });
    for (const scope of this.scopes(slot)) {
      this.ticket(scope, key);
      scope.workspace.update(key, text, true);
    }
    if (slot.current) this.emit(slot, [key]);
  }

  /** The version of an open document the index holds, if it holds the editor's text. */
  indexedVersion(uri: string): number | undefined {
    return this.slotOf(uri).open.get(canonicalUri(uri))?.version;
  }

  /** The editor no longer speaks for a document (closed, or not to be analysed): back to the disk. */
  released(uri: string): void {
    const slot = this.slotOf(uri);
    const key = canonicalUri(uri);
    if (!slot.open.delete(key)) return;
    if (slot === this.loose) {
      if (this.loose.current?.workspace.remove(key)) this.emit(slot, [key]);
      return;
    }
    this.fromDisk(slot, key)
      .then((changed) => {
        if (changed) this.emit(slot, [key]);
      })
      .catch((error: unknown) => this.deps.log.error(`kube-prod: re-reading ${key} failed: ${describeError(error)}`));
  }

  /** Files created, changed or deleted on disk (a rename is a delete and a create). */
  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    const latest = new Map<string, FileEvent>();
    for (const change of changes) latest.set(change.uri, change);
    const changed = new Map<Slot, Set<string>>();
    const note = (slot: Slot, uris: Iterable<string>): void => {
      let set = changed.get(slot);
      if (!set) changed.set(slot, (set = new Set()));
      for (const uri of uris) set.add(uri);
    };
    // Folders holding indexed files, computed once per batch: most deleted non-YAML paths are plain files.
    const folders = new Map<Slot, Set<string>>();
    const holdsFiles = (slot: Slot, key: string): boolean => {
      let set = folders.get(slot);
      if (!set) folders.set(slot, (set = this.foldersWithFiles(slot)));
      return set.has(key);
    };
    await Promise.all(
      [...latest.values()].map(async ({ uri, type }) => {
        const folder = this.deps.folders.folderOf(uri);
        const slot = folder && this.slots.get(folder.uri);
        const path = pathOf(uri);
        if (!slot || path === undefined) return;
        const key = canonicalUri(uri);
        if (/\.ya?ml$/i.test(path)) {
          if (await this.fromDisk(slot, key)) note(slot, [key]);
        } else if (type === FileChangeType.Deleted) {
          if (holdsFiles(slot, key)) note(slot, this.removeUnder(slot, key));
        } else if (type === FileChangeType.Created && this.scopes(slot).some((scope) => scope.filter?.reaches(path)) && (await isFolder(path))) {
          note(slot, await this.readFolder(slot, path));
        }
      }),
    );
    for (const [slot, uris] of changed) if (uris.size > 0) this.emit(slot, [...uris]);
  }

  /**
   * Findings of an indexed file: its own and, once its folder has been read completely, the
   * cross-resource ones (before that they would report what is merely not read yet).
   */
  findings(uri: string): Finding[] | undefined {
    const scope = this.slotOf(uri).current;
    const key = canonicalUri(uri);
    const file = scope?.workspace.index.file(key);
    if (!scope || !file) return undefined;
    return scope.complete ? scope.workspace.findings(key) : [...file.findings];
  }

  /** The Workspace serving a document (its folder's, or the loose files'), for its rules and config. */
  workspaceOf(uri: string): Workspace | undefined {
    return this.slotOf(uri).current?.workspace;
  }

  /**
   * The parsed documents of an open document whose index holds `text` at `version`: taken from
   * the analyzer's cache, nothing is parsed again. Undefined when the index holds another version.
   */
  openAnalysis(uri: string, text: string, version: number): FileAnalysis | undefined {
    const slot = this.slotOf(uri);
    const key = canonicalUri(uri);
    const workspace = slot.current?.workspace;
    if (!workspace || slot.open.get(key)?.version !== version) return undefined;
    return workspace.analyzer.analyze(text, key);
  }

  /** The folder of a URI, or the only folder when none is given; undefined when there is none. */
  folderFor(folderUri: string | undefined): Folder | undefined {
    if (folderUri === undefined) return this.deps.folders.all()[0];
    const trimmed = folderUri.replace(/\/+$/, '');
    return this.deps.folders.all().find((f) => f.uri === trimmed || canonicalUri(f.uri) === canonicalUri(trimmed));
  }

  /** A folder's Workspace once every file of it has been read (waits for a rebuild in progress). */
  async complete(folder: Folder): Promise<Workspace | undefined> {
    for (;;) {
      const slot = this.slots.get(folder.uri);
      if (!slot || slot.disposed) return undefined;
      await slot.hasScope;
      const scope = slot.next ?? slot.current;
      if (!scope) return undefined;
      await scope.settled;
      if (slot.current === scope && scope.complete) return scope.workspace;
      if (slot.disposed) return undefined;
    }
  }

  /** The Workspace serving a folder right now, complete or not. */
  serving(folder: Folder): { workspace: Workspace; complete: boolean } | undefined {
    const scope = this.slots.get(folder.uri)?.current;
    return scope && { workspace: scope.workspace, complete: scope.complete };
  }

  /**
   * A folder's builds finished: `built` files are checked as built (not on their own) and
   * `findings` are what the builds found, by canonical URI. Files that joined or left the builds
   * are indexed again; every open document of the folder is looked at again.
   */
  applyBuilds(folder: Folder, built: readonly string[], findings: ReadonlyMap<string, readonly Finding[]>, applications: readonly AttachedApplication[] = []): void {
    const slot = this.slots.get(folder.uri);
    if (!slot || slot.disposed) return;
    // Named, not undefined ("everything"): a finished scan is what starts builds, and this is not one.
    const touched = new Set<string>([...built, ...findings.keys()]);
    for (const scope of this.scopes(slot)) {
      for (const key of scope.workspace.buildFindingFiles()) touched.add(key);
      for (const key of scope.workspace.setBuilds(built, findings, applications)) {
        touched.add(key);
        const open = slot.open.get(key);
        const document = open && this.deps.documents.get(open.uri);
        if (document) {
          scope.workspace.update(key, document.getText(), true);
          continue;
        }
        const path = pathOf(key);
        if (path === undefined || !scope.workspace.index.file(key)) continue;
        this.readNow(slot, scope, key, path);
      }
    }
    this.emit(slot, [...touched]);
  }

  dispose(): void {
    for (const slot of this.slots.values()) {
      slot.disposed = true;
      for (const scope of this.scopes(slot)) scope.settle('dead');
    }
  }

  private slotOf(uri: string): Slot {
    const folder = this.deps.folders.folderOf(uri);
    return (folder && this.slots.get(folder.uri)) ?? this.loose;
  }

  private createSlot(id: string, folder: Folder | undefined): Slot {
    const { promise, resolve } = deferred();
    return { id, folder, current: undefined, next: undefined, open: new Map(), requests: 0, hasScope: promise, markHasScope: resolve, disposed: false };
  }

  /** Live scopes of a slot: both serve edits while a rebuild is in progress. */
  private scopes(slot: Slot): Scope[] {
    return [slot.current, slot.next].filter((s): s is Scope => s !== undefined && !s.dead);
  }

  private createScope(slot: Slot, setup: FolderSetup, key: string, scan: boolean): Scope {
    const { settings } = setup;
    const workspace = new Workspace({
      rules: this.deps.rules,
      config: resolveConfig(this.deps.rules, setup.config.user, settings.rules, settings.kubernetesVersion || undefined),
      onRuleError: (ruleId, error) =>
        this.deps.log.once(`rule:${ruleId}`, 'error', `kube-prod: rule ${ruleId} failed and was skipped (reported once): ${describeError(error)}`),
    });
    const root = slot.folder && pathOf(slot.folder.uri);
    if (settings.crdFolders.length > 0) workspace.index.setExternalCrds(this.externalCrds(settings.crdFolders, root, settings.maxFileSizeKb * 1024));
    const filter =
      scan && settings.enable && root !== undefined
        ? new FileFilter({ root, exclude: [...settings.exclude, ...setup.filesExclude], nestedRoots: this.nestedRoots(slot) })
        : undefined;
    const { promise, resolve } = deferred();
    const scope: Scope = {
      key,
      workspace,
      filter,
      maxBytes: settings.maxFileSizeKb * 1024,
      complete: false,
      dead: false,
      tickets: new Map(),
      settled: promise,
      settle: (outcome) => {
        if (outcome === 'complete') scope.complete = true;
        else scope.dead = true;
        resolve();
      },
    };
    if (!filter) scope.settle('complete');
    // The editor's text of open documents first: the scan leaves them alone.
    for (const [key, open] of slot.open) {
      const document = this.deps.documents.get(open.uri);
      if (!document) continue;
      scope.workspace.update(key, document.getText(), true);
      open.version = document.version;
    }
    return scope;
  }

  private install(slot: Slot, scope: Scope): void {
    slot.current = scope;
    slot.markHasScope();
  }

  private nestedRoots(slot: Slot): string[] {
    const roots: string[] = [];
    for (const other of this.deps.folders.all()) {
      if (slot.folder && other.uri.startsWith(`${slot.folder.uri}/`)) {
        const path = pathOf(other.uri);
        if (path !== undefined) roots.push(path);
      }
    }
    return roots.sort();
  }

  /**
   * The CustomResourceDefinitions of the folders named in kubeProd.crdFolders (absolute, or relative
   * to the workspace folder), read once per setup: a change there is seen on the next settings
   * change or restart. Unreadable folders are named once in the log.
   */
  private externalCrds(folders: readonly string[], root: string | undefined, maxBytes: number): CrdFacts[] {
    const crds: CrdFacts[] = [];
    const visit = (dir: string, depth: number): void => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (error) {
        this.deps.log.once(`crd-folder:${dir}`, 'warn', `kube-prod: cannot read CRD folder ${dir} (kubeProd.crdFolders): ${describeError(error)}`);
        return;
      }
      for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
        const path = join(dir, entry.name);
        if (entry.isDirectory() && depth < 8 && entry.name !== 'node_modules' && !entry.name.startsWith('.')) visit(path, depth + 1);
        else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) {
          const read = readManifestNow(path, maxBytes);
          if (read.kind === 'text') crds.push(...crdsOfText(read.text));
        }
      }
    };
    for (const folder of folders) visit(isAbsolute(folder) || root === undefined ? folder : resolve(root, folder), 0);
    return crds;
  }

  private keyOf(slot: Slot, setup: FolderSetup): string {
    const { settings } = setup;
    const rules = Object.entries(settings.rules).sort(([a], [b]) => a.localeCompare(b));
    return JSON.stringify([
      setup.config.key,
      rules,
      settings.enable,
      settings.exclude,
      setup.filesExclude,
      settings.maxFileSizeKb,
      settings.kubernetesVersion,
      settings.crdFolders,
      this.nestedRoots(slot),
    ]);
  }

  /** Fetches the folder's setup; builds a new Workspace when it differs from the newest one. */
  private reconcile(slot: Slot): void {
    const request = ++slot.requests;
    const folder = slot.folder;
    if (!folder) return;
    this.deps
      .setupOf(folder)
      .then((setup) => {
        if (request !== slot.requests || slot.disposed) return;
        const key = this.keyOf(slot, setup);
        if ((slot.next ?? slot.current)?.key === key) return;
        slot.next?.settle('dead');
        const scope = this.createScope(slot, setup, key, true);
        const first = slot.current === undefined;
        if (first) this.install(slot, scope);
        else slot.next = scope;
        return this.scan(slot, scope, first);
      })
      .catch((error: unknown) => {
        this.deps.log.error(`kube-prod: indexing ${folder.name} failed: ${describeError(error)}`);
        // Documents of the folder wait for a Workspace: give them one that holds only what the editor has.
        if (!slot.current && !slot.disposed) this.install(slot, this.createScope(slot, { config: NO_CONFIG, settings: DEFAULT_SETTINGS, filesExclude: [] }, 'failed', false));
      });
  }

  /** Reads every manifest of the folder into a scope; a rebuilt scope then replaces the serving one. */
  private async scan(slot: Slot, scope: Scope, first: boolean): Promise<void> {
    const started = performance.now();
    const filter = scope.filter;
    if (filter) {
      try {
        const slicer = new TimeSlicer();
        const paths = await listManifests(filter, filter.root, () => scope.dead, slicer);
        for (const path of paths) {
          if (scope.dead) break;
          this.readNow(slot, scope, fileUri(path), path);
          await slicer.step();
        }
      } catch (error) {
        // What was read so far serves; the rest comes with file events.
        this.deps.log.error(`kube-prod: listing the files of ${slot.folder?.name ?? filter.root} failed: ${describeError(error)}`);
      }
    }
    if (scope.dead || slot.disposed) return;
    if (slot.next === scope) {
      slot.next = undefined;
      slot.current = scope;
    }
    if (filter) {
      let objects = 0;
      for (const file of scope.workspace.index.files()) objects += file.resources.length;
      const where = this.deps.folders.all().length > 1 && slot.folder ? ` of ${slot.folder.name}` : '';
      this.deps.log.info(
        `kube-prod: ${first ? 'indexed' : 're-indexed'} ${scope.workspace.index.fileCount} files${where} (${objects} Kubernetes objects) in ${Math.round(performance.now() - started)} ms`,
      );
    }
    scope.settle('complete');
    this.emit(slot, undefined);
  }

  /** Re-reads one file of a folder from disk into its live scopes; whether the serving scope changed. */
  private async fromDisk(slot: Slot, key: string): Promise<boolean> {
    const path = pathOf(key);
    if (path === undefined) return false;
    return this.readInto(slot, this.scopes(slot), key, path);
  }

  private async readInto(slot: Slot, scopes: readonly Scope[], key: string, path: string): Promise<boolean> {
    const tickets = scopes.map((scope) => this.ticket(scope, key));
    const wanted = scopes.filter((scope) => scope.filter?.accepts(path));
    let result: ReadResult = { kind: 'missing' };
    if (wanted.length > 0 && !slot.open.has(key)) result = await readManifest(path, Math.max(...wanted.map((s) => s.maxBytes)));
    return this.applyRead(slot, scopes, tickets, wanted, key, path, result);
  }

  /** One file of a scan, read and indexed at once (the scan time-slices these). */
  private readNow(slot: Slot, scope: Scope, key: string, path: string): void {
    const tickets = [this.ticket(scope, key)];
    if (slot.open.has(key)) return;
    let result: ReadResult;
    try {
      result = readManifestNow(path, scope.maxBytes);
    } catch (error) {
      this.unreadable(path, error);
      return;
    }
    this.applyRead(slot, [scope], tickets, [scope], key, path, result);
  }

  private applyRead(slot: Slot, scopes: readonly Scope[], tickets: readonly number[], wanted: readonly Scope[], key: string, path: string, result: ReadResult): boolean {
    let changed = false;
    scopes.forEach((scope, i) => {
      // The editor's text wins; a newer read of the same file wins.
      if (scope.dead || slot.disposed || slot.open.has(key) || scope.tickets.get(key) !== tickets[i]) return;
      let text: string | undefined;
      if (wanted.includes(scope) && result.kind === 'text') {
        const bytes = Buffer.byteLength(result.text);
        if (bytes <= scope.maxBytes) text = result.text;
        else this.tooLarge(path, bytes, scope);
      } else if (wanted.includes(scope) && result.kind === 'too-large') this.tooLarge(path, result.bytes, scope);
      const did = text !== undefined ? (scope.workspace.update(key, text), true) : scope.workspace.remove(key);
      if (did && scope === slot.current) changed = true;
    });
    return changed;
  }

  private unreadable(path: string, error: unknown): void {
    this.deps.log.once(`unreadable:${path}`, 'warn', `kube-prod: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private tooLarge(path: string, bytes: number, scope: Scope): void {
    this.deps.log.once(
      `too-large:${path}:${scope.maxBytes}`,
      'warn',
      `kube-prod: not indexing ${path}: ${formatBytes(bytes)} is over kubeProd.maxFileSizeKb (${scope.maxBytes / 1024} KB)`,
    );
  }

  /** A folder appeared (created, or renamed from elsewhere): its manifests join the index. */
  private async readFolder(slot: Slot, path: string): Promise<string[]> {
    const changed: string[] = [];
    for (const scope of this.scopes(slot)) {
      const filter = scope.filter;
      if (!filter?.reaches(path)) continue;
      const slicer = new TimeSlicer();
      for (const file of await listManifests(filter, path, () => scope.dead, slicer)) {
        const key = fileUri(file);
        this.readNow(slot, scope, key, file);
        if (scope === slot.current) changed.push(key);
        await slicer.step();
      }
    }
    return changed;
  }

  /** Every folder (canonical URI) above an indexed file of the slot. */
  private foldersWithFiles(slot: Slot): Set<string> {
    const folders = new Set<string>();
    for (const scope of this.scopes(slot)) {
      for (const file of scope.workspace.index.files()) {
        for (let end = file.uri.lastIndexOf('/'); end > 0; end = file.uri.lastIndexOf('/', end - 1)) {
          const folder = file.uri.slice(0, end);
          if (folders.has(folder)) break;
          folders.add(folder);
        }
      }
    }
    return folders;
  }

  /** A folder went away (deleted, or renamed): its files leave the index, except open documents. */
  private removeUnder(slot: Slot, key: string): string[] {
    const prefix = `${key.replace(/\/+$/, '')}/`;
    const removed = new Set<string>();
    for (const scope of this.scopes(slot)) {
      const uris = [...scope.workspace.index.files()].map((f) => f.uri).filter((uri) => uri.startsWith(prefix) && !slot.open.has(uri));
      for (const uri of uris) {
        this.ticket(scope, uri);
        scope.workspace.remove(uri);
        if (scope === slot.current) removed.add(uri);
      }
    }
    return [...removed];
  }

  private ticket(scope: Scope, key: string): number {
    const next = (scope.tickets.get(key) ?? 0) + 1;
    scope.tickets.set(key, next);
    return next;
  }

  private emit(slot: Slot, uris: readonly string[] | undefined): void {
    const change: IndexChange = { scope: slot.id, uris };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.deps.log.error(`kube-prod: index change listener failed: ${describeError(error)}`);
      }
    }
  }
}
