// The arguments of the fix commands, checked into typed values: they come
// from the client, which may be any editor. The ids are in the wire contract.
import { SERVER_COMMANDS, type ServerCommand } from '../../../../../shared/protocol';

/** Diagnostics whose data.suggestedVersion is a version to upgrade to. */
export const UPGRADE_CODES: ReadonlySet<string> = new Set(['update-available', 'retracted-version', 'version-not-found', 'vulnerability']);

export interface ModuleArg {
  path: string;
  version: string;
}

export type FixArgs =
  | { command: 'upgrade'; uri: string; version?: number; modules: ModuleArg[] }
  | { command: 'downloadSums'; uri: string; paths: string[] }
  | { command: 'completeGoSum'; uri: string; modules: ModuleArg[] }
  | { command: 'openModulePage'; uri: string; path: string }
  | { command: 'upgradeAll' | 'tidy'; uri: string }
  | { command: 'addGoPrivate'; uri: string; pattern: string };

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The arguments of a fix command as typed values, or a reason why they are not usable. */
export function parseFixArgs(command: string, args: unknown[] | undefined): FixArgs | { error: string } | undefined {
  const name = (Object.keys(SERVER_COMMANDS) as ServerCommand[]).find((k) => SERVER_COMMANDS[k] === command);
  if (!name || name === 'refresh') return undefined;
  const a = (args?.[0] ?? {}) as Record<string, unknown>;
  if (typeof a !== 'object' || a === null || !str(a.uri)) return { error: `${command}: expected an argument { uri: ... }` };
  const uri = a.uri;
  switch (name) {
    case 'downloadSums': {
      const paths = Array.isArray(a.paths) ? a.paths : [];
      if (paths.length === 0 || !paths.every(str)) return { error: `${command}: expected paths: [module path, ...]` };
      return { command: name, uri, paths: paths as string[] };
    }
    case 'upgrade':
    case 'completeGoSum': {
      const mods = Array.isArray(a.modules) ? a.modules : [];
      const modules = mods.filter((m): m is ModuleArg => typeof m === 'object' && m !== null && str((m as ModuleArg).path) && str((m as ModuleArg).version));
      if (modules.length === 0 || modules.length !== mods.length) return { error: `${command}: expected modules: [{ path, version }]` };
      const typed = modules.map((m) => ({ path: m.path, version: m.version }));
      if (name === 'completeGoSum') return { command: name, uri, modules: typed };
      return { command: name, uri, version: typeof a.version === 'number' ? a.version : undefined, modules: typed };
    }
    case 'openModulePage':
      if (!str(a.path)) return { error: `${command}: expected a path` };
      return { command: name, uri, path: a.path };
    case 'addGoPrivate':
      if (!str(a.pattern)) return { error: `${command}: expected a pattern` };
      return { command: name, uri, pattern: a.pattern };
    default:
      return { command: name, uri };
  }
}
