import { replaceScalar } from '../../engine/fix/scalar';
import type { NodeReader } from '../../engine/nodes';
import { ANY_KIND, type FixSpec, type Rule } from '../../engine/rule';
import { SCHEMA_RULE_ID } from '../../engine/schema/misspelled';
import { sharedSchemaValidator, type SchemaIssue } from '../../engine/schema/validate';

/** A misspelled key renamed to the field it meant, unless the mapping already has that field. */
function rename(read: NodeReader, issue: SchemaIssue): FixSpec | undefined {
  const misspelled = issue.misspelled;
  if (!misspelled?.suggestion || read.pair(misspelled.parent, misspelled.suggestion)) return undefined;
  const { key, suggestion } = misspelled;
  return { title: `Rename \`${String(key.value)}\` to \`${suggestion}\``, edits: () => [replaceScalar(key, suggestion)] };
}

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
    for (const issue of validator.issuesOf(object)) report({ at: issue.at, message: issue.message, fix: rename(read, issue) });
  },
};

export default rule;
