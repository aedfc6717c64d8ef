import type { FileAnalysis } from '../analyzer';
import { matches, type LabelSelector } from '../selector';
import type { Finding } from '../types';
import type { CrdFacts } from '../schema/crds';
import type { ResourceFacts } from './facts';

/** One object of the workspace, as the index keeps it. */
export interface IndexedResource {
  uri: string;
  facts: ResourceFacts;
  /** File line where the object's document starts: facts' ranges count from it. */
  startLine: number;
  /** metadata.namespace, or the default namespace; undefined for cluster-scoped kinds. */
  namespace: string | undefined;
  /** The object's own single-object findings (ranges relative to its document). */
  findings: readonly Finding[];
}

export interface IndexedFile {
  uri: string;
  resources: readonly IndexedResource[];
  /** Every single-object finding of the file, in file coordinates (syntax errors included). */
  findings: readonly Finding[];
  /** A Helm template: not indexed. */
  template: boolean;
}

interface NamespaceBucket {
  byKind: Map<string, Set<IndexedResource>>;
  /** Workloads by pod-template label `key=value`: selector lookups touch only candidates. */
  podsByLabel: Map<string, Set<IndexedResource>>;
  workloads: Set<IndexedResource>;
}

const labelKey = (key: string, value: string): string => `${key}\u0000${value}`;

/**
 * Every Kubernetes object of the workspace, by file, namespace, kind and pod label.
 * Pure data: the server and the CLI feed it analysed files and ask it questions.
 */
export class WorkspaceIndex {
  private readonly filesByUri = new Map<string, IndexedFile>();
  private readonly namespaces = new Map<string, NamespaceBucket>();
  private readonly clusterScoped = new Map<string, Set<IndexedResource>>();
  /** Bumped on every change, so derived views (the checklist) know when to recompute. */
  generation = 0;
  /** Bumped when an object of that namespace comes or goes: what a cross-resource finding there depends on. */
  private readonly namespaceGenerations = new Map<string, number>();
  private readonly kindGenerations = new Map<string, number>();
  /** The kinds allOfKind is asked for while recordingKinds runs. */
  private kindsRead: Set<string> | undefined;
  /** stampOf's answers until the namespace (or the cluster) changes: asked once per object per keystroke. */
  private readonly stamps = new Map<string, string>();
  /** Bumped when a cluster-scoped object comes or goes (Namespaces, cluster-wide policies). */
  private clusterGeneration = 0;
  /** Counts lookups across namespaces: a finding computed while it moved depends on every namespace. */
  private crossNamespaceReadCount = 0;

  /** CustomResourceDefinitions from folders outside the workspace (settings): what its custom resources are validated with when it defines none. */
  private external: readonly CrdFacts[] = [];

  constructor(private defaultNamespace = 'default') {}

  get externalCrds(): readonly CrdFacts[] {
    return this.external;
  }

  /** Replaces the CRDs from outside the workspace; the findings that read CRDs are recomputed. */
  setExternalCrds(crds: readonly CrdFacts[]): void {
    this.external = crds;
    this.touch(undefined, 'CustomResourceDefinition');
    this.generation++;
  }

  /** Replaces what the index knows of one file. */
  setFile(uri: string, analysis: FileAnalysis): IndexedFile {
    // An object whose document did not change (the same facts, at the same line, with the same
    // findings: the analyzer's cache hands them back as they were) keeps its place in the index.
    // Only the namespaces of objects that came, went or moved are touched, so after a keystroke in
    // a 2,000-document file the cross-resource findings of the other namespaces stay cached.
    const previous = new Map<ResourceFacts, IndexedResource[]>();
    for (const resource of this.filesByUri.get(uri)?.resources ?? []) {
      const list = previous.get(resource.facts);
      if (list) list.push(resource);
      else previous.set(resource.facts, [resource]);
    }
    const kept = new Set<IndexedResource>();
    const resources: IndexedResource[] = [];
    for (const document of analysis.documents) {
      if (!document.facts) continue;
      const same = previous.get(document.facts)?.find((r) => r.startLine === document.startLine && r.findings === document.findings && !kept.has(r));
      if (same) {
        kept.add(same);
        resources.push(same);
        continue;
      }
      resources.push({
        uri,
        facts: document.facts,
        startLine: document.startLine,
        namespace: this.namespaceOf(document.facts),
        findings: document.findings,
      });
    }
    for (const list of previous.values()) for (const resource of list) if (!kept.has(resource)) this.unbucketOne(resource);
    const file: IndexedFile = { uri, resources, findings: analysis.findings, template: analysis.template };
    this.filesByUri.set(uri, file);
    for (const resource of resources) if (!kept.has(resource)) this.bucket(resource);
    this.generation++;
    return file;
  }

  deleteFile(uri: string): boolean {
    const existed = this.unbucket(uri);
    this.filesByUri.delete(uri);
    if (existed) this.generation++;
    return existed;
  }

  /** Namespace of objects that set none; changing it re-files every object. */
  setDefaultNamespace(namespace: string): void {
    if (namespace === this.defaultNamespace) return;
    this.defaultNamespace = namespace;
    this.namespaces.clear();
    this.clusterScoped.clear();
    for (const file of this.filesByUri.values()) {
      for (const resource of file.resources) {
        resource.namespace = this.namespaceOf(resource.facts);
        this.bucket(resource);
      }
    }
    this.generation++;
  }

  file(uri: string): IndexedFile | undefined {
    return this.filesByUri.get(uri);
  }

  files(): IterableIterator<IndexedFile> {
    return this.filesByUri.values();
  }

  get fileCount(): number {
    return this.filesByUri.size;
  }

  *resources(): Generator<IndexedResource> {
    for (const file of this.filesByUri.values()) yield* file.resources;
  }

  /** Namespaces that hold at least one namespaced object. */
  namespaceNames(): string[] {
    return [...this.namespaces.keys()].sort();
  }

  /** Objects of a kind in a namespace (or cluster-scoped ones with `namespace` undefined). */
  ofKind(kind: string, namespace: string | undefined): IndexedResource[] {
    const set = namespace === undefined ? this.clusterScoped.get(kind) : this.namespaces.get(namespace)?.byKind.get(kind);
    return set ? [...set] : [];
  }

  /** Objects of a kind in every namespace. */
  allOfKind(kind: string): IndexedResource[] {
    // Objects of every namespace: a finding that read them depends on that kind everywhere (see kindsRead).
    this.kindsRead?.add(kind);
    const out: IndexedResource[] = [...(this.clusterScoped.get(kind) ?? [])];
    for (const bucket of this.namespaces.values()) out.push(...(bucket.byKind.get(kind) ?? []));
    return out;
  }

  find(kind: string, namespace: string | undefined, name: string): IndexedResource | undefined {
    return this.ofKind(kind, namespace).find((r) => r.facts.name === name);
  }

  /** Workloads (objects with a pod template) of a namespace. */
  workloads(namespace: string): IndexedResource[] {
    const set = this.namespaces.get(namespace)?.workloads;
    return set ? [...set] : [];
  }

  /** Workloads of `namespace` whose pods the selector selects (an empty selector selects them all). */
  workloadsSelectedBy(selector: LabelSelector, namespace: string): IndexedResource[] {
    const bucket = this.namespaces.get(namespace);
    if (!bucket) return [];
    let candidates: Iterable<IndexedResource> = bucket.workloads;
    for (const [key, value] of Object.entries(selector.matchLabels)) {
      const set = bucket.podsByLabel.get(labelKey(key, value));
      if (!set) return [];
      if (set.size < (candidates as Set<IndexedResource>).size) candidates = set;
    }
    const out: IndexedResource[] = [];
    for (const candidate of candidates) if (matches(selector, candidate.facts.workload!.podLabels)) out.push(candidate);
    return out;
  }

  /**
   * A stamp that changes whenever anything a namespaced object's cross-resource findings can depend
   * on changes: the objects of its namespace, and cluster-scoped objects.
   */
  stampOf(namespace: string): string {
    let stamp = this.stamps.get(namespace);
    if (stamp === undefined) this.stamps.set(namespace, (stamp = `${namespace}\u0000${this.namespaceGenerations.get(namespace) ?? 0}:${this.clusterGeneration}`));
    return stamp;
  }

  /** Says that a query looked beyond the namespace it was asked about (see stampOf). */
  noteCrossNamespaceRead(): void {
    this.crossNamespaceReadCount++;
  }

  get crossNamespaceReads(): number {
    return this.crossNamespaceReadCount;
  }

  /** Bumped when an object of that kind comes or goes, in any namespace (what allOfKind answers depend on). */
  kindGeneration(kind: string): number {
    return this.kindGenerations.get(kind) ?? 0;
  }

  /** Says that the finding being checked depends on these kinds in every namespace (an answer memoised from allOfKind). */
  dependsOnKinds(kinds: readonly string[]): void {
    if (this.kindsRead) for (const kind of kinds) this.kindsRead.add(kind);
  }

  /** Runs `check`, and says which kinds it asked allOfKind for. */
  recordingKinds<T>(check: () => T): { value: T; kinds: string[] } {
    const outer = this.kindsRead;
    const kinds = new Set<string>();
    this.kindsRead = kinds;
    try {
      return { value: check(), kinds: [...kinds] };
    } finally {
      this.kindsRead = outer;
      if (outer) for (const kind of kinds) outer.add(kind);
    }
  }

  private touch(namespace: string | undefined, kind: string): void {
    this.kindGenerations.set(kind, (this.kindGenerations.get(kind) ?? 0) + 1);
    if (namespace === undefined) {
      this.clusterGeneration++;
      this.stamps.clear();
    } else {
      this.namespaceGenerations.set(namespace, (this.namespaceGenerations.get(namespace) ?? 0) + 1);
      this.stamps.delete(namespace);
    }
  }

  private namespaceOf(facts: ResourceFacts): string | undefined {
    if (facts.clusterScoped) return undefined;
    return facts.namespace ?? this.defaultNamespace;
  }

  private bucket(resource: IndexedResource): void {
    const { kind } = resource.facts;
    this.touch(resource.namespace, resource.facts.kind);
    if (resource.namespace === undefined) {
      let set = this.clusterScoped.get(kind);
      if (!set) this.clusterScoped.set(kind, (set = new Set()));
      set.add(resource);
      return;
    }
    let bucket = this.namespaces.get(resource.namespace);
    if (!bucket) this.namespaces.set(resource.namespace, (bucket = { byKind: new Map(), podsByLabel: new Map(), workloads: new Set() }));
    let set = bucket.byKind.get(kind);
    if (!set) bucket.byKind.set(kind, (set = new Set()));
    set.add(resource);
    const workload = resource.facts.workload;
    if (workload) {
      bucket.workloads.add(resource);
      for (const [key, value] of Object.entries(workload.podLabels)) {
        const k = labelKey(key, value);
        let pods = bucket.podsByLabel.get(k);
        if (!pods) bucket.podsByLabel.set(k, (pods = new Set()));
        pods.add(resource);
      }
    }
  }

  private unbucket(uri: string): boolean {
    const file = this.filesByUri.get(uri);
    if (!file) return false;
    for (const resource of file.resources) this.unbucketOne(resource);
    return true;
  }

  private unbucketOne(resource: IndexedResource): void {
    const { kind } = resource.facts;
    this.touch(resource.namespace, resource.facts.kind);
    if (resource.namespace === undefined) {
      this.clusterScoped.get(kind)?.delete(resource);
      return;
    }
    const bucket = this.namespaces.get(resource.namespace);
    if (!bucket) return;
    bucket.byKind.get(kind)?.delete(resource);
    if (bucket.byKind.get(kind)?.size === 0) bucket.byKind.delete(kind);
    bucket.workloads.delete(resource);
    for (const [key, value] of Object.entries(resource.facts.workload?.podLabels ?? {})) {
      const k = labelKey(key, value);
      bucket.podsByLabel.get(k)?.delete(resource);
      if (bucket.podsByLabel.get(k)?.size === 0) bucket.podsByLabel.delete(k);
    }
    if (bucket.byKind.size === 0) this.namespaces.delete(resource.namespace);
  }
}
