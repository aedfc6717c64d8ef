import { SYNTAX_RULE_ID } from '../../engine/analyzer';
import type { Rule } from '../../engine/rule';

/** The engine reports syntax errors itself while parsing; this file gives them an id, a severity and docs. */
const rule: Rule = {
  meta: {
    id: SYNTAX_RULE_ID,
    category: 'api-versions',
    severity: 'error',
    description: 'The document is not valid YAML.',
    rationale:
      'kubectl and every GitOps controller reject a manifest that does not parse, and a duplicated key is silently resolved differently by different tools. Other documents of the same file are still checked.',
    remediation: 'Fix the syntax at the reported position.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
    fixable: false,
    kinds: [],
  },
  check() {},
};

export default rule;
