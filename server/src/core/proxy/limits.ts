// How much of a proxy's answer is read. The go command reads proxy bodies to
// the end (modfetch/proxy.go getBytes: io.ReadAll), so a hostile or broken
// proxy could make it hold any amount; a long-running editor process cannot
// afford that. The caps are far above what real proxies send:
// - go.mod: 16 MiB, the go command's own limit for a go.mod it reads from
//   version control (codehost.MaxGoMod = 16 << 20, cmd/go/internal/modfetch/codehost).
// - @v/list: 1 MiB. A list line is a version (about 10-50 bytes, with an
//   optional time); the longest real lists have some thousands of versions,
//   and MAX_LIST_VERSIONS of the longest lines fit. Lists wait their turn to be
//   parsed (one at a time), so this cap is also what each waiting one holds.
// - .info and @latest: 64 KiB. They are one small JSON object (Version, Time,
//   Origin); a real one is a few hundred bytes.
import type { Endpoint } from './cache';

export const BODY_LIMITS: Readonly<Record<Endpoint, number>> = {
  list: 1 << 20,
  info: 64 << 10,
  latest: 64 << 10,
  mod: 16 << 20,
};

/** Everything else read from a proxy host (the reachability probe of a base URL). */
export const OTHER_BODY_LIMIT = 1 << 20;

/**
 * All bodies being read at once share this many bytes: with 64 requests in
 * flight, per-body caps alone would still allow a gigabyte.
 */
export const IN_FLIGHT_BYTES = 64 << 20;

/**
 * Versions one @v/list may name. The go command has no such limit, but every
 * version a list names is kept (sorted, for queries and completion) as long as
 * the module is in view: a 1 MiB list of short lines is some 100,000 versions
 * and 4 MB of memory. Real modules have some thousands at most.
 */
export const MAX_LIST_VERSIONS = 20_000;

/** Answers larger than this are kept in memory only, not written to the disk cache (as base64 JSON). */
export const DISK_MAX_BODY = 1 << 20;
