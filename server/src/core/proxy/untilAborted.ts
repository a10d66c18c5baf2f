// Waiting for a shared answer on behalf of one caller: the caller's signal
// ends its own wait, never the work others share, and its listener goes once
// the answer has come.

/** `shared`, or what `whenAborted` gives (or throws) once `signal` aborts first. */
export function untilAborted<T>(shared: Promise<T>, signal: AbortSignal | undefined, whenAborted: (signal: AbortSignal) => T): Promise<T> {
  if (!signal) return shared;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      try {
        resolve(whenAborted(signal));
      } catch (e) {
        reject(e);
      }
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
