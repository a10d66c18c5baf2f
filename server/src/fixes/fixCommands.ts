// The commands behind the fixes that run the go command, and the code action
// kinds: ids are part of the client contract (vscode-languageclient registers
// each command id the server lists), so they never change.

export const FIX_COMMANDS = {
  /** { uri, version, modules: [{ path, version }] }: go get path@version... */
  upgrade: 'goModHygiene.upgrade',
  /** { uri }: go get every direct requirement's minor/patch update. */
  upgradeAll: 'goModHygiene.upgradeAll',
  /** { uri }: go mod tidy. */
  tidy: 'goModHygiene.tidy',
  /** { uri, pattern }: go env -w GOPRIVATE=<existing>,<pattern>, after the user confirms. */
  addGoPrivate: 'goModHygiene.addGoPrivate',
} as const;

export const FIX_KINDS = {
  quickFix: 'quickfix',
  upgradeAll: 'source.upgradeAll.goModHygiene',
  tidy: 'source.tidy.goModHygiene',
} as const;

/** Diagnostics whose data.suggestedVersion is a version to upgrade to. */
export const UPGRADE_CODES: ReadonlySet<string> = new Set(['update-available', 'retracted-version', 'version-not-found']);

export interface ModuleArg {
  path: string;
  version: string;
}

export type FixArgs =
  | { command: 'upgrade'; uri: string; version?: number; modules: ModuleArg[] }
  | { command: 'upgradeAll' | 'tidy'; uri: string }
  | { command: 'addGoPrivate'; uri: string; pattern: string };

const str = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** The arguments of a fix command as typed values, or a reason why they are not usable. */
export function parseFixArgs(command: string, args: unknown[] | undefined): FixArgs | { error: string } | undefined {
  const name = (Object.keys(FIX_COMMANDS) as (keyof typeof FIX_COMMANDS)[]).find((k) => FIX_COMMANDS[k] === command);
  if (!name) return undefined;
  const a = (args?.[0] ?? {}) as Record<string, unknown>;
  if (typeof a !== 'object' || a === null || !str(a.uri)) return { error: `${command}: expected an argument { uri: ... }` };
  const uri = a.uri;
  switch (name) {
    case 'upgrade': {
      const mods = Array.isArray(a.modules) ? a.modules : [];
      const modules = mods.filter((m): m is ModuleArg => typeof m === 'object' && m !== null && str((m as ModuleArg).path) && str((m as ModuleArg).version));
      if (modules.length === 0 || modules.length !== mods.length) return { error: `${command}: expected modules: [{ path, version }]` };
      return { command: name, uri, version: typeof a.version === 'number' ? a.version : undefined, modules: modules.map((m) => ({ path: m.path, version: m.version })) };
    }
    case 'addGoPrivate':
      if (!str(a.pattern)) return { error: `${command}: expected a pattern` };
      return { command: name, uri, pattern: a.pattern };
    default:
      return { command: name, uri };
  }
}
