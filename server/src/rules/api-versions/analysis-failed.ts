import { ANALYSIS_FAILED_RULE_ID } from '../../engine/analyzer';
import type { Rule } from '../../engine/rule';

/**
 * The engine reports a document whose analysis failed itself (a stack overflow, a rule that
 * throws); this file gives that finding an id, a severity and docs.
 */
const rule: Rule = {
  meta: {
    id: ANALYSIS_FAILED_RULE_ID,
    category: 'api-versions',
    severity: 'error',
    description: 'kube-prod could not analyse the document (a kube-prod bug, or input beyond what it handles).',
    rationale:
      'A document kube-prod could not analyse is a document nobody checked: saying so is better than silence. The failure is contained to that document; the other documents of the file, and the other files, are checked as usual, and the CLI exits 2 after its report.',
    remediation: 'Simplify the construct the message names (a merge key that includes itself, extreme nesting), and report the input to kube-prod.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
    fixable: false,
    kinds: [],
  },
  check() {},
};

export default rule;
