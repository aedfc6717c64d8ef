import type { YAMLMap } from 'yaml';
import { keySpan, nodeSpan } from './nodes';
import type { ContainerRef, K8sObject } from './model';
import type { Span } from './types';

/**
 * hostPath volumes of a pod spec and what makes each one risky. Shared by host-path-volume
 * (any hostPath) and sensitive-host-path (dangerous path or writable mount) so that the two
 * rules split the volumes between them and never report the same one twice.
 */
export interface HostPathVolume {
  name: string;
  volume: YAMLMap;
  /** The path as written; undefined when `hostPath` has no usable `path`. */
  path: string | undefined;
  /** Where findings point: the `path:` entry, else the `hostPath` key. */
  anchor: Span | undefined;
  /** Why the path itself is dangerous, when it is. */
  sensitive: string | undefined;
  /** Containers (any role) that mount the volume without `readOnly: true`; empty for sockets and devices. */
  writableIn: ContainerRef[];
}

interface SensitivePath {
  path: string;
  /** Whether everything below `path` is as sensitive as the path itself. */
  subpaths: boolean;
  reason: string;
}

const RUNTIME_SOCKET = 'container runtime socket: control of every container on the node';
const RUNTIME_STATE = 'container runtime state and socket';

// Order matters: the first match gives the reason, so sockets come before their directories.
// /var/run is a symlink to /run on current distributions, hence both spellings.
const SENSITIVE_PATHS: readonly SensitivePath[] = [
  ...['/var/run/docker.sock', '/run/docker.sock', '/var/run/cri-dockerd.sock', '/run/cri-dockerd.sock'].map((path) => ({ path, subpaths: false, reason: RUNTIME_SOCKET })),
  ...['/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/var/run/crio/crio.sock', '/run/crio/crio.sock'].map((path) => ({ path, subpaths: false, reason: RUNTIME_SOCKET })),
  ...['/var/run/docker', '/run/docker', '/var/run/containerd', '/run/containerd', '/var/run/crio', '/run/crio'].map((path) => ({ path, subpaths: true, reason: RUNTIME_STATE })),
  // The whole runtime directory holds the runtime sockets; its other subdirectories (netns, xtables.lock, udev) are not in themselves node takeovers.
  ...['/var/run', '/run'].map((path) => ({ path, subpaths: false, reason: 'the host runtime directory, which holds the container runtime socket' })),
  // Subpaths of / are everything; only / itself is listed here.
  { path: '/', subpaths: false, reason: "the node's root filesystem" },
  { path: '/etc', subpaths: true, reason: 'host configuration and credentials' },
  { path: '/proc', subpaths: true, reason: 'host process and kernel interfaces' },
  { path: '/sys', subpaths: true, reason: 'host kernel and cgroup interfaces' },
  // /dev itself exposes every host device; single nodes below it (/dev/log, /dev/fuse) are specific, deliberate choices.
  { path: '/dev', subpaths: false, reason: 'every host device' },
  { path: '/boot', subpaths: true, reason: 'host kernel and boot files' },
  { path: '/root', subpaths: true, reason: "root's home directory on the node" },
  { path: '/var/lib/kubelet', subpaths: true, reason: "kubelet state, including every pod's Secrets" },
  { path: '/var/lib/docker', subpaths: true, reason: "container runtime storage: every container's filesystem" },
  { path: '/var/lib/containerd', subpaths: true, reason: "container runtime storage: every container's filesystem" },
  { path: '/var/lib/etcd', subpaths: true, reason: "etcd data: every object and Secret of the cluster" },
];

/** Read-only-harmless files under /etc (time zone, CA bundle, machine identity); writable mounts are still reported. */
const HARMLESS_ETC = ['/etc/localtime', '/etc/timezone', '/etc/ssl/certs', '/etc/pki/tls/certs', '/etc/pki/ca-trust', '/etc/ca-certificates', '/etc/machine-id', '/etc/os-release'];

/** Windows named pipes of the container runtimes; Windows does not care about case. */
const WINDOWS_RUNTIME_PIPES = ['\\\\.\\pipe\\docker_engine', '\\\\.\\pipe\\containerd-containerd'];

/** `/var//run/./docker.sock/` -> `/var/run/docker.sock`: the kubelet mounts what the kernel resolves. */
export function normalizeHostPath(path: string): string {
  const trimmed = path.trim();
  if (!trimmed.startsWith('/')) return trimmed;
  const parts: string[] = [];
  for (const part of trimmed.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

const within = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

/** Why mounting `path` from the node is dangerous, or undefined when it is not one of the known sensitive paths. */
export function sensitiveHostPath(path: string): string | undefined {
  if (WINDOWS_RUNTIME_PIPES.includes(path.trim().toLowerCase())) return RUNTIME_SOCKET;
  const normalized = normalizeHostPath(path);
  if (HARMLESS_ETC.some((harmless) => within(normalized, harmless))) return undefined;
  for (const entry of SENSITIVE_PATHS) {
    if (entry.subpaths ? within(normalized, entry.path) : normalized === entry.path) return entry.reason;
  }
  return undefined;
}

/**
 * Sockets and device nodes ignore a read-only mount (the kernel only refuses writes to files,
 * directories and links on one), so "mounted writable" means nothing for them and readOnly: true
 * would be advice that changes nothing.
 */
function ignoresReadOnly(type: string | undefined, path: string | undefined): boolean {
  if (type === 'Socket' || type === 'CharDevice' || type === 'BlockDevice') return true;
  if (path === undefined) return false;
  const normalized = normalizeHostPath(path);
  return normalized.endsWith('.sock') || normalized === '/dev/log' || WINDOWS_RUNTIME_PIPES.includes(path.trim().toLowerCase());
}

function writableMounts(object: K8sObject, volumeName: string): ContainerRef[] {
  const read = object.reader;
  return (object.podSpec?.containers ?? []).filter((container) =>
    read.maps(container.node, 'volumeMounts').some((mount) => read.text(mount, 'name') === volumeName && read.boolean(mount, 'readOnly') !== true),
  );
}

export function hostPathVolumes(object: K8sObject): HostPathVolume[] {
  const spec = object.podSpec?.node;
  if (!spec) return [];
  const read = object.reader;
  const out: HostPathVolume[] = [];
  for (const volume of read.maps(spec, 'volumes')) {
    const hostPath = read.map(volume, 'hostPath');
    if (!hostPath) continue;
    const name = read.text(volume, 'name') ?? '(unnamed)';
    const path = read.string(hostPath, 'path');
    const pathPair = read.pair(hostPath, 'path');
    out.push({
      name,
      volume,
      path,
      anchor: (pathPair ? nodeSpan(pathPair) : undefined) ?? keySpan(read, volume, 'hostPath'),
      sensitive: path !== undefined ? sensitiveHostPath(path) : undefined,
      writableIn: ignoresReadOnly(read.string(hostPath, 'type'), path) ? [] : writableMounts(object, name),
    });
  }
  return out;
}

/** sensitive-host-path owns a volume that is sensitive or mounted writable; host-path-volume gets the rest. */
export function isReportedAsSensitive(volume: HostPathVolume): boolean {
  return volume.sensitive !== undefined || volume.writableIn.length > 0;
}
