// GOFLAGS as the go command reads it: cmd/internal/quoted.Split for the words,
// then cmd/go/internal/base/goflags.go for what counts as a flag
// (go.dev/ref/mod#build-commands: -mod and -modfile may come from GOFLAGS).

export interface GoFlags {
  /** The last -mod= value (readonly, vendor, mod), if any. */
  mod?: string;
  /** The last -modfile= value, if any. */
  modfile?: string;
  /** Every other flag, verbatim and in order. */
  other: string[];
  /** Why the go command would reject this GOFLAGS in a build command, if it would. */
  error?: string;
}

/** quoted.Split: fields separated by ASCII space, tab, CR, LF; '…' or "…" quote a whole field with no escapes. */
export function splitQuoted(s: string): { fields: string[]; error?: string } {
  const fields: string[] = [];
  let i = 0;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  while (i < s.length) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) break;
    const c = s[i];
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return { fields: [], error: `unterminated ${c} string` };
      fields.push(s.slice(i + 1, end));
      // A quoted field ends at its closing quote, even with no space after it.
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < s.length && !isSpace(s[i])) i++;
    fields.push(s.slice(start, i));
  }
  return { fields };
}

/**
 * Splits GOFLAGS and picks out -mod and -modfile (either as -x=v or --x=v; the
 * last one wins, as repeated flag.Set calls do). A flag without `=value` cannot
 * carry a value in GOFLAGS, so `-mod` alone is an error, like the go command's
 * "flag needs an argument".
 */
export function parseGoFlags(s: string): GoFlags {
  const split = splitQuoted(s);
  const out: GoFlags = { other: [] };
  if (split.error) {
    out.error = `parsing $GOFLAGS: ${split.error}`;
    return out;
  }
  for (const f of split.fields) {
    if (!f.startsWith('-') || f === '-' || f === '--' || f.startsWith('---') || f.startsWith('-=') || f.startsWith('--=')) {
      out.error ??= `parsing $GOFLAGS: non-flag ${JSON.stringify(f)}`;
      continue;
    }
    const body = f.startsWith('--') ? f.slice(2) : f.slice(1);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (name === 'mod' || name === 'modfile') {
      if (eq < 0) {
        out.error ??= `flag needs an argument: -${name} (from $GOFLAGS)`;
        continue;
      }
      out[name] = body.slice(eq + 1);
      continue;
    }
    out.other.push(f);
  }
  return out;
}
