// Which settings a go command knows, by its version. `go env -json NAME`
// prints "" for a name it does not know, as for one that is unset, so the
// version tells them apart: Go 1.23 prints GOAUTH as "" although it has no
// GOAUTH at all (added in Go 1.24, go.dev/doc/go1.24#go-command). It names the
// settings by string, so that goEnv.ts, which uses it, is not imported back.
/** The Go 1.x release that introduced each setting newer than Go 1.13 (the release notes of each). */
const INTRODUCED_IN: Readonly<Record<string, number>> = {
  GOINSECURE: 14,
  GOMODCACHE: 15,
  GOTOOLCHAIN: 21,
  GOAUTH: 24,
};

/** The minor release of a `go version` string ("go1.23.5" -> 23); undefined for a development build. */
export function goMinor(goVersion: string): number | undefined {
  const m = /^go1\.(\d+)(?:[.a-z]|$)/.exec(goVersion.trim());
  return m ? Number(m[1]) : undefined;
}

/** Whether the go command of this version knows the setting (a development build is taken to know them all). */
export function knowsSetting(goVersion: string | undefined, name: string): boolean {
  const minor = goVersion === undefined ? undefined : goMinor(goVersion);
  const since = INTRODUCED_IN[name];
  return minor === undefined || since === undefined || minor >= since;
}
