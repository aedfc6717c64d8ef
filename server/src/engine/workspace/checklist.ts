// The production checklist (RULES.md section 11) over the workspace index: for each item its
// status, a count ("5 of 7 workloads") and the objects that fail it. Pure: the server and the
// CLI call it with a Workspace and the manual state read from .kube-prod-checklist.yaml.
import { apiGroupOf, LONG_RUNNING_KINDS, RBAC_BINDING_KINDS, RBAC_ROLE_KINDS } from '../kinds';
import type { ResolvedConfig } from '../config';
import type { Finding, Range } from '../types';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_SECTIONS,
  isPresenceItem,
  isRuleItem,
  type ChecklistItemDefinition,
  type ChecklistSectionId,
  CHECKLIST_FILE_NAME,
  type PresenceItemDefinition,
  type RuleItemDefinition,
  type SubjectSet,
} from './checklistItems';
import type { IndexedResource, WorkspaceIndex } from './index';
import { REPLICATED_WORKLOAD_KINDS } from './queries';
import { replicaRange, runsSeveralReplicas } from './replicas';
import type { AttachedApplication, Workspace } from './workspace';

export type ChecklistStatus = 'pass' | 'fail' | 'not-applicable';

/** One manual item as the team recorded it in .kube-prod-checklist.yaml. */
export interface ManualItemState {
  done: boolean;
  /** The item does not apply to this application (`note` says why). */
  notApplicable?: boolean;
  by?: string;
  /** YYYY-MM-DD. */
  date?: string;
  note?: string;
}

export interface ManualState {
  items: Readonly<Record<string, ManualItemState>>;
}

export interface ChecklistCount {
  passing: number;
  total: number;
  /** What is counted, in the form that goes with `total` ("workload" for 1, "workloads" otherwise). */
  noun: string;
}

/** An object (or a namespace) that fails an item, where to find it and why. */
export interface ChecklistFailure {
  uri: string;
  /** File coordinates of the object's `kind:` (for a namespace: of the object carrying the finding). */
  range: Range;
  kind: string;
  name: string | undefined;
  namespace: string | undefined;
  /** The findings that fail it (distinct messages, in file order). */
  messages: string[];
}

export interface ChecklistItem {
  id: string;
  section: ChecklistSectionId;
  title: string;
  description: string;
  required: boolean;
  kind: 'automatic' | 'manual';
  status: ChecklistStatus;
  count: ChecklistCount;
  failures: ChecklistFailure[];
  /** Why the item is not applicable, which of its rules were not checked, what a manual item's record says. */
  note?: string;
  /** The rules whose findings fail the item. */
  rules?: readonly string[];
  /** A manual item's record, when the checklist file has one. */
  manual?: ManualItemState;
}

export interface ChecklistSection {
  id: ChecklistSectionId;
  title: string;
  items: ChecklistItem[];
}

export interface Checklist {
  sections: ChecklistSection[];
  summary: {
    pass: number;
    fail: number;
    notApplicable: number;
    /** Ids of the required items that fail (the CLI's exit code). */
    requiredFailing: string[];
  };
}

interface Noun {
  one: string;
  other: string;
}

const has = (list: readonly string[], kind: string): boolean => list.includes(kind);
const isWorkload = (r: IndexedResource): boolean => r.facts.builtin && r.facts.workload !== undefined;
const isBuiltin = (r: IndexedResource, kinds: readonly string[]): boolean => r.facts.builtin && has(kinds, r.facts.kind);

const RBAC_KINDS: readonly string[] = [...RBAC_ROLE_KINDS, ...RBAC_BINDING_KINDS];
const PDB: readonly string[] = ['PodDisruptionBudget'];
const HPA: readonly string[] = ['HorizontalPodAutoscaler'];
const NAMESPACE: readonly string[] = ['Namespace'];
const SECRET_HOLDERS: readonly string[] = ['Secret', 'ConfigMap'];
/** The kinds replicas-too-few checks (the nouns say Deployment and StatefulSet, the common ones). */
const DEPLOYMENT_OR_STATEFULSET: readonly string[] = ['Deployment', 'StatefulSet', 'DeploymentConfig', 'Rollout'];
/** The kinds rolling-update-unsafe checks: a DeploymentConfig's rolling strategy is a Deployment's. */
const DEPLOYMENT_KINDS: readonly string[] = ['Deployment', 'DeploymentConfig'];

/** What the subject predicates ask of the index, answered once per checklist. */
class SubjectContext {
  private readonly multiReplica = new Map<IndexedResource, boolean>();
  private scaled: Set<IndexedResource> | undefined;

  constructor(private readonly index: WorkspaceIndex) {}

  isMultiReplica(r: IndexedResource): boolean {
    let known = this.multiReplica.get(r);
    if (known === undefined) {
      // As pdb-missing and pod-spread-missing count them: an HPA that can scale to several counts.
      known = isWorkload(r) && has(REPLICATED_WORKLOAD_KINDS, r.facts.kind) && runsSeveralReplicas(replicaRange(this.index, r));
      this.multiReplica.set(r, known);
    }
    return known;
  }

  /** Targeted by an HPA of its namespace. */
  isScaled(r: IndexedResource): boolean {
    if (!this.scaled) {
      this.scaled = new Set();
      for (const hpa of this.index.allOfKind('HorizontalPodAutoscaler')) {
        const target = hpa.facts.hpa?.target;
        const workload = target ? this.index.find(target.kind, hpa.namespace, target.name) : undefined;
        if (workload && isWorkload(workload)) this.scaled.add(workload);
      }
    }
    return this.scaled.has(r);
  }
}

interface SubjectDefinition {
  noun: Noun;
  /** Objects counted by the item; absent for namespace subjects. */
  includes?: (resource: IndexedResource, context: SubjectContext) => boolean;
}

const SUBJECTS: Record<SubjectSet, SubjectDefinition> = {
  workloads: { noun: { one: 'workload', other: 'workloads' }, includes: isWorkload },
  'long-running-workloads': {
    noun: { one: 'long-running workload', other: 'long-running workloads' },
    includes: (r) => isWorkload(r) && has(LONG_RUNNING_KINDS, r.facts.kind),
  },
  'multi-replica-workloads': { noun: { one: 'multi-replica workload', other: 'multi-replica workloads' }, includes: (r, c) => c.isMultiReplica(r) },
  'multi-replica-workloads-and-pdbs': {
    noun: { one: 'multi-replica workload or PDB', other: 'multi-replica workloads and PDBs' },
    includes: (r, c) => isBuiltin(r, PDB) || c.isMultiReplica(r),
  },
  'replicated-workloads-and-hpas': {
    noun: { one: 'Deployment, StatefulSet or HPA', other: 'Deployments, StatefulSets and HPAs' },
    includes: (r) => (isWorkload(r) && has(DEPLOYMENT_OR_STATEFULSET, r.facts.kind)) || isBuiltin(r, HPA),
  },
  'hpas-and-targets': {
    noun: { one: 'HPA or scaled workload', other: 'HPAs and scaled workloads' },
    includes: (r, c) => isBuiltin(r, HPA) || c.isScaled(r),
  },
  deployments: { noun: { one: 'Deployment', other: 'Deployments' }, includes: (r) => isWorkload(r) && has(DEPLOYMENT_KINDS, r.facts.kind) },
  'namespaces-with-workloads': { noun: { one: 'namespace', other: 'namespaces' } },
  'namespace-objects': { noun: { one: 'Namespace object', other: 'Namespace objects' }, includes: (r) => isBuiltin(r, NAMESPACE) },
  'rbac-objects': { noun: { one: 'RBAC object', other: 'RBAC objects' }, includes: (r) => isBuiltin(r, RBAC_KINDS) },
  'secret-holders': {
    noun: { one: 'workload, Secret or ConfigMap', other: 'workloads, Secrets and ConfigMaps' },
    includes: (r) => isWorkload(r) || isBuiltin(r, SECRET_HOLDERS),
  },
};

/** Counted when a rule puts its finding on an object the item's definition did not foresee. */
const ANY_OBJECT: Noun = { one: 'object', other: 'objects' };

const nounFor = (noun: Noun, n: number): string => (n === 1 ? noun.one : noun.other);

/**
 * The rules the checklist reads that a config turns on, one Set per config: its identity keys
 * the cache below.
 */
const checkedRules = new WeakMap<ResolvedConfig, ReadonlySet<string>>();
function checkedRulesOf(config: ResolvedConfig): ReadonlySet<string> {
  let rules = checkedRules.get(config);
  if (!rules) {
    rules = new Set(CHECKLIST_ITEMS.filter(isRuleItem).flatMap((item) => item.rules.filter((id) => config.rules.get(id)?.enabled === true)));
    checkedRules.set(config, rules);
  }
  return rules;
}

/**
 * An object's single-object findings of the checklist's rules (a few of its many findings).
 * The index replaces an object when its file changes, so entries never go stale; a recompute
 * after one file changed filters only that file's findings again.
 */
const ownFindingsCache = new WeakMap<IndexedResource, { rules: ReadonlySet<string>; findings: readonly Finding[] }>();
function ownFindings(resource: IndexedResource, rules: ReadonlySet<string>): readonly Finding[] {
  const cached = ownFindingsCache.get(resource);
  if (cached?.rules === rules) return cached.findings;
  const findings = resource.findings.filter((finding) => rules.has(finding.ruleId));
  ownFindingsCache.set(resource, { rules, findings });
  return findings;
}

/**
 * The messages of the checklist's rules, by rule and object, computed once per checklist:
 * single-object findings come from the index's cache, and the workspace rules run once per
 * object (only on objects of kinds some workspace rule looks at).
 */
class FindingsByRule {
  private readonly byRule = new Map<string, Map<IndexedResource, string[]>>();

  constructor(workspace: Workspace, resources: readonly IndexedResource[], rules: ReadonlySet<string>) {
    for (const resource of resources) {
      for (const finding of ownFindings(resource, rules)) this.add(rules, finding.ruleId, resource, finding.message);
      for (const finding of workspace.workspaceFindingsOf(resource, rules)) this.add(rules, finding.ruleId, resource, finding.message);
    }
  }

  private add(rules: ReadonlySet<string>, ruleId: string, resource: IndexedResource, message: string): void {
    if (!rules.has(ruleId)) return;
    let objects = this.byRule.get(ruleId);
    if (!objects) this.byRule.set(ruleId, (objects = new Map()));
    const messages = objects.get(resource);
    if (!messages) objects.set(resource, [message]);
    else if (!messages.includes(message)) messages.push(message);
  }

  /** The objects carrying a finding of any of `rules`, with those findings' messages in rule order. */
  carriers(rules: readonly string[]): Map<IndexedResource, string[]> {
    const out = new Map<IndexedResource, string[]>();
    for (const id of rules) {
      for (const [resource, messages] of this.byRule.get(id) ?? []) {
        const list = out.get(resource);
        if (list) list.push(...messages);
        else out.set(resource, [...messages]);
      }
    }
    return out;
  }
}

/** Computes the checklist. `manual`: the parsed .kube-prod-checklist.yaml, if there is one. */
export function computeChecklist(workspace: Workspace, manual: ManualState | undefined): Checklist {
  const own = checklistOf(workspace, manual);
  const applications = workspace.builtApplications();
  if (applications.length === 0) return own;
  return mergeChecklists(own, applications.map((app) => relocated(checklistOf(app.workspace, undefined), app)));
}

/** A built application's checklist with its failing objects at their source lines. */
function relocated(checklist: Checklist, application: AttachedApplication): Checklist {
  const move = (failure: ChecklistFailure): ChecklistFailure[] => {
    const where = application.locate(failure.uri, failure.range);
    return where ? [{ ...failure, uri: where.uri, range: where.range }] : [];
  };
  return { ...checklist, sections: checklist.sections.map((section) => ({ ...section, items: section.items.map((item) => ({ ...item, failures: item.failures.flatMap(move) })) })) };
}

/**
 * The workspace's own checklist with the built applications': an automatic item fails when any of
 * them fails it, counts add up, failures are listed together; manual items are the workspace's.
 */
function mergeChecklists(own: Checklist, built: readonly Checklist[]): Checklist {
  const itemsOf = (checklist: Checklist): Map<string, ChecklistItem> => new Map(checklist.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  const others = built.map(itemsOf);
  const sections = own.sections.map((section) => ({
    ...section,
    items: section.items.map((item): ChecklistItem => {
      if (item.kind === 'manual') return item;
      const all = [item, ...others.flatMap((items) => items.get(item.id) ?? [])];
      const status: ChecklistStatus = all.some((i) => i.status === 'fail') ? 'fail' : all.some((i) => i.status === 'pass') ? 'pass' : 'not-applicable';
      const passing = all.reduce((n, i) => n + i.count.passing, 0);
      const total = all.reduce((n, i) => n + i.count.total, 0);
      const noun = (total === 1 ? all.find((i) => i.count.total === 1) : all.find((i) => i.count.total !== 1))?.count.noun ?? item.count.noun;
      // A base object that fails in three overlays is one failure at its source line.
      const seen = new Set<string>();
      const failures = all
        .flatMap((i) => i.failures)
        .filter((f) => {
          const key = `${f.uri}\0${f.range.start.line}:${f.range.start.character}`;
          return !seen.has(key) && (seen.add(key), true);
        })
        .sort(byLocation);
      const applicable = all.find((i) => i.status !== 'not-applicable');
      return { ...item, status, count: { passing, total, noun }, failures, note: status === 'not-applicable' ? item.note : applicable?.note };
    }),
  }));
  return { sections, summary: summaryOf(sections.flatMap((s) => s.items)) };
}

function summaryOf(items: readonly ChecklistItem[]): Checklist['summary'] {
  return {
    pass: items.filter((i) => i.status === 'pass').length,
    fail: items.filter((i) => i.status === 'fail').length,
    notApplicable: items.filter((i) => i.status === 'not-applicable').length,
    requiredFailing: items.filter((i) => i.required && i.status === 'fail').map((i) => i.id),
  };
}

function checklistOf(workspace: Workspace, manual: ManualState | undefined): Checklist {
  const enabled = (id: string): boolean => workspace.config.rules.get(id)?.enabled === true;
  const checked = checkedRulesOf(workspace.config);
  const resources = [...workspace.index.resources()];
  const findings = new FindingsByRule(workspace, resources, checked);
  const subjects = new SubjectSets(workspace.index, resources);
  const items = CHECKLIST_ITEMS.map((definition): ChecklistItem => {
    if (isRuleItem(definition)) return ruleItem(definition, workspace, subjects, findings, enabled);
    if (isPresenceItem(definition)) return presenceItem(definition, resources);
    return manualItem(definition, manual?.items[definition.id]);
  });
  const sections = (Object.keys(CHECKLIST_SECTIONS) as ChecklistSectionId[])
    .map((id) => ({ id, title: CHECKLIST_SECTIONS[id], items: items.filter((item) => item.section === id) }))
    .filter((section) => section.items.length > 0);
  return { sections, summary: summaryOf(items) };
}

/** The objects of each subject set, computed once per checklist (several items share a set). */
class SubjectSets {
  private readonly sets = new Map<SubjectSet, ReadonlySet<IndexedResource>>();
  private readonly context: SubjectContext;

  constructor(readonly index: WorkspaceIndex, private readonly resources: readonly IndexedResource[]) {
    this.context = new SubjectContext(index);
  }

  of(set: SubjectSet): ReadonlySet<IndexedResource> {
    let objects = this.sets.get(set);
    if (!objects) {
      const includes = SUBJECTS[set].includes!;
      objects = new Set(this.resources.filter((r) => includes(r, this.context)));
      this.sets.set(set, objects);
    }
    return objects;
  }
}

function base(definition: ChecklistItemDefinition): Omit<ChecklistItem, 'status' | 'count' | 'failures'> {
  const { id, section, title, description, required, kind } = definition;
  return { id, section, title, description, required, kind };
}

const shift = (range: Range, startLine: number): Range => ({
  start: { line: range.start.line + startLine, character: range.start.character },
  end: { line: range.end.line + startLine, character: range.end.character },
});

const byLocation = (a: ChecklistFailure, b: ChecklistFailure): number =>
  (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;

function failureOf(resource: IndexedResource, messages: string[]): ChecklistFailure {
  const { facts } = resource;
  return { uri: resource.uri, range: shift(facts.kindAt, resource.startLine), kind: facts.kind, name: facts.name, namespace: resource.namespace, messages };
}

function ruleItem(definition: RuleItemDefinition, workspace: Workspace, sets: SubjectSets, findings: FindingsByRule, enabled: (id: string) => boolean): ChecklistItem {
  const rules = definition.rules.filter(enabled);
  const off = definition.rules.filter((id) => !enabled(id));
  const item = { ...base(definition), rules: definition.rules };
  const offNote = (ids: readonly string[]): string => {
    const known = ids.filter((id) => workspace.config.rules.has(id));
    const unknown = ids.filter((id) => !workspace.config.rules.has(id));
    return [known.length ? `off in the config: ${known.join(', ')}` : '', unknown.length ? `not available: ${unknown.join(', ')}` : ''].filter(Boolean).join('; ');
  };
  const subjects = SUBJECTS[definition.subjects];
  if (rules.length === 0) {
    return { ...item, status: 'not-applicable', count: { passing: 0, total: 0, noun: subjects.noun.other }, failures: [], note: `not checked: every rule of this item is ${offNote(off)}` };
  }
  const carriers = findings.carriers(rules);
  const { total, failures, noun } = subjects.includes
    ? objectSubjects(subjects, sets.of(definition.subjects), carriers)
    : namespaceSubjects(subjects, sets.index, carriers);
  const partial = off.length ? `not checked: ${offNote(off)}` : undefined;
  if (total === 0) {
    return { ...item, status: 'not-applicable', count: { passing: 0, total: 0, noun }, failures: [], note: [`no ${subjects.noun.other} in the workspace`, partial].filter(Boolean).join('; ') };
  }
  failures.sort(byLocation);
  return {
    ...item,
    status: failures.length > 0 ? 'fail' : 'pass',
    count: { passing: total - failures.length, total, noun },
    failures,
    ...(partial ? { note: partial } : {}),
  };
}

function objectSubjects(subjects: SubjectDefinition, counted: ReadonlySet<IndexedResource>, carriers: ReadonlyMap<IndexedResource, string[]>) {
  let total = counted.size;
  // A finding on an object the item does not count still fails the item: count that object too.
  let extra = false;
  const failures: ChecklistFailure[] = [];
  for (const [resource, messages] of carriers) {
    if (!counted.has(resource)) {
      total++;
      extra = true;
    }
    failures.push(failureOf(resource, messages));
  }
  return { total, failures, noun: nounFor(extra ? ANY_OBJECT : subjects.noun, total) };
}

/**
 * Namespaces that hold workloads. A namespace fails when one of its objects, or its Namespace
 * object, carries a finding of the item's rules (rules may place "this namespace lacks X" on
 * the Namespace object or on the workloads that need X).
 */
function namespaceSubjects(subjects: SubjectDefinition, index: WorkspaceIndex, carriers: ReadonlyMap<IndexedResource, string[]>) {
  const namespaces = new Set(index.namespaceNames().filter((ns) => index.workloads(ns).length > 0));
  const byNamespace = new Map<string, Array<[IndexedResource, string[]]>>();
  for (const [carrier, messages] of carriers) {
    const ns = carrier.namespace ?? (carrier.facts.kind === 'Namespace' ? carrier.facts.name : undefined);
    if (ns === undefined) continue;
    namespaces.add(ns);
    let list = byNamespace.get(ns);
    if (!list) byNamespace.set(ns, (list = []));
    list.push([carrier, messages]);
  }
  const failures: ChecklistFailure[] = [];
  for (const [ns, list] of byNamespace) {
    // Point at the Namespace object when there is one, else at the first object carrying the finding.
    const first = list.map(([r]) => r).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.startLine - b.startLine)[0];
    const where = index.find('Namespace', undefined, ns) ?? first;
    const messages = [...new Set(list.flatMap(([, m]) => m))];
    failures.push({ uri: where.uri, range: shift(where.facts.kindAt, where.startLine), kind: 'Namespace', name: ns, namespace: undefined, messages });
  }
  return { total: namespaces.size, failures, noun: nounFor(subjects.noun, namespaces.size) };
}

/** CronJob names, labels, containers and images that say "backup". */
const BACKUP_WORDS = /back-?up|velero|snapshot|pg[_-]?dump|mysql-?dump|mongo-?dump|etcdctl/i;

/** Custom resources that schedule backups, by API group. */
const BACKUP_SCHEDULES: Record<string, readonly string[]> = {
  'velero.io': ['Schedule'],
  'k8up.io': ['Schedule'],
  'postgresql.cnpg.io': ['ScheduledBackup'],
  'stash.appscode.com': ['BackupConfiguration'],
};

const MONITORING_OBJECTS: Record<string, readonly string[]> = {
  'monitoring.coreos.com': ['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'ScrapeConfig'],
  'monitoring.googleapis.com': ['PodMonitoring', 'ClusterPodMonitoring', 'Rules', 'ClusterRules'],
  'operator.victoriametrics.com': ['VMServiceScrape', 'VMPodScrape', 'VMRule', 'VMProbe'],
};

const kindsOf = (table: Record<string, readonly string[]>): ReadonlySet<string> => new Set(Object.values(table).flat());
const BACKUP_SCHEDULE_KINDS = kindsOf(BACKUP_SCHEDULES);
const MONITORING_KINDS = kindsOf(MONITORING_OBJECTS);

/** The kind test first: it rules out nearly every object without parsing an apiVersion. */
const ofGroup = (table: Record<string, readonly string[]>, kinds: ReadonlySet<string>, r: IndexedResource): boolean =>
  kinds.has(r.facts.kind) && table[apiGroupOf(r.facts.apiVersion)]?.includes(r.facts.kind) === true;

export function isBackupSchedule(r: IndexedResource): boolean {
  if (ofGroup(BACKUP_SCHEDULES, BACKUP_SCHEDULE_KINDS, r)) return true;
  if (!r.facts.builtin || r.facts.kind !== 'CronJob') return false;
  const words = [r.facts.name ?? '', ...Object.entries(r.facts.labels).flat(), ...(r.facts.workload?.containers ?? []).flatMap((c) => [c.name, c.image ?? ''])];
  return words.some((word) => BACKUP_WORDS.test(word));
}

/** State that a backup should cover: StatefulSets and PersistentVolumeClaims. */
const isStateful = (r: IndexedResource): boolean => isBuiltin(r, ['StatefulSet', 'PersistentVolumeClaim']);

function presenceItem(definition: PresenceItemDefinition, resources: readonly IndexedResource[]): ChecklistItem {
  const item = base(definition);
  if (definition.presence === 'backups') {
    const noun: Noun = { one: 'backup schedule', other: 'backup schedules' };
    const schedules = resources.filter(isBackupSchedule);
    if (schedules.length > 0) return { ...item, status: 'pass', count: { passing: schedules.length, total: schedules.length, noun: nounFor(noun, schedules.length) }, failures: [] };
    const stateful = resources.filter(isStateful);
    if (stateful.length === 0) {
      return { ...item, status: 'not-applicable', count: { passing: 0, total: 0, noun: noun.one }, failures: [], note: 'nothing in the workspace keeps state (no StatefulSet or PersistentVolumeClaim)' };
    }
    const failures = stateful
      .map((r) => failureOf(r, [`${r.facts.kind} "${r.facts.name ?? '(unnamed)'}" keeps state and no backup CronJob or Velero Schedule is in the workspace`]))
      .sort(byLocation);
    return { ...item, status: 'fail', count: { passing: 0, total: 0, noun: noun.one }, failures, note: 'add a backup CronJob or a Velero Schedule' };
  }
  const noun: Noun = { one: 'monitoring object', other: 'monitoring objects' };
  const monitors = resources.filter((r) => ofGroup(MONITORING_OBJECTS, MONITORING_KINDS, r));
  if (monitors.length > 0) return { ...item, status: 'pass', count: { passing: monitors.length, total: monitors.length, noun: nounFor(noun, monitors.length) }, failures: [] };
  if (!resources.some(isWorkload)) {
    return { ...item, status: 'not-applicable', count: { passing: 0, total: 0, noun: noun.one }, failures: [], note: 'no workloads in the workspace' };
  }
  return { ...item, status: 'fail', count: { passing: 0, total: 0, noun: noun.one }, failures: [], note: 'add a ServiceMonitor, PodMonitor or PrometheusRule' };
}

function manualItem(definition: ChecklistItemDefinition, state: ManualItemState | undefined): ChecklistItem {
  const item = base(definition);
  const noun = 'confirmation';
  if (!state) return { ...item, status: 'fail', count: { passing: 0, total: 1, noun }, failures: [] };
  const status: ChecklistStatus = state.notApplicable ? 'not-applicable' : state.done ? 'pass' : 'fail';
  return { ...item, status, count: { passing: status === 'pass' ? 1 : 0, total: 1, noun }, failures: [], manual: state, ...(state.note ? { note: state.note } : {}) };
}

/** The count as people read it: "5 of 7 workloads", "2 backup schedules", "done by alice on 2026-11-20". */
export function formatCount(item: ChecklistItem): string {
  const { passing, total, noun } = item.count;
  if (item.kind === 'manual') {
    const state = item.manual;
    if (!state) return `not recorded in ${CHECKLIST_FILE_NAME}`;
    if (state.notApplicable) return 'marked not applicable';
    const who = [state.by ? `by ${state.by}` : '', state.date ? `on ${state.date}` : ''].filter(Boolean).join(' ');
    return `${state.done ? 'done' : 'not done'}${who ? ` ${who}` : ''}`;
  }
  // Presence items count what they found: "2 backup schedules", "no monitoring object".
  if (item.rules === undefined) return passing === 0 ? `no ${noun}` : `${passing} ${noun}`;
  if (total === 0) return `no ${noun}`;
  return `${passing} of ${total} ${noun}`;
}
