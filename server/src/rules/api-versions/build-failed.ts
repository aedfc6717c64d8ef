import { BUILD_FAILED_RULE_ID } from '../../engine/build/buildFailed';
import type { Rule } from '../../engine/rule';

/** The build layer reports failed renders itself; this file gives them an id, a severity and docs. */
const rule: Rule = {
  meta: {
    id: BUILD_FAILED_RULE_ID,
    category: 'api-versions',
    severity: 'error',
    description: 'A Helm chart or kustomize overlay does not render.',
    rationale:
      'What a chart or an overlay renders is what reaches the cluster. When `helm template` or `kustomize build` fails (a required value is missing, a template does not execute, a patch names an object that does not exist, a chart dependency is not there), the deploy will fail the same way, and none of the objects it would produce can be checked.',
    remediation: 'Fix the error helm or kustomize reports, at the file and line it names; for a missing chart dependency run `helm dependency build`.',
    docsUrl: 'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/kustomization/',
    fixable: false,
    kinds: [],
  },
  check() {},
};

export default rule;
