import type { ContainerRef, K8sObject } from './model';

/**
 * Whether OpenShift writes this container's image: a DeploymentConfig's ImageChange trigger that
 * names the container replaces `image` with the image stream tag's resolved, digest-pinned
 * reference. What the manifest says there (often `' '` or `app:latest`) never runs, so the image
 * rules must not judge it.
 */
export function imageSetByTrigger(object: K8sObject, container: ContainerRef): boolean {
  if (object.kind !== 'DeploymentConfig') return false;
  const read = object.reader;
  return read.maps(object.root, 'spec', 'triggers').some((trigger) => {
    if (read.string(trigger, 'type') !== 'ImageChange') return false;
    return read.items(trigger, 'imageChangeParams', 'containerNames').some((name) => read.text(name) === container.name);
  });
}
