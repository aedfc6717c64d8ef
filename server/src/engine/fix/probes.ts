import type { ContainerRef, K8sObject } from '../model';
import { Placeholder, type PlainMap } from './yamlEdit';

const HTTP_PORT_NAME = /(^|-)(http|https|web|metrics|api|health)(-|$)/i;
const HTTP_PORT_NUMBERS = new Set([80, 443, 3000, 5000, 8000, 8008, 8080, 8081, 8443, 8888, 9090]);

interface DeclaredPort {
  name: string | undefined;
  number: number | undefined;
}

function firstPort(object: K8sObject, container: ContainerRef): DeclaredPort | undefined {
  const port = object.reader.maps(container.node, 'ports')[0];
  if (!port) return undefined;
  const value = object.reader.scalar(port, 'containerPort');
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : undefined;
  return { name: object.reader.string(port, 'name'), number };
}

/**
 * The probe handler for a container, as the seeds write it: httpGet on the first declared port
 * when it looks like HTTP, tcpSocket otherwise, a placeholder port when none is declared.
 */
function handler(object: K8sObject, container: ContainerRef, path: string): PlainMap {
  const port = firstPort(object, container);
  if (!port || (port.name === undefined && port.number === undefined)) {
    return { tcpSocket: { port: new Placeholder(8080, 'no containerPort declared: set the port the app listens on') } };
  }
  const reference = port.name ?? port.number!;
  const http = (port.name !== undefined && HTTP_PORT_NAME.test(port.name)) || (port.number !== undefined && HTTP_PORT_NUMBERS.has(port.number));
  return http ? { httpGet: { path: new Placeholder(path, `the app's ${path === '/ready' ? 'readiness' : 'health'} endpoint`), port: reference } } : { tcpSocket: { port: reference } };
}

/** Seed defaults (seed document 000 "Health Checks"): liveness waits 30 s, checks every 10 s, restarts after 3 failures. */
export function livenessProbe(object: K8sObject, container: ContainerRef): PlainMap {
  return { livenessProbe: { ...handler(object, container, '/healthz'), initialDelaySeconds: 30, periodSeconds: 10, failureThreshold: 3 } };
}

/** Seed defaults: readiness on /ready every 5 s after 5 s. */
export function readinessProbe(object: K8sObject, container: ContainerRef): PlainMap {
  return { readinessProbe: { ...handler(object, container, '/ready'), initialDelaySeconds: 5, periodSeconds: 5 } };
}
