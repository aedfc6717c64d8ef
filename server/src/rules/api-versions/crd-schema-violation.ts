import { isScalar } from 'yaml';
import { ANY_KIND, type WorkspaceRule } from '../../engine/rule';
import { crdDefining, crdValidator } from '../../engine/schema/crds';
import { renameFix, schemaIssues } from '../../engine/schema/validate';

const rule: WorkspaceRule = {
  meta: {
    id: 'crd-schema-violation',
    category: 'api-versions',
    severity: 'error',
    description: "A custom resource breaks the schema of its CustomResourceDefinition in the workspace: an unknown field, a wrong type, a value outside its enum or a missing required field.",
    rationale:
      "The API server validates a custom resource against its CRD's openAPIV3Schema and, with kubectl's strict field validation, rejects unknown fields; where validation is relaxed, a misspelled field is silently pruned and the operator never sees the setting. Kinds whose CRD is not in the workspace stay silent.",
    remediation: "Rename the field to the one the message suggests, or give the value the type the CRD documents (kubectl explain <kind>.<field> on a cluster with the CRD shows it).",
    docsUrl: 'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation',
    fixable: true,
    kinds: [ANY_KIND],
  },
  checkWorkspace({ facts, index, source, locate, report }) {
    const instance = facts.customResource?.instance;
    const slash = facts.apiVersion.indexOf('/');
    if (instance === undefined || slash === -1) return;
    const crd = crdDefining(index, facts.apiVersion.slice(0, slash), facts.kind);
    const validate = crd && crdValidator(crd, facts.apiVersion.slice(slash + 1));
    if (!validate) return;
    const object = source();
    for (const issue of schemaIssues(validate, instance, object, undefined, facts.kind)) {
      const at = issue.at && locate(issue.at);
      // Without the syntax tree (a file that is not open), the finding says where on the kind line.
      report(at, at ? issue.message : `${issue.path}: ${issue.message}`, at ? renameFix(issue, (parent, field) => parent.items.some((pair) => isScalar(pair.key) && pair.key.value === field)) : undefined);
    }
  },
};

export default rule;
