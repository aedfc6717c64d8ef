import { WORKLOAD_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { namespaceHasCustomResources, objectsByName, whereIs } from '../../engine/workspace/queries';

/** The kinds whose references this rule follows (service-account-missing speaks for ServiceAccounts). */
const FOLLOWED = new Set(['Secret', 'ConfigMap', 'PersistentVolumeClaim']);
/** ConfigMaps the control plane puts in every namespace. */
const PROVIDED = new Set(['ConfigMap\u0000kube-root-ca.crt', 'ConfigMap\u0000openshift-service-ca.crt']);

const plural = (kind: string): string => (kind.endsWith('s') ? `${kind}es` : `${kind}s`);

const rule: WorkspaceRule = {
  meta: {
    id: 'dangling-reference',
    category: 'configuration',
    severity: 'info',
    description: 'A pod names a Secret, ConfigMap or PersistentVolumeClaim (or a key of one) that the workspace does not define, while it defines others of that kind in the namespace.',
    rationale:
      'A pod whose Secret, ConfigMap or key is missing never starts (CreateContainerConfigError, or a volume that never mounts), and a pod whose claim is missing stays Pending; the API server accepts the workload all the same, so a typo shows only at rollout. It is information, not a warning: Secrets often come from outside Git (External Secrets, Sealed Secrets, a vault injector, a pipeline). It is only reported when the workspace defines objects of that kind for the namespace and the namespace holds no custom resources (whose operators may create them), never for `optional: true` references, and not for imagePullSecrets (without one the kubelet pulls anonymously). A kustomize configMapGenerator or secretGenerator makes its objects only when kustomize renders the overlay: with the overlay rendered, its references are checked against them.',
    remediation: 'Correct the name or the key, add the object to the manifests, or mark the reference `optional: true` when the pod can run without it.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/secret/#using-a-secret',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  checkWorkspace({ resource, facts, index, report }) {
    const namespace = resource.namespace;
    if (namespace === undefined || !facts.references) return;
    const owner = `${facts.kind} "${facts.name ?? '(unnamed)'}"`;
    for (const reference of facts.references) {
      // Without its pull Secret the kubelet pulls anonymously (and says so in an event): no reason here to say the pod cannot start.
      if (!FOLLOWED.has(reference.kind) || reference.optional || reference.field === 'imagePullSecrets' || PROVIDED.has(`${reference.kind}\u0000${reference.name}`)) continue;
      const defined = objectsByName(index, reference.kind, namespace);
      if (defined.size === 0 || namespaceHasCustomResources(index, namespace)) continue;
      const target = defined.get(reference.name);
      if (!target) {
        const others = [...defined.keys()].sort();
        const listed = others.length > 5 ? `${others.slice(0, 5).join(', ')}, …` : others.join(', ');
        report(reference.at, `${owner}: ${reference.field} names ${reference.kind} "${reference.name}", which no manifest of namespace "${namespace}" defines (${plural(reference.kind)} there: ${listed})`);
        continue;
      }
      // Every definition of that name (a dev and a prod folder may both define it): a key any of them has is there.
      const definitions = index.ofKind(reference.kind, namespace).filter((r) => r.facts.builtin && r.facts.name === reference.name);
      const keys = definitions.map((r) => r.facts.dataKeys ?? {});
      // A Secret or ConfigMap without data in Git is filled elsewhere: its keys are not ours to know.
      if (keys.some((k) => Object.keys(k).length === 0)) continue;
      for (const key of reference.keys) {
        if (keys.some((k) => key.value in k)) continue;
        report(key.at, `${owner}: ${reference.kind} "${reference.name}"${whereIs(target, resource)} has no key "${key.value}" (keys: ${Object.keys(keys[0]).sort().join(', ')})`);
      }
    }
  },
};

export default rule;
