import type { NodeReader } from './nodes';
import type { ContainerRef, K8sObject, PodSpecRef } from './model';
import type { YamlEditor, TextEdit } from './fix/yamlEdit';
import type { Range, Severity, Span } from './types';
import type { ResourceFacts } from './workspace/facts';
import type { IndexedResource, WorkspaceIndex } from './workspace/index';

/** Rule categories: the sections of the production checklist (shared RULES.md). */
export const CATEGORIES = {
  'health-checks': 'Health checks',
  resources: 'Resources and QoS',
  availability: 'Availability and scaling',
  security: 'Security hardening',
  images: 'Images and supply chain',
  configuration: 'Configuration and secrets',
  networking: 'Networking',
  lifecycle: 'Lifecycle and graceful shutdown',
  labels: 'Labels and metadata',
  'api-versions': 'API versions and structure',
} as const;

export type Category = keyof typeof CATEGORIES;

/** The linters teams migrate from, whose check ids and suppression annotations kube-prod understands. */
export const PEER_TOOLS = ['kube-linter', 'kube-score', 'polaris'] as const;
export type PeerTool = (typeof PEER_TOOLS)[number];
export type PeerChecks = Partial<Record<PeerTool, readonly string[]>>;

export interface RuleOption {
  /** JSON schema of the option's value, copied into schemas/kube-prod.schema.json. */
  schema: Record<string, unknown>;
  default: unknown;
  description: string;
}

export interface RuleMeta {
  /** Stable kebab-case id: the diagnostic code and the key in the config file. */
  id: string;
  category: Category;
  severity: Severity;
  /** Off unless the config file turns it on (noisy for most teams, wanted by some). */
  disabledByDefault?: boolean;
  /** One line: what is wrong. */
  description: string;
  /** Why it matters in production. */
  rationale: string;
  /** What to change. */
  remediation: string;
  /** The Kubernetes documentation page behind the practice. */
  docsUrl: string;
  /** The checks of other linters that look for the same practice: their suppression annotations silence this rule too. */
  peers?: PeerChecks;
  /** Whether the change is mechanical enough for a quick-fix. */
  fixable: boolean;
  /**
   * Kinds the engine hands this rule; the engine does the dispatch, not the rule. Built-in kinds
   * only, unless a single-object rule lists ANY_KIND: it then sees every object, custom resources
   * included (for checks that need no schema, such as credentials recognised by their value).
   */
  kinds: readonly string[];
  options?: Record<string, RuleOption>;
}

/** In `meta.kinds`: every object of any kind. */
export const ANY_KIND = '*';

/** A rule's quick-fix: edits on its document's text, made with the style-preserving editor. */
export interface FixSpec {
  title: string;
  edits(editor: YamlEditor): TextEdit[];
}

export interface Report {
  /** Offsets into the document's text; the smallest node that explains the finding. */
  at: Span | undefined;
  message: string;
  fix?: FixSpec;
}

export interface RuleContext {
  object: K8sObject;
  read: NodeReader;
  options: Readonly<Record<string, unknown>>;
  /** `major.minor` of the cluster the manifests are for (config `kubernetesVersion`). */
  kubernetesVersion: string;
  report(report: Report): void;
}

/** A single-object rule: sees one object's syntax tree. */
export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

export interface WorkspaceRuleContext {
  /** The object the finding would be placed on (of one of the rule's kinds). */
  resource: IndexedResource;
  facts: ResourceFacts;
  index: WorkspaceIndex;
  options: Readonly<Record<string, unknown>>;
  /**
   * The object's syntax tree, when its file is open in an editor (or the CLI fixes files):
   * what a quick-fix edits. Undefined for files known only by their facts.
   */
  source(): K8sObject | undefined;
  /** A span of that syntax tree as a range of the document (undefined with no tree). */
  locate(span: Span): Range | undefined;
  /** `at` is a range from the facts (relative to the object's document); undefined means `kind:`. */
  report(at: Range | undefined, message: string, fix?: FixSpec): void;
}

/**
 * A cross-resource rule: sees one object's facts and the whole workspace index. It runs on
 * the object that should change (the workload for "no PDB", the Service for "selects nothing").
 */
export interface WorkspaceRule {
  meta: RuleMeta;
  checkWorkspace(context: WorkspaceRuleContext): void;
}

export type AnyRule = Rule | WorkspaceRule;

export function isWorkspaceRule(rule: AnyRule): rule is WorkspaceRule {
  return 'checkWorkspace' in rule;
}

/** The containers a rule about running processes looks at: regular and init, not ephemeral debug containers. */
export function podContainers(object: K8sObject, roles: readonly ContainerRef['role'][] = DEFAULT_ROLES): readonly ContainerRef[] {
  const podSpec = object.podSpec;
  if (!podSpec) return NO_CONTAINERS;
  if (roles !== DEFAULT_ROLES) return podSpec.containers.filter((c) => roles.includes(c.role));
  // Most rules ask every object for its init and regular containers: filter once per object.
  let containers = runnableContainers.get(podSpec);
  if (!containers) runnableContainers.set(podSpec, (containers = podSpec.containers.filter((c) => c.role !== 'ephemeral')));
  return containers;
}

const DEFAULT_ROLES: readonly ContainerRef['role'][] = ['init', 'regular'];
const NO_CONTAINERS: readonly ContainerRef[] = [];
const runnableContainers = new WeakMap<PodSpecRef, readonly ContainerRef[]>();
