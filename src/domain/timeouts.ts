// A bound on how long something may take: a database that hangs must not hold up help.

export class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** Rejects with TimeoutError when `promise` has not settled within `ms` (it is not cancelled). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
