import { fieldAnchor, keyAnchor, kindAnchor } from '../../engine/anchors';
import { mergeOwn } from '../../engine/fix/own';
import { describe } from '../../engine/model';
import type { FixSpec, Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'cronjob-concurrency-allow',
    category: 'lifecycle',
    severity: 'info',
    description: 'A CronJob lets a new run start while the previous one is still running.',
    rationale:
      'concurrencyPolicy defaults to Allow: when a run takes longer than the schedule interval, runs pile up and compete for the same data and resources, which for backups, migrations and reports means duplicated or corrupted work. Forbid skips a run while one is active; Replace cancels the old run.',
    remediation: 'Set spec.concurrencyPolicy to Forbid (or Replace when only the latest run matters).',
    docsUrl: 'https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#concurrency-policy',
    fixable: true,
    kinds: ['CronJob'],
  },
  check({ object, read, report }) {
    const spec = read.map(object.root, 'spec');
    if (!spec) return;
    // Forbid, not Replace: skipping a run is safe for any job, cancelling one half-way is not.
    // An Allow merged from a shared anchor is overridden in this spec, not changed for every user of the anchor.
    const edits = mergeOwn(read, spec, { concurrencyPolicy: 'Forbid' });
    const fix: FixSpec | undefined = edits && { title: `Set concurrencyPolicy: Forbid on CronJob "${object.name ?? '(unnamed)'}"`, edits };
    const policy = read.text(spec, 'concurrencyPolicy');
    if (policy === undefined) {
      // Points at `schedule:`: the overlap comes from the schedule outrunning the job.
      const at = fieldAnchor(read, spec, 'schedule', keyAnchor(read, object.root, 'spec', kindAnchor(object)));
      report({ at, message: `${describe(object)}: no concurrencyPolicy (it defaults to Allow: runs can overlap)`, fix });
    } else if (policy === 'Allow') {
      report({ at: fieldAnchor(read, spec, 'concurrencyPolicy', undefined), message: `${describe(object)}: concurrencyPolicy Allow lets runs overlap`, fix });
    }
  },
};

export default rule;
