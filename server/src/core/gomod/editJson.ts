// The JSON that `go mod edit -json` and `go work edit -json` print (cmd/go
// modcmd/edit.go and workcmd/edit.go, as of Go 1.26), byte for byte: the same
// field order, omitempty rules, tab indentation and Go's HTML-safe string
// escaping. GoDebug (omitted when empty), Tool and Ignore (null when empty)
// are the newer releases' fields; Go 1.23 printed none of them.
import type { Directives, ModuleVersion } from './directives';

const version = (m: ModuleVersion) => (m.version ? { Path: m.path, Version: m.version } : { Path: m.path });
const orNull = <T>(xs: T[]) => (xs.length > 0 ? xs : null);

export function modJsonValue(d: Directives): object {
  const module: Record<string, string> = { Path: d.module?.path ?? '' };
  if (d.module?.deprecated) module.Deprecated = d.module.deprecated;
  return {
    Module: module,
    ...(d.go ? { Go: d.go.version } : {}),
    ...(d.toolchain ? { Toolchain: d.toolchain.name } : {}),
    ...(d.godebug.length ? { GoDebug: d.godebug.map((g) => ({ Key: g.key, Value: g.value })) } : {}),
    Require: orNull(d.require.map((r) => ({ ...version(r.mod), ...(r.indirect ? { Indirect: true } : {}) }))),
    Exclude: orNull(d.exclude.map((x) => version(x.mod))),
    Replace: orNull(d.replace.map((r) => ({ Old: version(r.old), New: version(r.new) }))),
    Retract: orNull(d.retract.map((r) => ({
      ...(r.low ? { Low: r.low } : {}),
      ...(r.high ? { High: r.high } : {}),
      ...(r.rationale ? { Rationale: r.rationale } : {}),
    }))),
    Tool: orNull(d.tool.map((t) => ({ Path: t.path }))),
    Ignore: orNull(d.ignore.map((t) => ({ Path: t.path }))),
  };
}

export function workJsonValue(d: Directives): object {
  return {
    ...(d.go ? { Go: d.go.version } : {}),
    Use: orNull(d.use.map((u) => ({ DiskPath: u.path }))),
    Replace: orNull(d.replace.map((r) => ({ Old: version(r.old), New: version(r.new) }))),
  };
}

/** json.MarshalIndent(v, "", "\t") plus the trailing newline the go command adds. */
export function goMarshalIndent(value: object): string {
  // Keys are fixed ASCII names, so these characters can only occur inside strings.
  return JSON.stringify(value, null, '\t').replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '\n';
}
