import { fieldAnchor, keyAnchor, kindAnchor } from '../../engine/anchors';
import { mergeOwn } from '../../engine/fix/own';
import { describe } from '../../engine/model';
import type { Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'cronjob-starting-deadline',
    category: 'lifecycle',
    severity: 'info',
    description: 'A CronJob has no startingDeadlineSeconds.',
    rationale:
      'Without a deadline the CronJob controller counts every schedule missed since the last run; after more than 100 (the controller was down, the CronJob was suspended, clocks were skewed) it stops starting the job and only logs an error. A deadline also keeps a run that is hours late from starting at a bad time.',
    remediation: 'Set spec.startingDeadlineSeconds to how late a run may still start (for example 300, and less than the schedule interval).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#starting-deadline',
    peers: { 'kube-score': ['cronjob-has-deadline'] },
    fixable: true,
    kinds: ['CronJob'],
  },
  check({ object, read, report }) {
    const spec = read.map(object.root, 'spec');
    if (!spec || read.text(spec, 'startingDeadlineSeconds') !== undefined) return;
    // Points at `schedule:`, which the deadline qualifies.
    const at = fieldAnchor(read, spec, 'schedule', keyAnchor(read, object.root, 'spec', kindAnchor(object)));
    // Five minutes: a run late by a controller restart still starts, one hours late does not.
    const edits = mergeOwn(read, spec, { startingDeadlineSeconds: 300 });
    report({
      at,
      message: `${describe(object)}: no spec.startingDeadlineSeconds (after more than 100 missed schedules the CronJob stops starting runs)`,
      fix: edits && { title: `Set startingDeadlineSeconds on CronJob "${object.name ?? '(unnamed)'}"`, edits },
    });
  },
};

export default rule;
