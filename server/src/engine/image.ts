import { memoizeByString } from './memo';

/** A container image reference, split the way container runtimes read it. */
export interface ImageRef {
  /** Registry host (with port) when the reference names one; undefined means Docker Hub. */
  registry: string | undefined;
  /** Repository path inside the registry, e.g. `library/nginx` is written `nginx`. */
  repository: string;
  tag: string | undefined;
  /** `sha256:...` when the reference is pinned by content. */
  digest: string | undefined;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const HOST = /^[a-zA-Z0-9.-]+(?::\d+)?$|^\[[0-9a-fA-F:]+\](?::\d+)?$/;

/**
 * Parses `[registry[:port]/]path[:tag][@digest]`. Returns undefined for anything that is not a
 * valid reference (placeholders like `<image_url>`, `$(IMAGE)`, `${TAG}`), so that rules stay
 * silent on text they cannot understand instead of guessing.
 */
export const parseImage: (text: string) => Readonly<ImageRef> | undefined = memoizeByString(parseImageText);

function parseImageText(text: string): ImageRef | undefined {
  const reference = text.trim();
  if (reference === '' || /[\s<>${}]/.test(reference)) return undefined;
  const at = reference.indexOf('@');
  const name = at === -1 ? reference : reference.slice(0, at);
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  if (digest !== undefined && !DIGEST.test(digest)) return undefined;

  // A colon after the last slash starts the tag; one before it is a registry port (localhost:5000/app).
  const lastSlash = name.lastIndexOf('/');
  const lastColon = name.lastIndexOf(':');
  const hasTag = lastColon > lastSlash;
  const path = hasTag ? name.slice(0, lastColon) : name;
  const tag = hasTag ? name.slice(lastColon + 1) : undefined;
  if (tag !== undefined && !TAG.test(tag)) return undefined;

  const components = path.split('/');
  const first = components[0];
  // Docker's rule: the first component is a registry only if it looks like a host.
  const registry = components.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : undefined;
  if (registry !== undefined && !HOST.test(registry)) return undefined;
  const repositoryParts = registry !== undefined ? components.slice(1) : components;
  if (repositoryParts.length === 0 || !repositoryParts.every((part) => PATH_COMPONENT.test(part))) return undefined;
  return { registry, repository: repositoryParts.join('/'), tag, digest };
}

/** No digest and no tag or `latest`: what gets pulled can change under the same reference. */
export function isMutableReference(image: ImageRef): boolean {
  return image.digest === undefined && (image.tag === undefined || image.tag === 'latest');
}
