import { freeName, limitRange, resourceQuota, statedNamespace } from '../../engine/fix/namespaceObjects';
import { joinInsertions } from '../../engine/fix/yamlEdit';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import type { WorkspaceRule } from '../../engine/rule';
import { namespaceFindingAnchor, namespaceSpokenFor } from '../../engine/workspace/queries';

const rule: WorkspaceRule = {
  meta: {
    id: 'namespace-quota-missing',
    category: 'resources',
    severity: 'info',
    description: 'A namespace with workloads has no ResourceQuota or no LimitRange in the workspace.',
    rationale:
      'A ResourceQuota caps what one namespace can take from the shared cluster, so a runaway rollout or a leaked Job cannot starve the other teams; a LimitRange gives containers that set no requests or limits sane defaults, which keeps the scheduler\'s picture honest. The finding is placed on the Namespace object, or on the namespace\'s first workload when the workspace has no Namespace object.',
    remediation: 'Add a ResourceQuota (requests.cpu, requests.memory, limits.memory, pods) and a LimitRange with default requests and limits for containers to the namespace.',
    docsUrl: 'https://kubernetes.io/docs/concepts/policy/resource-quotas/',
    fixable: true,
    kinds: ['Namespace', ...WORKLOAD_KINDS],
    options: {
      exemptNamespaces: {
        schema: { type: 'array', items: { type: 'string' } },
        default: ['kube-system', 'kube-public', 'kube-node-lease'],
        description: 'Namespaces that need no quota (system namespaces run the cluster itself).',
      },
    },
  },
  checkWorkspace({ resource, index, options, report }) {
    const namespace = namespaceSpokenFor(resource);
    if (namespace === undefined || namespaceFindingAnchor(index, namespace) !== resource) return;
    const exempt = Array.isArray(options.exemptNamespaces) ? options.exemptNamespaces : [];
    if (exempt.includes(namespace)) return;
    const missing = ['ResourceQuota', 'LimitRange'].filter((kind) => !index.ofKind(kind, namespace).some((object) => object.facts.builtin));
    if (missing.length === 0) return;
    const stated = statedNamespace(resource);
    const documents = missing.map((kind) =>
      kind === 'ResourceQuota' ? resourceQuota(freeName(index, kind, namespace, `${namespace}-quota`), stated) : limitRange(freeName(index, kind, namespace, `${namespace}-limits`), stated),
    );
    report(undefined, `Namespace "${namespace}" has workloads but no ${missing.join(' and no ')} in the workspace`, {
      title: `Create a ${missing.join(' and a ')} for namespace "${namespace}"`,
      // Both documents go right after the object: one edit, in order.
      edits: (editor) => joinInsertions(documents.flatMap((document) => editor.appendDocument(document))),
    });
  },
};

export default rule;
