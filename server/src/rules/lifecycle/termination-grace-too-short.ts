import type { YAMLMap } from 'yaml';
import { containerAnchor, fieldAnchor, keyAnchor } from '../../engine/anchors';
import { LONG_RUNNING_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import type { NodeReader } from '../../engine/nodes';
import { podContainers, type Rule } from '../../engine/rule';

/** The pod's grace period when the field is absent (PodSpec default). */
const DEFAULT_GRACE_SECONDS = 30;

/** `sleep 15`, `/bin/sleep 15`, `sleep 1.5`, `sleep 1m` as a command or inside a shell script. */
const SLEEP = /(?:^|[\s;&|(`])(?:\/[\w./-]*\/)?sleep\s+(\d+(?:\.\d+)?|\.\d+)([smhd]?)(?=$|[\s;&|)`])/g;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

const rule: Rule = {
  meta: {
    id: 'termination-grace-too-short',
    category: 'lifecycle',
    severity: 'warning',
    description: 'terminationGracePeriodSeconds is not longer than a container\'s preStop delay.',
    rationale:
      'The grace period counts from the start of the preStop hook, not from SIGTERM. If the hook sleeps as long as the grace period or longer, the kubelet kills the container (after a 2-second extension) before it ever receives SIGTERM, so in-flight requests are cut off instead of drained.',
    remediation: 'Set terminationGracePeriodSeconds to the preStop delay plus the time the application needs to shut down after SIGTERM, or shorten the preStop delay.',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/container-lifecycle-hooks/',
    fixable: false,
    kinds: LONG_RUNNING_KINDS,
  },
  check({ object, read, report }) {
    const podSpec = object.podSpec?.node;
    if (!podSpec) return;
    const grace = gracePeriod(read, podSpec);
    if (grace === undefined) return;
    const explicit = read.has(podSpec, 'terminationGracePeriodSeconds');
    // Sidecar init containers (restartPolicy: Always) may have preStop hooks too and stop within the same grace period.
    for (const container of podContainers(object, ['init', 'regular'])) {
      const lifecycle = read.map(container.node, 'lifecycle');
      const delay = preStopDelay(read, read.map(lifecycle, 'preStop'));
      if (delay === undefined || grace > delay) continue;
      report({
        // The pod-level field is what to change; without it, point at the hook whose delay the default cannot cover.
        at: explicit
          ? fieldAnchor(read, podSpec, 'terminationGracePeriodSeconds', undefined)
          : keyAnchor(read, lifecycle, 'preStop', containerAnchor(object, container)),
        message: `${describe(object, container)}: terminationGracePeriodSeconds ${explicit ? grace : `(default ${grace})`} is not longer than the preStop delay of ${delay}s`,
      });
    }
  },
};

/** Seconds, or undefined when the value is there but not a number we can trust (a template, garbage). */
function gracePeriod(read: NodeReader, podSpec: YAMLMap): number | undefined {
  if (!read.has(podSpec, 'terminationGracePeriodSeconds')) return DEFAULT_GRACE_SECONDS;
  const value = read.scalar(podSpec, 'terminationGracePeriodSeconds');
  if (value === null) return DEFAULT_GRACE_SECONDS;
  const seconds = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds : undefined;
}

/** How long the preStop hook waits before the container gets SIGTERM, when the hook says so plainly. */
function preStopDelay(read: NodeReader, preStop: YAMLMap | undefined): number | undefined {
  if (!preStop) return undefined;
  const sleepSeconds = read.scalar(preStop, 'sleep', 'seconds');
  if (typeof sleepSeconds === 'number') return sleepSeconds;
  if (typeof sleepSeconds === 'string' && /^\d+$/.test(sleepSeconds.trim())) return Number(sleepSeconds);
  const command = read.items(read.get(preStop, 'exec'), 'command').map((item) => read.text(item) ?? '');
  return command.length > 0 ? scriptSleep(command.join(' ')) : undefined;
}

/**
 * The longest single `sleep` in the command. Not the sum: a script may branch or loop,
 * and the longest sleep is the delay we can be sure of whenever that sleep runs.
 */
function scriptSleep(script: string): number | undefined {
  let longest: number | undefined;
  for (const match of script.matchAll(SLEEP)) {
    const seconds = Number(match[1]) * UNIT_SECONDS[match[2]];
    if (longest === undefined || seconds > longest) longest = seconds;
  }
  return longest;
}

export default rule;
