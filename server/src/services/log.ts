import { ResponseError, type RemoteConsole } from 'vscode-languageserver/node';

/** The server's log (the client's "kube-prod" output channel), with once-only messages for things that repeat. */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Logs `message` the first time `key` is seen, and never again for that key. */
  once(key: string, level: 'warn' | 'error', message: string): void;
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

export class ConsoleLog implements Log {
  private readonly seen = new Set<string>();

  constructor(private readonly console: Pick<RemoteConsole, 'info' | 'warn' | 'error'>) {}

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string): void {
    this.console.error(message);
  }

  once(key: string, level: 'warn' | 'error', message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this[level](message);
  }
}

/**
 * Wraps an event handler so that nothing it throws, synchronously or from a returned
 * promise, escapes: the failure is logged and the server carries on.
 */
export function guard<A extends unknown[]>(log: Log, name: string, handler: (...args: A) => unknown): (...args: A) => void {
  return (...args: A) => {
    const fail = (error: unknown): void => log.error(`kube-prod: ${name} failed: ${describeError(error)}`);
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

/**
 * Wraps a request handler: an unexpected failure is logged (`what` names the request) and answered
 * with `fallback`, so the user sees nothing rather than an error popup; a ResponseError, a refusal
 * the user should read (why a rename cannot be done), goes back to the client as it is.
 */
export function respond<P, A extends unknown[], R>(log: Log, what: (params: P) => string, fallback: R, handler: (params: P, ...rest: A) => R | Promise<R>): (params: P, ...rest: A) => Promise<R> {
  return async (params: P, ...rest: A) => {
    try {
      return await handler(params, ...rest);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      log.error(`kube-prod: ${what(params)} failed: ${describeError(error)}`);
      return fallback;
    }
  };
}
