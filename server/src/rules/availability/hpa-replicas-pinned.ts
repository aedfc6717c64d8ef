import type { FixSpec, WorkspaceRule } from '../../engine/rule';
import { hpasTargeting, nameOf, whereIs } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'hpa-replicas-pinned',
    category: 'availability',
    severity: 'info',
    description: 'A workload sets spec.replicas while a HorizontalPodAutoscaler scales it.',
    rationale:
      'The HPA owns the replica count, but every `kubectl apply` (or GitOps sync) of a manifest that sets spec.replicas resets the count to that value: a workload scaled out for load drops back to it at the next deploy, until the HPA reacts again. Kubernetes recommends removing spec.replicas from the manifest of an autoscaled workload.',
    remediation: 'Remove spec.replicas from the manifest; the HPA\'s minReplicas sets the floor.',
    docsUrl: 'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
    peers: { 'kube-score': ['deployment-targeted-by-hpa-does-not-have-replicas-configured'] },
    fixable: true,
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DeploymentConfig', 'Rollout'],
  },
  checkWorkspace({ resource, facts, index, report, source }) {
    const replicas = facts.workload?.replicas;
    if (!replicas) return;
    const hpas = hpasTargeting(index, resource);
    if (hpas.length === 0) return;
    const scalers = hpas.map((hpa) => `${nameOf(hpa)}${whereIs(hpa, resource)}`).join(' and ');
    const name = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    const object = source();
    const spec = object?.reader.map(object.root, 'spec');
    const pair = spec && object?.reader.pair(spec, 'replicas');
    // Only a `replicas` written in this spec: one merged from a shared anchor is not this workload's to delete.
    const fix: FixSpec | undefined =
      spec && pair && spec.items.includes(pair) ? { title: `Remove spec.replicas from ${name}`, edits: (editor) => editor.removePair(spec, 'replicas') } : undefined;
    report(replicas.at, `${name} sets replicas: ${replicas.value} while ${scalers} ${hpas.length > 1 ? 'scale' : 'scales'} it: every apply resets the scale the HPA chose`, fix);
  },
};

export default rule;
