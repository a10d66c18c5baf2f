// How much of the vulnerability database is read. govulncheck reads its
// answers to the end (io.ReadAll behind gzip.NewReader, x/vuln
// internal/client/source.go), so a hostile or broken database could make it
// hold any amount; an editor process that stays up for days cannot. The caps
// are far above what vuln.go.dev sends, and each bounds the memory one answer
// takes: the compressed cap what the transport reads, the decompressed cap
// what gunzip may produce (zlib's maxOutputLength stops it there, so a gzip
// bomb costs no more than a real answer of that size).

export interface SizeCap {
  /** Body bytes read from http(s), where the database serves .json.gz. */
  compressed: number;
  /** Bytes after gunzip, and the most read from a file:// database (plain .json). */
  decompressed: number;
}

/** index/db.json is one object with one time in it (some 40 bytes). */
export const DB_META_CAP: SizeCap = { compressed: 64 << 10, decompressed: 64 << 10 };

/**
 * index/modules.json: the real one has about 1,400 modules and 4,300 lines
 * (some hundreds of KB, about a fifth of that gzipped). 16 MiB is some 30
 * times that, decades of growth at the database's pace; parsed, it is some
 * tens of MB for the moment it takes to build the index. JSON of this shape
 * compresses four to eight times, so 4 MiB compressed covers the
 * decompressed cap.
 */
export const INDEX_CAP: SizeCap = { compressed: 4 << 20, decompressed: 16 << 20 };

/**
 * ID/<id>.json: one OSV entry, a few KB; the largest (standard library
 * entries that list many symbols) some tens of KB. Entries are kept in memory
 * once read, so each is bounded well below the index.
 */
export const ENTRY_CAP: SizeCap = { compressed: 1 << 20, decompressed: 1 << 20 };

/**
 * Longest strings kept from an entry. The summary and details are shown in
 * hovers and reports; an entry's text is a few hundred characters, the
 * longest real details some thousands.
 */
export const MAX_SUMMARY = 1_000;
export const MAX_DETAILS = 16_000;
/** A module path, a package path or a symbol; nothing real comes close. */
export const MAX_PATH = 1_024;
/** A version in a range event or a fixed version: Go versions are short, pre-releases included. */
export const MAX_VERSION = 128;
/** An RFC 3339 time, with fractional seconds and an offset. */
export const MAX_TIME = 64;
/** An id or alias (GO-2024-1234, CVE-2024-12345, GHSA-xxxx-xxxx-xxxx). */
export const MAX_ID = 128;
/** Aliases kept per entry: real entries have one to three. */
export const MAX_ALIASES = 100;
export const MAX_URL = 2_048;

/**
 * Requests to the database at once. A check asks db.json, then modules.json,
 * then the entries of the required modules that it lists (tens, rarely
 * more than a hundred), so a few connections keep it busy.
 */
export const DB_CONCURRENCY = 8;
/** Body bytes the database's reads in progress may hold together: the index, and the entries beside it. */
export const DB_IN_FLIGHT_BYTES = INDEX_CAP.compressed + DB_CONCURRENCY * ENTRY_CAP.compressed;
