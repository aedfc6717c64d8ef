import { fieldAnchor } from '../../engine/anchors';
import { WORKLOAD_KINDS } from '../../engine/kinds';
import { describe } from '../../engine/model';
import { nodeSpan } from '../../engine/nodes';
import type { Rule } from '../../engine/rule';
import { podSecurityContext } from '../../engine/securityContext';

/** The kubelet's safe set (kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster, as of Kubernetes 1.32). */
export const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/**
 * `kernel/shm_rmid_forced` is the same sysctl as `kernel.shm_rmid_forced` (sysctl.d(5)): when the
 * first separator is a slash, slashes and dots swap roles.
 */
export function canonicalSysctl(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return name;
  return name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/'));
}

/** kubelet --allowed-unsafe-sysctls syntax: an exact name, or a prefix ending in `*`. */
function allowedBy(patterns: readonly string[], name: string): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === canonicalSysctl(pattern)));
}

const rule: Rule = {
  meta: {
    id: 'unsafe-sysctls',
    category: 'security',
    severity: 'error',
    description: 'A pod sets a sysctl outside the Kubernetes safe set.',
    rationale:
      "Unsafe sysctls are not isolated between pods: they can change the behaviour of neighbours or of the node, or let a pod take kernel resources outside its limits. The kubelet rejects such pods (SysctlForbidden) unless the node's --allowed-unsafe-sysctls lists them, so the pod either fails to start or depends on special node configuration.",
    remediation: 'Remove the sysctl, or schedule the pod only on nodes whose kubelet explicitly allows it (and list it in this rule\'s allowedUnsafeSysctls option).',
    docsUrl: 'https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/',
    peers: { 'kube-linter': ['unsafe-sysctls'] },
    fixable: false,
    kinds: WORKLOAD_KINDS,
    options: {
      allowedUnsafeSysctls: {
        schema: { type: 'array', items: { type: 'string' } },
        default: [],
        description: "Unsafe sysctls your nodes allow (the kubelet's --allowed-unsafe-sysctls): exact names or prefixes ending in *.",
      },
    },
  },
  check({ object, read, options, report }) {
    const spec = object.podSpec?.node;
    if (!spec) return;
    const allowed = Array.isArray(options.allowedUnsafeSysctls) ? options.allowedUnsafeSysctls.filter((p): p is string => typeof p === 'string') : [];
    const hostNetwork = read.boolean(spec, 'hostNetwork') === true;
    for (const item of read.maps(podSecurityContext(object), 'sysctls')) {
      const written = read.text(item, 'name');
      if (written === undefined) continue;
      const name = canonicalSysctl(written);
      const at = fieldAnchor(read, item, 'name', nodeSpan(item));
      // The kubelet refuses net.* sysctls, safe ones included, in a pod on the host network.
      if (hostNetwork && name.startsWith('net.')) {
        report({ at, message: `${describe(object)}: sysctl "${written}" cannot be set with hostNetwork: true` });
      } else if (!SAFE_SYSCTLS.has(name) && !allowedBy(allowed, name)) {
        report({ at, message: `${describe(object)}: sysctl "${written}" is not in the safe set (the kubelet rejects it unless --allowed-unsafe-sysctls allows it)` });
      }
    }
  },
};

export default rule;
