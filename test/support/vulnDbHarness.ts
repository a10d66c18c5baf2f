// The engine's vulnerability database client wired for tests: the real HTTP
// transport (undici) and the real file:// transport and disk cache on the
// Node host, with an injected clock.
import { tmpdir } from 'node:os';
import { HttpTransport } from '../../server/src/core/proxy/httpTransport';
import { DiskCache } from '../../server/src/core/proxy/diskCache';
import { FileTransport } from '../../server/src/core/proxy/fileTransport';
import { redactUrl } from '../../server/src/core/text/redact';
import { createVulnDatabase } from '../../server/src/core/vuln/client';
import type { VulnDatabase } from '../../server/src/core/vuln/database';
import { nodeGoContextHost } from '../../server/src/node/nodeHost';

export interface VulnDbHarnessOptions {
  /** A disk cache directory shared by the clients that name it (a second run). */
  cacheDir?: string;
  offline?: boolean;
  freshMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface VulnDbHarness {
  db: VulnDatabase;
  logs: string[];
  close(): Promise<void>;
}

export function vulnDbClient(url: string, opts: VulnDbHarnessOptions = {}): VulnDbHarness {
  const logs: string[] = [];
  const host = nodeGoContextHost({ env: {}, cwd: tmpdir(), homeDir: tmpdir(), log: (m) => logs.push(m) });
  // The transport's own timeout is far past the client's deadline: what ends a hang in these tests is the client.
  const http = new HttpTransport({ concurrency: 16, timeoutMs: 60_000, maxBytes: 16 << 20, netrc: [] });
  const parsed = new URL(url);
  let closing: Promise<void> | undefined;
  const db = createVulnDatabase(
    { kind: 'url', url: parsed, redacted: redactUrl(parsed), source: 'setting' },
    {
      http,
      file: new FileTransport({ readFile: host.readFileAsync }, 16 << 20),
      disk: opts.cacheDir && host.cacheFs ? new DiskCache(opts.cacheDir, host.cacheFs, (m) => logs.push(m)) : undefined,
      now: opts.now ?? Date.now,
      offline: opts.offline ?? false,
      freshMs: opts.freshMs ?? 10 * 60_000,
      timeoutMs: opts.timeoutMs ?? 10_000,
      log: (m) => logs.push(m),
    },
  );
  return {
    db,
    logs,
    // Once, however often it is called: a test may end a run itself before the suite's cleanup.
    close: () => (closing ??= db.close().then(() => http.close())),
  };
}
