import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { compareQuantities, parseQuantity, quantityText } from '../../engine/quantity';
import { resourceSection, type ResourceName } from '../../engine/resources';
import { podContainers, type Rule } from '../../engine/rule';

const CHECKED: readonly ResourceName[] = ['cpu', 'memory', 'ephemeral-storage'];

const rule: Rule = {
  meta: {
    id: 'request-exceeds-limit',
    category: 'resources',
    severity: 'error',
    description: 'A container requests more CPU, memory or ephemeral storage than its limit allows.',
    rationale:
      'The API server rejects a container whose request is greater than its limit, so the Deployment, Job or Pod is never created or its rollout stalls. It usually means a value was edited in one place and not the other, or a unit was mistyped (512M against 512Mi, 1 against 1000m).',
    remediation: 'Lower the request or raise the limit so that request <= limit; check the units of both values.',
    docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object, ['init', 'regular'])) {
      const requests = resourceSection(read, container.node, 'requests');
      const limits = resourceSection(read, container.node, 'limits');
      if (!requests || !limits) continue;
      for (const resource of CHECKED) {
        const requestText = quantityText(read.get(requests, resource));
        const limitText = quantityText(read.get(limits, resource));
        if (requestText === undefined || limitText === undefined) continue;
        // Unparseable values (templates, typos) are for a schema check, not for a comparison that would guess.
        const request = parseQuantity(requestText);
        const limit = parseQuantity(limitText);
        if (!request || !limit || compareQuantities(request, limit) <= 0) continue;
        report({
          at: fieldAnchor(read, requests, resource, containerAnchor(object, container)),
          message: `${describe(object, container)}: resources.requests.${resource} "${requestText}" exceeds resources.limits.${resource} "${limitText}"`,
        });
      }
    }
  },
};

export default rule;
