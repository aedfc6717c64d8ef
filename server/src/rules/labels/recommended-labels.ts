import { keyAnchor, kindAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { Rule, RuleContext } from '../../engine/rule';

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

function check({ object, read, options, report }: RuleContext): void {
  const wanted = [...stringList(options.required, DEFAULT_REQUIRED)];
  if (WORKLOADS.has(object.kind)) wanted.push(...stringList(options.requiredOnWorkloads, DEFAULT_REQUIRED_ON_WORKLOADS));
  const missing = [...new Set(wanted)].filter((label) => !object.labels[label]);
  if (missing.length === 0) return;
  const at = keyAnchor(read, object.metadata, 'labels', keyAnchor(read, object.root, 'metadata', kindAnchor(object)));
  report({ at, message: `${describe(object)}: metadata.labels lacks recommended ${missing.length === 1 ? 'label' : 'labels'} ${missing.join(', ')}` });
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
