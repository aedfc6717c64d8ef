import { keyAnchor, kindAnchor } from '../../engine/anchors';
import { mergeOwn } from '../../engine/fix/own';
import { Placeholder } from '../../engine/fix/yamlEdit';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

/** Tools that delete the Job themselves once it has run (Helm and Argo CD hooks with a delete policy). */
const DELETE_POLICY_ANNOTATIONS = ['helm.sh/hook-delete-policy', 'argocd.argoproj.io/hook-delete-policy'];

const rule: Rule = {
  meta: {
    id: 'job-ttl-missing',
    category: 'lifecycle',
    severity: 'info',
    description: 'A Job has no ttlSecondsAfterFinished, so it and its pods stay after it finishes.',
    rationale:
      'Finished Jobs and their completed pods are kept until someone deletes them: they pile up in the namespace, keep their logs on the nodes and slow down list calls and controllers. A TTL lets the TTL-after-finished controller clean them up. Jobs created by a CronJob are governed by its history limits instead, which is why CronJobs are not checked.',
    remediation: 'Set spec.ttlSecondsAfterFinished (for example 86400 to keep a finished Job for a day for debugging).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/',
    peers: { 'kube-linter': ['job-ttl-seconds-after-finished'] },
    fixable: true,
    kinds: ['Job'],
  },
  check({ object, read, report }) {
    if (read.text(object.root, 'spec', 'ttlSecondsAfterFinished') !== undefined) return;
    if (DELETE_POLICY_ANNOTATIONS.some((key) => key in object.annotations)) return;
    // A Job that names its owner (a CronJob's, exported) is cleaned up by that owner.
    if (read.seq(object.metadata, 'ownerReferences')?.items.length) return;
    // Points at the Job's `spec:` key, where the field belongs.
    // A day: long enough to read the logs of a failed run, short enough that finished Jobs do not pile up.
    const ttl = new Placeholder(86400, 'seed default: keep the finished Job and its pods a day, then delete them');
    const edits = mergeOwn(read, object.root, { spec: { ttlSecondsAfterFinished: ttl } });
    report({
      at: keyAnchor(read, object.root, 'spec', kindAnchor(object)),
      message: `${describe(object)}: no spec.ttlSecondsAfterFinished (the finished Job and its pods stay until deleted)`,
      fix: edits && { title: `Set ttlSecondsAfterFinished on Job "${object.name ?? '(unnamed)'}"`, edits },
    });
  },
};

export default rule;
