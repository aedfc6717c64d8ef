import { ANALYSIS_BUDGETS, ANALYSIS_FAILED_RULE_ID } from '../../engine/analyzer';
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
    description: 'kube-prod could not analyse the document, or stopped because it is over the analysis budgets.',
    rationale:
      'A document kube-prod could not analyse is a document nobody checked: saying so is better than silence. The failure is contained to that document; the other documents of the file, and the other files, are checked as usual, and the CLI exits 2 after its report. A document over the budgets (its size, the time its checks take) is cut short rather than stalling the editor.',
    remediation: 'Simplify the construct the message names (a merge key that includes itself, a generated megabyte document), raise the budget in the options if the document is meant to be that big, and report an input that should not fail to kube-prod.',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/',
    fixable: false,
    kinds: [],
    options: {
      maxDocumentBytes: {
        schema: { type: 'integer', minimum: 1 },
        default: ANALYSIS_BUDGETS.maxDocumentBytes,
        description: 'A document (one `---` section) larger than this many bytes is not analysed: parsing it alone would stall the editor.',
      },
      maxFlowDepth: {
        schema: { type: 'integer', minimum: 1 },
        default: ANALYSIS_BUDGETS.maxFlowDepth,
        description: 'A document whose flow collections (`{...}`, `[...]`) nest deeper than this is not analysed: the parser\'s time grows with the depth.',
      },
      maxBlockDepth: {
        schema: { type: 'integer', minimum: 1 },
        default: ANALYSIS_BUDGETS.maxBlockDepth,
        description: 'A document whose block collections (indented mappings and sequences) nest deeper than this is not analysed: the checks walk the tree recursively and would run out of stack.',
      },
      maxDocumentMs: {
        schema: { type: 'integer', minimum: 1 },
        default: ANALYSIS_BUDGETS.maxDocumentMs,
        description: 'The checks of one document stop after this many milliseconds; the rules that did not run are named in the finding.',
      },
    },
  },
  check() {},
};

export default rule;
