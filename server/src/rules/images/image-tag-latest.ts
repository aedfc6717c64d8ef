import { containerAnchor, fieldAnchor } from '../../engine/anchors';
import { parseImage } from '../../engine/image';
import { imageSetByTrigger } from '../../engine/imageTriggers';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { podContainers, type Rule } from '../../engine/rule';

const rule: Rule = {
  meta: {
    id: 'image-tag-latest',
    category: 'images',
    severity: 'warning',
    description: 'A container image has no tag or uses the latest tag.',
    rationale:
      'latest (which is also what a missing tag means) points at whatever was pushed last: two replicas can run different code, a node restart can silently upgrade a pod, and a rollback has no earlier version to return to. It also makes the default imagePullPolicy Always, so pods fail to start whenever the registry is unreachable.',
    remediation: 'Use an immutable version tag (e.g. `nginx:1.27.3`), ideally with its digest (`nginx:1.27.3@sha256:...`).',
    docsUrl: 'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    peers: { 'kube-linter': ['latest-tag'], 'kube-score': ['container-image-tag'], polaris: ['tagNotSpecified'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
  },
  check({ object, read, report }) {
    for (const container of podContainers(object)) {
      if (imageSetByTrigger(object, container)) continue;
      const text = read.string(container.node, 'image');
      const image = text === undefined ? undefined : parseImage(text);
      // A digest pins the content whatever the tag says.
      if (!image || image.digest !== undefined) continue;
      const problem = image.tag === undefined ? 'has no tag (pulls latest)' : image.tag === 'latest' ? 'uses the latest tag' : undefined;
      if (problem === undefined) continue;
      report({ at: fieldAnchor(read, container.node, 'image', containerAnchor(object, container)), message: `${describe(object, container)}: image "${text}" ${problem}` });
    }
  },
};

export default rule;
