import { keyAnchor, kindAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { labelEdits } from '../../engine/fix/labels';
import { Placeholder, type Plain } from '../../engine/fix/yamlEdit';
import { parseImage } from '../../engine/image';
import { describe, type K8sObject } from '../../engine/model';
import type { FixSpec, Rule, RuleContext } from '../../engine/rule';

// Defaults: app.kubernetes.io/name only. It costs nothing to keep right, every dashboard,
// `kubectl get -l` and cost report groups by it, and the quick-fix can fill it from the object's
// name. app.kubernetes.io/version is opt-in, for workloads only (requiredOnWorkloads): a version
// label is only right when CI stamps it next to the image tag, a hand-kept one goes stale and then
// misleads during an incident, and a Service spans versions during a rollout so it has no single
// version at all. Well-maintained installs such as Argo CD's deliberately omit it.
const DEFAULT_REQUIRED = ['app.kubernetes.io/name'];
const DEFAULT_REQUIRED_ON_WORKLOADS: string[] = [];

const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : fallback;
}

/** Kubernetes label values: at most 63 characters, alphanumerics with `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(?=.{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** The first container's image tag, when it is a version (not `latest`) and a valid label value. */
function imageVersion(object: K8sObject): string | undefined {
  const container = object.podSpec?.containers.find((c) => c.role === 'regular');
  const image = container ? object.reader.string(container.node, 'image') : undefined;
  const tag = image !== undefined ? parseImage(image)?.tag : undefined;
  return tag !== undefined && tag !== 'latest' && LABEL_VALUE.test(tag) ? tag : undefined;
}

/**
 * The value the fix writes for a recommended label: the object's name for name and instance, the
 * image tag for version; a placeholder wherever that is a guess.
 */
function labelValue(object: K8sObject, label: string): Plain {
  const name = object.name !== undefined && LABEL_VALUE.test(object.name) ? object.name : undefined;
  switch (label) {
    case 'app.kubernetes.io/name':
    case 'app.kubernetes.io/instance':
      return name ?? new Placeholder('app', 'the application\'s name');
    case 'app.kubernetes.io/version':
      return imageVersion(object) ?? new Placeholder('0.0.0', 'the version deployed: let CI stamp it with the image tag');
    case 'app.kubernetes.io/part-of':
      return new Placeholder(name ?? 'app', 'the application this object is part of');
    case 'app.kubernetes.io/component':
      return new Placeholder(name ?? 'app', 'the role in the application: frontend, database, cache...');
    case 'app.kubernetes.io/managed-by':
      return new Placeholder('kubectl', 'the tool that applies it: Helm, Kustomize, Argo CD...');
    default:
      return new Placeholder(name ?? 'app', `set ${label}`);
  }
}

function addLabels(object: K8sObject, missing: readonly string[]): FixSpec | undefined {
  const edits = labelEdits(object, Object.fromEntries(missing.map((label) => [label, labelValue(object, label)])));
  return edits && { title: `Add ${missing.length === 1 ? 'label' : 'labels'} ${missing.join(', ')} to ${describe(object)}`, edits };
}

function check({ object, read, options, report }: RuleContext): void {
  const wanted = [...stringList(options.required, DEFAULT_REQUIRED)];
  if (WORKLOADS.has(object.kind)) wanted.push(...stringList(options.requiredOnWorkloads, DEFAULT_REQUIRED_ON_WORKLOADS));
  const missing = [...new Set(wanted)].filter((label) => !object.labels[label]);
  if (missing.length === 0) return;
  const at = keyAnchor(read, object.metadata, 'labels', keyAnchor(read, object.root, 'metadata', kindAnchor(object)));
  report({ at, message: `${describe(object)}: metadata.labels lacks recommended ${missing.length === 1 ? 'label' : 'labels'} ${missing.join(', ')}`, fix: addLabels(object, missing) });
}

const labelList = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

const rule: Rule = {
  meta: {
    id: 'recommended-labels',
    category: 'labels',
    severity: 'info',
    description: 'The object lacks the recommended app.kubernetes.io labels.',
    rationale:
      'The recommended labels are how kubectl, dashboards, cost tools and incident responders find every object of an application and tell its versions apart. Without them, answering "what belongs to this app and what version is running" during an incident means reading manifests instead of running one label query.',
    remediation: 'Add app.kubernetes.io/name to metadata.labels (and app.kubernetes.io/version on workloads when CI can stamp it).',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/',
    fixable: true,
    kinds: [...WORKLOAD_KINDS, 'Service'],
    options: {
      required: {
        schema: labelList,
        default: DEFAULT_REQUIRED,
        description: 'Labels every checked object (workloads and Services) must carry.',
      },
      requiredOnWorkloads: {
        schema: labelList,
        default: DEFAULT_REQUIRED_ON_WORKLOADS,
        description: 'Additional labels workloads must carry, e.g. ["app.kubernetes.io/version"] when CI stamps it.',
      },
    },
  },
  check,
};

export default rule;
