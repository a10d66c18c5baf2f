// The Go vulnerability database's records (go.dev/security/vuln/database), as
// the engine keeps them: an OSV entry reduced to what matching and the reports
// need, and the two index files. Versions in OSV ranges are Go versions
// without their "v" ("1.2.3"); the stdlib and toolchain modules use Go's
// releases in that form ("1.21.0-rc.1" for go1.21rc1).

/** One event of an OSV SEMVER range: exactly one of the two is set. */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
}

export interface OsvRange {
  /** "SEMVER" is the only kind the Go database uses; others are kept so that matching can ignore them as govulncheck does. */
  type: string;
  events: OsvEvent[];
}

/** An affected package (ecosystem_specific.imports): its import path and, when limited, the platforms. */
export interface OsvPackage {
  path: string;
  goos?: string[];
  goarch?: string[];
  symbols?: string[];
}

export interface OsvAffected {
  /** affected[].package.name: a module path, or "stdlib" / "toolchain". */
  module: string;
  ranges: OsvRange[];
  packages: OsvPackage[];
}

export interface VulnEntry {
  id: string;
  modified: string;
  /** Set when the entry was taken back: it then affects nothing. */
  withdrawn?: string;
  /** CVE and GHSA ids. */
  aliases: string[];
  summary: string;
  details: string;
  affected: OsvAffected[];
  /** The entry's page: database_specific.url, else https://pkg.go.dev/vuln/<id>. */
  url: string;
}

/** index/db.json */
export interface DbMeta {
  modified: string;
}

/** One line of index/modules.json. */
export interface ModuleIndexEntry {
  path: string;
  vulns: { id: string; modified: string; fixed?: string }[];
}

/** The pseudo-modules for the standard library and the go command itself. */
export const STDLIB_MODULE = 'stdlib';
export const TOOLCHAIN_MODULE = 'toolchain';
