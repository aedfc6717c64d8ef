import type { WorkspaceRule } from '../../engine/rule';
import type { ContainerFacts } from '../../engine/workspace/facts';
import { nameOf, whereIs } from '../../engine/workspace/queries';

const RESOURCES = new Set(['cpu', 'memory']);

const label = (container: ContainerFacts): string => `${container.role === 'init' ? 'init container' : 'container'} "${container.name}"`;

const rule: WorkspaceRule = {
  meta: {
    id: 'hpa-missing-requests',
    category: 'availability',
    severity: 'error',
    description: 'A HorizontalPodAutoscaler scales on CPU or memory utilization while a container of its target has no request for that resource.',
    rationale:
      'Utilization is usage divided by request, summed over the pod\'s containers (sidecars included). If one container has no request the utilization of the pod is undefined and the HPA takes no action on that metric: the workload never scales on it, and only FailedGetResourceMetric events say why. A LimitRange in the namespace may default the request, so the rule stays silent there.',
    remediation: 'Set resources.requests for that resource on every container of the target (and on sidecar init containers), or scale on an AverageValue target instead.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#support-for-resource-metrics',
    fixable: false,
    kinds: ['HorizontalPodAutoscaler'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const hpa = facts.hpa;
    const namespace = resource.namespace;
    if (!hpa?.target || hpa.utilization.length === 0 || namespace === undefined) return;
    const target = index.find(hpa.target.kind, namespace, hpa.target.name);
    const workload = target?.facts.workload;
    if (!target || !workload) return;
    if (index.ofKind('LimitRange', namespace).length > 0) return;
    for (const metric of hpa.utilization) {
      const name = metric.resource as 'cpu' | 'memory';
      if (!RESOURCES.has(name)) continue;
      // Pod-level requests (PodLevelResources), when set, are what the HPA divides by.
      if (workload.podRequests[name]) continue;
      // The HPA sums the regular containers and the restartable init containers (sidecars); plain init containers have exited.
      const missing = [...workload.containers.filter((c) => c.role === 'regular'), ...workload.containers.filter((c) => c.sidecar)].filter((c) => !c.requests[name]);
      if (missing.length === 0) continue;
      const containers = missing.map(label).join(', ').replace(/, ([^,]*)$/, ' and $1');
      report(
        metric.at,
        `HorizontalPodAutoscaler "${facts.name ?? '(unnamed)'}" scales on ${name} utilization, but ${nameOf(target)}${whereIs(target, resource)} has no ${name} request on ${containers}: the HPA cannot compute utilization and takes no action on this metric`,
      );
    }
  },
};

export default rule;
