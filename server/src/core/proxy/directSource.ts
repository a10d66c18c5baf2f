// What GOPROXY calls "direct", as the proxy client sees it: answers shaped as
// a proxy's, from version control (direct/goDirectSource.ts asks the go command).
import type { Endpoint } from './cache';
import type { Fetched } from './transport';

export interface DirectSource {
  /** A proxy's answer for the endpoint (list lines, .info JSON, go.mod text). */
  get(modulePath: string, endpoint: Endpoint, version: string): Promise<Fetched>;
  /** Removes what it made on disk (its working directory). */
  close(): void;
}
