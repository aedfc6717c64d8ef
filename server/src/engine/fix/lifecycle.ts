import type { YAMLMap } from 'yaml';
import type { NodeReader } from '../nodes';
import { Placeholder, type PlainMap } from './yamlEdit';

/**
 * How long the preStop hook holds SIGTERM back: long enough for the endpoints controller,
 * kube-proxy and most ingress controllers to stop sending new connections to the pod.
 */
export const PRESTOP_DELAY_SECONDS = 5;

/**
 * A preStop hook that sleeps, in the exec form rather than the `sleep` action: the action needs
 * Kubernetes 1.30 (1.29 behind a feature gate) and older API servers reject the field, while exec
 * works on every version. Its one requirement, a `sleep` binary in the image, is what the
 * placeholder comment points out; without one the hook fails, the kubelet records a
 * FailedPreStopHook event and stops the container as it would without a hook, so the fix can
 * never make shutdown worse.
 */
export function preStopSleep(): PlainMap {
  const sleep = new Placeholder('sleep', `needs sleep in the image; without one (distroless) use "sleep: {seconds: ${PRESTOP_DELAY_SECONDS}}" on Kubernetes 1.30+`);
  return { lifecycle: { preStop: { exec: { command: [sleep, String(PRESTOP_DELAY_SECONDS)] } } } };
}

/**
 * The terminationGracePeriodSeconds a pod needs once a container's preStop hook sleeps, or
 * undefined when the current one is already longer than the sleep (an absent one defaults to
 * 30 s). The grace period counts from the start of the hook, so the application keeps the time it
 * had after SIGTERM when the hook's delay is added to it.
 */
export function gracePeriodForPreStop(read: NodeReader, podSpec: YAMLMap): PlainMap | undefined {
  const value = read.scalar(podSpec, 'terminationGracePeriodSeconds');
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  // Absent or null: the 30 s default. Not a number (a template): not ours to judge.
  if (seconds === undefined || !Number.isInteger(seconds) || seconds > PRESTOP_DELAY_SECONDS) return undefined;
  // 0 asks for an immediate kill; with a hook in front the pod still needs one second more than the hook.
  return { terminationGracePeriodSeconds: Math.max(seconds, 1) + PRESTOP_DELAY_SECONDS };
}
