/** A problem with how the CLI was called: print the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A path or config file the CLI could not read, a config file it rejected, a file --fix could not write: print the message, exit 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** `cannot read <path>: <reason>`, with the reason Node gives minus its code and syscall. */
export function cannotRead(path: string, error: unknown): InputError {
  return new InputError(`cannot read ${path}: ${reasonOf(error)}`);
}

/** `cannot write <path>: <reason>` (--fix). */
export function cannotWrite(path: string, error: unknown): InputError {
  return new InputError(`cannot write ${path}: ${reasonOf(error)}`);
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // "ENOENT: no such file or directory, open 'x'" and "EISDIR: illegal operation on a directory, read"
  // -> the part in between.
  const match = /^[A-Z][A-Z0-9_]+: (.*?)(?:, [a-z]+(?: '.*')?)?$/s.exec(error.message);
  return match ? match[1] : error.message;
}
