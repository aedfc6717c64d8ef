import { containerAnchor } from '../../engine/anchors';
import { gracePeriodForPreStop, preStopSleep } from '../../engine/fix/lifecycle';
import { mergeOwn } from '../../engine/fix/own';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'prestop-hook-missing',
    category: 'lifecycle',
    severity: 'info',
    description: 'A container of a long-running workload has no preStop hook.',
    rationale:
      'When a pod is deleted, the kubelet sends SIGTERM while kube-proxy, ingress controllers and load balancers are still removing the pod from their endpoints. Without a short preStop delay the process stops accepting connections before traffic stops arriving, and every rollout or scale-down drops some requests.',
    remediation: 'Add lifecycle.preStop with a short delay (e.g. `sleep: {seconds: 5}`, or `exec: {command: ["sleep", "5"]}`) and keep terminationGracePeriodSeconds longer than that delay.',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
    fixable: true,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    const podSpec = object.podSpec?.node;
    // Init containers have finished long before the pod terminates: nothing of theirs is in the endpoints.
    for (const container of podContainers(object, ['regular'])) {
      if (read.map(container.node, 'lifecycle', 'preStop')) continue;
      // A grace period the sleep would use up is raised with the hook, or termination-grace-too-short
      // would fire. Only one written in this pod spec: one merged from a shared anchor is left alone.
      const gracePair = podSpec && read.pair(podSpec, 'terminationGracePeriodSeconds');
      const grace = podSpec && gracePair && podSpec.items.includes(gracePair) ? gracePeriodForPreStop(read, podSpec) : undefined;
      const hook = mergeOwn(read, container.node, preStopSleep());
      const title = `Add a preStop hook to container "${container.name}"${grace ? ` and raise terminationGracePeriodSeconds to ${String(grace.terminationGracePeriodSeconds)}` : ''}`;
      report({
        at: containerAnchor(object, container),
        message: `${describe(object, container)}: no lifecycle.preStop hook`,
        fix: hook && { title, edits: (editor) => [...hook(editor), ...(podSpec && grace ? editor.merge(podSpec, grace) : [])] },
      });
    }
  },
};

export default rule;
