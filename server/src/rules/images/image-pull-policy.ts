import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { isMutableReference, parseImage } from '../../engine/image';
import { imageSetByTrigger } from '../../engine/imageTriggers';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'image-pull-policy',
    category: 'images',
    severity: 'info',
    description: 'imagePullPolicy is Never, or IfNotPresent with a mutable tag.',
    rationale:
      'With Never the pod only starts on nodes that already have the image, so a rescheduled or autoscaled pod gets stuck in ErrImageNeverPull. IfNotPresent with latest or no tag keeps whatever version each node pulled first: replicas on different nodes run different code.',
    remediation: 'Use an immutable tag or digest and drop imagePullPolicy (the default is then IfNotPresent), or set it to Always for a mutable tag.',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object)) {
      const policy = read.string(container.node, 'imagePullPolicy');
      const at = fieldAnchor(read, container.node, 'imagePullPolicy', containerAnchor(object, container));
      if (policy === 'Never') {
        report({ at, message: `${describe(object, container)}: imagePullPolicy is Never (the pod only starts on nodes that already have the image)` });
        continue;
      }
      if (policy !== 'IfNotPresent' || imageSetByTrigger(object, container)) continue;
      const text = read.string(container.node, 'image');
      const image = text === undefined ? undefined : parseImage(text);
      if (!image || !isMutableReference(image)) continue;
      const tag = image.tag === undefined ? 'no tag' : 'the latest tag';
      report({ at, message: `${describe(object, container)}: imagePullPolicy is IfNotPresent for image "${text}" with ${tag} (nodes keep whichever version they pulled first)` });
    }
  },
};

export default rule;
