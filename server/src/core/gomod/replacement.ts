// The replace directive in effect for one module version, as the go command
// picks it (modload.Replacement): a replace of exactly that version first,
// else one of every version. Among duplicates, which the go command rejects,
// the last one wins.
import type { Directives, Replace } from './directives';

export function replacementFor(d: Pick<Directives, 'replace'>, path: string, version: string): Replace | undefined {
  let exact: Replace | undefined;
  let every: Replace | undefined;
  for (const r of d.replace) {
    if (r.old.path !== path) continue;
    if (r.old.version === '') every = r;
    else if (r.old.version === version) exact = r;
  }
  return exact ?? every;
}
