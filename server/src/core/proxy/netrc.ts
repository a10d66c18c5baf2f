// .netrc credentials for proxy hosts ($NETRC or ~/.netrc), read as the go
// command reads them (cmd/go/internal/auth/netrc.go): machine/login/password,
// "default" ends the useful part, macdef bodies are skipped.

export interface NetrcEntry {
  machine: string;
  login: string;
  password: string;
}

export function parseNetrc(data: string): NetrcEntry[] {
  const entries: NetrcEntry[] = [];
  let current: Partial<NetrcEntry> = {};
  let inMacro = false;
  const flush = () => {
    if (current.machine && current.login && current.password) entries.push(current as NetrcEntry);
    current = {};
  };
  for (const line of data.split('\n')) {
    if (inMacro) {
      if (line.trim() === '') inMacro = false;
      continue;
    }
    const f = line.trim().split(/\s+/).filter(Boolean);
    for (let i = 0; i < f.length; i++) {
      switch (f[i]) {
        case 'machine':
          flush();
          current.machine = f[++i];
          break;
        case 'login':
          current.login = f[++i];
          break;
        case 'password':
          current.password = f[++i];
          break;
        case 'macdef':
          inMacro = true;
          i = f.length;
          break;
        case 'default':
          flush();
          return entries;
      }
    }
  }
  flush();
  return entries;
}

/** The file the go command reads: $NETRC, else ~/.netrc (~/_netrc on Windows). */
export function netrcPath(env: Record<string, string | undefined>, homeDir: string, platform: string): string {
  if (env.NETRC) return env.NETRC;
  return `${homeDir}/${platform === 'win32' ? '_netrc' : '.netrc'}`;
}
