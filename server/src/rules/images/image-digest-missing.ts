import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { parseImage } from '../../engine/image';
import { imageSetByTrigger } from '../../engine/imageTriggers';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'image-digest-missing',
    category: 'images',
    severity: 'info',
    disabledByDefault: true,
    description: 'A container image is not pinned by digest.',
    rationale:
      'Tags are mutable: a registry account compromise or a careless re-push changes what `app:1.4.2` means without any change in git. A digest names exact content, so what was scanned and signed is what runs, on every node and on every restart.',
    remediation: 'Append the digest to the reference (`app:1.4.2@sha256:...`), and let a bot such as Renovate keep tag and digest up to date.',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object)) {
      if (imageSetByTrigger(object, container)) continue;
      const text = read.string(container.node, 'image');
      const image = text === undefined ? undefined : parseImage(text);
      if (!image || image.digest !== undefined) continue;
      report({ at: fieldAnchor(read, container.node, 'image', containerAnchor(object, container)), message: `${describe(object, container)}: image "${text}" is not pinned by digest` });
    }
  },
};

export default rule;
