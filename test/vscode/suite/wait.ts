// Waiting inside the extension host: the language server answers in the
// background, so every check polls until it holds or its deadline passes, and
// a timeout says what it waited for and what it saw last.
import { inspect } from 'node:util';

export const DEFAULT_TIMEOUT_MS = 30_000;
const INTERVAL_MS = 50;

/** Calls `probe` until `ok` accepts its value, and returns that value. */
export async function until<T>(what: string, probe: () => T | Thenable<T>, ok: (value: T) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = '(nothing yet)';
  for (;;) {
    try {
      const value = await probe();
      if (ok(value)) return value;
      last = value;
    } catch (e) {
      // A provider that is not registered yet, or a document not yet known to the server.
      last = e;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${inspect(last, { depth: 4, breakLength: 120 })}`);
    }
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  }
}
