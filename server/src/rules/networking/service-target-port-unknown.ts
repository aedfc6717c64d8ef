import type { WorkspaceRule } from '../../engine/rule';
import { nameOf, whereIs, workloadsWithPodsSelectedBy } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'service-target-port-unknown',
    category: 'networking',
    severity: 'warning',
    description: 'A Service targetPort names a port that no container of the selected workloads declares.',
    rationale:
      'A named targetPort is resolved per pod against the names in containers[].ports; a pod without a port of that name gets no endpoint for it. When no selected container declares the name, the Service port never has an endpoint and every connection to it fails. Numeric targetPorts are not checked: containerPort is informational and a process may listen on an undeclared port. Only checked when the Service selects at least one workload of the workspace.',
    remediation: 'Name the container port (containers[].ports[].name) as the Service targetPort says, or make targetPort the port number the container listens on.',
    docsUrl: 'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
    fixable: false,
    kinds: ['Service'],
  },
  checkWorkspace({ resource, facts, index, report }) {
    const service = facts.service;
    const namespace = resource.namespace;
    if (!service?.selector || service.type === 'ExternalName' || namespace === undefined) return;
    const named = service.ports.filter((port) => typeof port.targetPort?.value === 'string');
    if (named.length === 0) return;
    const workloads = workloadsWithPodsSelectedBy(index, { matchLabels: service.selector, matchExpressions: [] }, namespace);
    // Selecting nothing is service-selects-nothing's finding. Custom resources in the namespace do not
    // silence this one: once the Service selects workloads we can see, it was written for them.
    if (workloads.length === 0) return;
    // Init containers count: a sidecar (restartPolicy: Always) serves, and a false positive costs more than a miss.
    const declared = new Set(workloads.flatMap((w) => w.facts.workload?.containers.flatMap((c) => c.ports.map((p) => p.name)) ?? []).filter((n): n is string => n !== undefined));
    // Code-unit order, not the locale's: messages must not depend on the machine.
    const checked = workloads
      .map((w) => `${nameOf(w)}${whereIs(w, resource)}`)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .join(', ');
    const names = declared.size ? `named container ports: ${[...declared].sort().join(', ')}` : 'no named container ports';
    for (const port of named) {
      const target = port.targetPort!;
      if (declared.has(String(target.value))) continue;
      report(target.at, `Service "${facts.name ?? '(unnamed)'}": targetPort "${target.value}" is declared by no container of ${checked} (${names})`);
    }
  },
};

export default rule;
