// The few pieces of Go's os and path/filepath packages that decide where the
// go command looks: os.Getenv, os.UserConfigDir, filepath.SplitList and filepath.Join.
// The platform is a parameter so that every host's rules can be tested anywhere.
import * as path from 'node:path';

export type Env = Record<string, string | undefined>;

/** os.Getenv: "" when unset. Windows environment names are case-insensitive. */
export function getenv(env: Env, key: string, platform: NodeJS.Platform): string {
  const direct = env[key];
  if (direct !== undefined || platform !== 'win32') return direct ?? '';
  const upper = key.toUpperCase();
  for (const [k, v] of Object.entries(env)) if (k.toUpperCase() === upper && v !== undefined) return v;
  return '';
}

/** filepath.Join: joins non-empty elements and cleans the result. */
export function joinPath(platform: NodeJS.Platform, ...elems: string[]): string {
  const parts = elems.filter((e) => e !== '');
  if (parts.length === 0) return '';
  return (platform === 'win32' ? path.win32 : path.posix).join(...parts);
}

/** filepath.IsAbs: on Windows a drive letter and a slash, or a UNC path; "\\x" alone is not absolute. */
export function isAbsPath(p: string, platform: NodeJS.Platform): boolean {
  return platform === 'win32' ? /^(?:[A-Za-z]:[\\/]|[\\/]{2})/.test(p) : p.startsWith('/');
}

/** filepath.SplitList: "" is no entries; Windows honours (and removes) double quotes around `;`. */
export function splitList(list: string, platform: NodeJS.Platform): string[] {
  if (list === '') return [];
  if (platform !== 'win32') return list.split(':');
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '"') quoted = !quoted;
    else if (list[i] === ';' && !quoted) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out.map((s) => s.replaceAll('"', ''));
}

/** os.UserConfigDir (Go 1.23): a value or the reason there is none. */
export function userConfigDir(env: Env, platform: NodeJS.Platform): { dir: string } | { error: string } {
  switch (platform) {
    case 'win32': {
      const dir = getenv(env, 'AppData', platform);
      return dir === '' ? { error: '%AppData% is not defined' } : { dir };
    }
    case 'darwin': {
      const home = getenv(env, 'HOME', platform);
      return home === '' ? { error: '$HOME is not defined' } : { dir: home + '/Library/Application Support' };
    }
    default: {
      const xdg = getenv(env, 'XDG_CONFIG_HOME', platform);
      if (xdg !== '') return { dir: xdg };
      const home = getenv(env, 'HOME', platform);
      return home === '' ? { error: 'neither $XDG_CONFIG_HOME nor $HOME are defined' } : { dir: home + '/.config' };
    }
  }
}

/** The variable go/build reads for the default GOPATH (go/build.defaultGOPATH). */
export function homeVariable(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'USERPROFILE' : 'HOME';
}
