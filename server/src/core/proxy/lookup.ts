// What a module lookup through the GOPROXY list can end in.

/** A version's .info (and @latest) answer: go.dev/ref/mod#goproxy-protocol. */
export interface RevInfo {
  Version: string;
  Time?: string;
}

export type Lookup<T> =
  /** A proxy answered. `proxy` is its redacted URL. */
  | { kind: 'found'; value: T; proxy: string }
  /** Every proxy consulted said "not found" (404/410); `message` is the most useful answer. */
  | { kind: 'not-found'; message: string; proxy: string }
  /** A proxy failed (network, timeout, 5xx, bad data) and the list did not allow falling through. */
  | { kind: 'unavailable'; message: string; proxy: string }
  /**
   * Only a direct (version control) fetch could answer: the module matches
   * GONOPROXY/GOPRIVATE, or the list reached "direct", and version control
   * cannot be asked (`why`: restricted mode, no go command).
   */
  | { kind: 'direct'; reason: 'private' | 'direct-entry'; message: string; why?: string }
  /** GOPROXY=off. */
  | { kind: 'off'; message: string };

/** The name answers from version control go by, in caches and messages (GOPROXY's own word for it). */
export const DIRECT_LABEL = 'direct';

export const ERR_PROXY_OFF = 'module lookup disabled by GOPROXY=off';
export const ERR_NOPROXY = 'disabled by GOPRIVATE/GONOPROXY';

/** Module facts by version, from the proxy (or a cache of it). */
export interface VersionRepo {
  /** versions: tagged, sorted (taggedVersions); lines: those naming a valid version. */
  versions(path: string): Promise<Lookup<{ versions: string[]; lines: string[] }>>;
  latest(path: string): Promise<Lookup<RevInfo>>;
  info(path: string, version: string): Promise<Lookup<RevInfo>>;
  goMod(path: string, version: string): Promise<Lookup<string>>;
  /** The same lookups under one shared deadline for one requirement (ProxyClient.withDeadline). */
  withDeadline?(modulePath: string): VersionRepo & { end(): void };
}
