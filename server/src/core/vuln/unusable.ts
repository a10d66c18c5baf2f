// A database that cannot be used (GOVULNDB is not a URL, say): every question
// gets the same answer, so the check fails with one finding that names the
// cause, and everything else goes on.
import type { DbAnswer, VulnDatabase } from './database';

export function unusableDatabase(message: string): VulnDatabase {
  const fail = async (): Promise<DbAnswer<never>> => ({ kind: 'error', message });
  return {
    location: { kind: 'off', why: message },
    index: fail,
    entries: fail,
    status: () => ({ location: { kind: 'off', why: message }, error: message }),
    close: async () => undefined,
  };
}
