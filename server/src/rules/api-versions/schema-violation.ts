import { ANY_KIND, type Rule } from '../../engine/rule';
import { SCHEMA_RULE_ID } from '../../engine/schema/misspelled';
import { renameFix, sharedSchemaValidator } from '../../engine/schema/validate';

const rule: Rule = {
  meta: {
    id: SCHEMA_RULE_ID,
    category: 'api-versions',
    severity: 'error',
    description: 'A field the Kubernetes API does not have, a value of the wrong type or outside its allowed values, or a required field left out.',
    rationale:
      'kubectl apply validates strictly: the API server rejects an object with an unknown field or a wrong type, so the deploy fails. Where validation is relaxed, a misspelled field is silently dropped and the probe, limit or security setting it held never reaches the cluster, while the manifest looks right in review.',
    remediation: 'Rename the field to the one the message suggests, or give the value the type and spelling the API documents (kubectl explain <kind>.<field> shows it).',
    docsUrl: 'https://kubernetes.io/docs/reference/kubernetes-api/',
    fixable: true,
    kinds: [ANY_KIND],
  },
  check({ object, read, report }) {
    const validator = sharedSchemaValidator();
    if (!validator.knows(object.apiVersion, object.kind)) return;
    for (const issue of validator.issuesOf(object)) report({ at: issue.at, message: issue.message, fix: renameFix(issue, (parent, field) => read.pair(parent, field) !== undefined) });
  },
};

export default rule;
