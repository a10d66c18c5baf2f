// Code actions, code lenses and the commands behind them. Text-only fixes
// (remove a replace or exclude) are edits in the action itself. Fixes that
// need the go command run it on a temporary copy of go.mod (core/fixes/goFix.ts)
// and send its result back as one workspace edit, pinned to the version of the
// buffer it started from; nothing here writes the user's files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, ClientCapabilities, CodeAction, CodeActionParams, CodeLens, CodeLensParams, Diagnostic, ExecuteCommandParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLens, commandAction, documentWorkspaceEdit, editAction, type EditSupport, goFixWorkspaceEdit, type GoSumChange, SOURCE } from '../convert';
import { lookupTargets } from '../core/analyze';
import type { Engine } from '../core/engine';
import { explainGoError } from '../core/fixes/explainGoError';
import { type GoFixAction, type GoFixFs, runGoFix } from '../core/fixes/goFix';
import { goPrivatePattern, isValidGoPrivatePattern, withGoPrivate } from '../core/goenv/goPrivate';
import { removeDirective, type RemovableVerb } from '../core/fixes/removeDirective';
import { lineEdits, matchLineEndings, type OffsetEdit } from '../core/fixes/textDiff';
import { minorPatchUpgrades, requireGroups } from '../core/fixes/upgrades';
import { formatProblem, goCommandErrors, type ParsedFile } from '../core/gomod/parse';
import type { ServerDeps } from '../server';
import { factsProfile, type Settings } from '../settings';
import type { MessageKind } from './editorUi';
import { FIX_COMMANDS, FIX_KINDS, type FixArgs, type ModuleArg, parseFixArgs, UPGRADE_CODES } from './fixCommands';

/** What the fixes need from the server. */
export interface FixHost {
  deps(): ServerDeps;
  trusted(): boolean;
  settingsFor(uri: string): Promise<Settings>;
  /** Settings already known for a document (requests must not wait for them). */
  known(uri: string): Settings;
  parse(doc: TextDocument): ParsedFile;
  /** Forget facts and engines, and check every open document again. */
  refresh(): Promise<void>;
}

export interface FixOutcome {
  ok: boolean;
  /** Whether the editor applied an edit. */
  applied?: boolean;
  message?: string;
}

export const UPGRADE_ALL_TITLE = 'Upgrade all direct requirements (minor/patch)';
const RESTRICTED = 'Restricted mode: the go command is never run in an untrusted workspace, so this fix is not available. Trust the workspace to use it.';
const GO_ENV_TIMEOUT_MS = 30_000;

const nodeFs: GoFixFs = {
  makeTempDir: () => mkdtemp(path.join(tmpdir(), 'go-mod-hygiene-')),
  writeFile: (p, text) => writeFile(p, text, { mode: 0o600 }),
  readFile: (p) => readFile(p, 'utf8').then((t) => t, () => undefined),
  removeDir: (p) => rm(p, { recursive: true, force: true, maxRetries: 3 }),
  join: (dir, name) => path.join(dir, name),
};

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

export class FixProvider {
  private caps: ClientCapabilities = {};

  constructor(private readonly host: FixHost) {}

  initialize(caps: ClientCapabilities): void {
    this.caps = caps;
  }

  refreshCodeLenses(): void {
    if (this.caps.workspace?.codeLens?.refreshSupport) this.host.deps().editor?.refreshCodeLenses();
  }

  private get support(): EditSupport {
    const we = this.caps.workspace?.workspaceEdit;
    return { documentChanges: we?.documentChanges === true, create: we?.resourceOperations?.includes('create') === true };
  }

  /** go-running fixes are offered for go.mod files on disk, in trusted workspaces, when a go command was found. */
  private canRunGo(doc: TextDocument, p: ParsedFile, settings: Settings): boolean {
    if (!this.host.trusted() || p.kind !== 'mod' || !doc.uri.startsWith('file:')) return false;
    const engine = this.host.deps().engines.peek(settings, true);
    return engine === undefined || engine.go !== undefined;
  }

  /**
   * go get and go mod tidy load the go.mod first and stop at its first error:
   * offering them on a file the go command rejects would only end in that error.
   */
  private canRunGoOnModule(doc: TextDocument, p: ParsedFile, settings: Settings): boolean {
    return this.canRunGo(doc, p, settings) && goCommandErrors(p).length === 0;
  }

  private upgrades(p: ParsedFile, settings: Settings) {
    const { store } = this.host.deps();
    const profile = factsProfile(settings, this.host.trusted());
    return minorPatchUpgrades(p, (key) => store.get(profile, key));
  }

  // ---- requests ----

  codeActions(params: CodeActionParams): CodeAction[] {
    const doc = this.host.deps().getDocument(params.textDocument.uri);
    if (!doc) return [];
    const p = this.host.parse(doc);
    const settings = this.host.known(doc.uri);
    const goOk = this.canRunGo(doc, p, settings);
    const graphOk = this.canRunGoOnModule(doc, p, settings);
    const only = params.context.only;
    const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const uri = doc.uri;
    const actions: CodeAction[] = [];
    const removals = new Map<number, { verb: RemovableVerb; edit: OffsetEdit; diagnostics: Diagnostic[] }>();
    const env = this.host.deps().engines.peek(settings, this.host.trusted())?.goEnv.values;

    for (const d of params.context.diagnostics) {
      if (d.source !== SOURCE || typeof d.code !== 'string') continue;
      const data = (d.data ?? {}) as { module?: unknown; suggestedVersion?: unknown };
      const module = typeof data.module === 'string' ? data.module : undefined;
      if (UPGRADE_CODES.has(d.code) && graphOk && module && typeof data.suggestedVersion === 'string' && wanted(FIX_KINDS.quickFix)) {
        // A retracted version with an update has two diagnostics and one fix.
        const version = data.suggestedVersion;
        const same = actions.find((a) => a.command?.command === FIX_COMMANDS.upgrade && a.command.arguments?.[0]?.modules?.[0]?.path === module && a.title === `Upgrade to ${version}`);
        if (same) {
          same.diagnostics?.push(d);
          if (d.code !== 'update-available') same.isPreferred = true;
          continue;
        }
        const args = { uri, version: doc.version, modules: [{ path: module, version }] };
        actions.push(commandAction(`Upgrade to ${version}`, FIX_KINDS.quickFix,
          { title: `Upgrade ${module} to ${version}`, command: FIX_COMMANDS.upgrade, arguments: [args] }, [d], d.code !== 'update-available'));
      }
      const verb = d.code.startsWith('replace-') ? 'replace' : d.code.startsWith('exclude-') ? 'exclude' : undefined;
      if (verb && wanted(FIX_KINDS.quickFix)) {
        const r = removeDirective(doc.getText(), p, verb, doc.offsetAt(d.range.start));
        if (r) {
          const key = r.line.start.offset;
          const seen = removals.get(key);
          if (seen) seen.diagnostics.push(d);
          else removals.set(key, { verb, edit: r.edit, diagnostics: [d] });
        }
      }
      if (d.code === 'module-not-found' && goOk && module && wanted(FIX_KINDS.quickFix)) {
        const pattern = goPrivatePattern(module);
        if (!env || withGoPrivate(env.GOPRIVATE, pattern) !== undefined) {
          actions.push(commandAction(`Add ${pattern} to GOPRIVATE`, FIX_KINDS.quickFix,
            { title: `Add ${pattern} to GOPRIVATE`, command: FIX_COMMANDS.addGoPrivate, arguments: [{ uri, pattern }] }, [d]));
        }
      }
      if (d.code === 'not-tidy' && graphOk && wanted(FIX_KINDS.quickFix)) {
        actions.push(commandAction('Run go mod tidy', FIX_KINDS.quickFix, { title: 'Run go mod tidy', command: FIX_COMMANDS.tidy, arguments: [{ uri }] }, [d]));
      }
    }
    for (const r of removals.values()) {
      const title = r.verb === 'replace' ? 'Remove replace' : 'Remove exclude';
      actions.push(editAction(title, FIX_KINDS.quickFix, documentWorkspaceEdit(doc, [r.edit], this.support), r.diagnostics));
    }
    if (graphOk && wanted(FIX_KINDS.upgradeAll) && this.upgrades(p, settings).length > 0) {
      actions.push(commandAction(UPGRADE_ALL_TITLE, FIX_KINDS.upgradeAll, { title: UPGRADE_ALL_TITLE, command: FIX_COMMANDS.upgradeAll, arguments: [{ uri }] }));
    }
    if (graphOk && wanted(FIX_KINDS.tidy) && !actions.some((a) => a.command?.command === FIX_COMMANDS.tidy)) {
      actions.push(commandAction('Run go mod tidy', FIX_KINDS.tidy, { title: 'Run go mod tidy', command: FIX_COMMANDS.tidy, arguments: [{ uri }] }));
    }
    return actions;
  }

  /** "Upgrade all direct requirements" above each require block (or run of require lines) that has one to upgrade. */
  codeLenses(params: CodeLensParams): CodeLens[] {
    const doc = this.host.deps().getDocument(params.textDocument.uri);
    if (!doc) return [];
    const p = this.host.parse(doc);
    const settings = this.host.known(doc.uri);
    if (!this.canRunGoOnModule(doc, p, settings)) return [];
    const upgrades = this.upgrades(p, settings);
    if (upgrades.length === 0) return [];
    const lines = new Set(upgrades.map((u) => u.line.start.offset));
    const title = `${UPGRADE_ALL_TITLE}: ${plural(upgrades.length, 'update')}`;
    return requireGroups(p)
      .filter((g) => g.lines.some((l) => lines.has(l.start.offset)))
      .map((g) => codeLens(doc, g.start, { title, command: FIX_COMMANDS.upgradeAll, arguments: [{ uri: doc.uri }] }));
  }

  /** workspace/executeCommand for the fix commands; undefined for commands that are not ours. */
  async executeCommand(params: ExecuteCommandParams, token?: CancellationToken): Promise<FixOutcome | undefined> {
    const args = parseFixArgs(params.command, params.arguments);
    if (!args) return undefined;
    if ('error' in args) return this.fail(args.error);
    if (!this.host.trusted()) return this.fail(RESTRICTED, 'warning');
    switch (args.command) {
      case 'upgrade':
        return this.runGo(args.uri, { kind: 'get', modules: args.modules, missing: this.missingVersions(args.uri, args.modules) }, token);
      case 'upgradeAll':
        return this.upgradeAll(args.uri, token);
      case 'tidy':
        return this.runGo(args.uri, { kind: 'tidy' }, token);
      case 'addGoPrivate':
        return this.addGoPrivate(args, token);
    }
  }

  // ---- commands ----

  /** The requested modules whose required version is known not to exist. */
  private missingVersions(uri: string, modules: ModuleArg[]): string[] {
    const doc = this.host.deps().getDocument(uri);
    if (!doc) return [];
    const { store } = this.host.deps();
    const profile = factsProfile(this.host.known(uri), this.host.trusted());
    const wanted = new Set(modules.map((m) => m.path));
    return lookupTargets(this.host.parse(doc))
      .filter((t) => wanted.has(t.req.mod.path) && store.get(profile, t.key)?.versionMissing)
      .map((t) => t.req.mod.path);
  }

  private message(kind: MessageKind, message: string): void {
    this.host.deps().log(message);
    this.host.deps().editor?.showMessage(kind, message);
  }

  private fail(message: string, kind: MessageKind = 'error'): FixOutcome {
    this.message(kind, message);
    return { ok: false, message };
  }

  /** The open go.mod on disk and a go command to run on it, or why there is none. */
  private async target(uri: string): Promise<{ doc: TextDocument; dir: string; engine: Engine & { go: NonNullable<Engine['go']> } } | { error: string }> {
    const doc = this.host.deps().getDocument(uri);
    if (!doc) return { error: 'Open the go.mod file first: the fix works on the text in the editor.' };
    if (!uri.startsWith('file:') || this.host.parse(doc).kind !== 'mod') return { error: 'This fix works on a go.mod file saved on disk (the go command needs the module directory).' };
    const settings = await this.host.settingsFor(uri);
    const engine = await this.host.deps().engines.get(settings, this.host.trusted());
    if ('error' in engine) return { error: engine.error };
    if (!engine.go) return { error: 'The go command was not found: install Go, or set goModHygiene.goBinary.' };
    return { doc, dir: path.dirname(fileURLToPath(uri)), engine: engine as Engine & { go: NonNullable<Engine['go']> } };
  }

  private async upgradeAll(uri: string, token?: CancellationToken): Promise<FixOutcome> {
    const doc = this.host.deps().getDocument(uri);
    if (!doc) return this.fail('Open the go.mod file first: the fix works on the text in the editor.');
    const settings = await this.host.settingsFor(uri);
    const latest = this.host.deps().getDocument(uri) ?? doc;
    const upgrades = this.upgrades(this.host.parse(latest), settings);
    if (upgrades.length === 0) {
      const message = 'No minor or patch updates are known for the direct requirements (updates to new major versions are left alone).';
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    return this.runGo(uri, { kind: 'get', modules: upgrades.map((u): ModuleArg => ({ path: u.path, version: u.version })) }, token);
  }

  private async runGo(uri: string, action: GoFixAction, token?: CancellationToken): Promise<FixOutcome> {
    const t = await this.target(uri);
    if ('error' in t) return this.fail(t.error);
    const { doc, dir, engine } = t;
    const deps = this.host.deps();
    const rejected = goCommandErrors(this.host.parse(doc))[0];
    if (rejected) return this.fail(`The go command cannot run on this go.mod until its error is fixed: ${formatProblem('go.mod', rejected)}`);
    const goSumPath = path.join(dir, 'go.sum');
    const goSumUri = pathToFileURL(goSumPath).toString();
    const sumDoc = deps.getDocument(goSumUri);
    const start = { text: doc.getText(), version: doc.version, sumVersion: sumDoc?.version };
    // An open go.sum is edited in its buffer, so the run starts from that text.
    const goSum = sumDoc ? sumDoc.getText() : deps.readFile(goSumPath);

    const abort = new AbortController();
    token?.onCancellationRequested(() => abort.abort());
    const title = action.kind === 'tidy' ? 'go mod tidy' : `go get (${plural(action.modules.length, 'module')})`;
    const progress = await deps.editor?.progress(`Go Module Hygiene: ${title}`).catch(() => undefined);
    progress?.onCancel(() => abort.abort());
    progress?.report(`running in ${dir}`);
    const result = await runGoFix(engine.go, nodeFs, { action, moduleDir: dir, goMod: start.text, goSum, goFlags: engine.goEnv.values.GOFLAGS, signal: abort.signal })
      .finally(() => progress?.done());
    if (!result.ok) {
      if (result.stderr) deps.log(`${result.command}:\n${result.stderr.trimEnd()}`);
      return this.fail(result.message, abort.signal.aborted ? 'info' : 'error');
    }
    if (result.stderr.trim()) deps.log(`${result.command}:\n${result.stderr.trimEnd()}`);

    const now = deps.getDocument(uri);
    if (!now || now.version !== start.version || deps.getDocument(goSumUri)?.version !== start.sumVersion) {
      const message = `go.mod or go.sum changed while ${result.command} ran, so its result was not applied.`;
      deps.log(message);
      const choice = await deps.editor?.showMessageRequest('warning', `${message} Run it again on the current text?`, ['Retry', 'Cancel']);
      if (choice === 'Retry' && !token?.isCancellationRequested) return this.runGo(uri, action, token);
      return { ok: false, message };
    }

    const modEdits = lineEdits(start.text, matchLineEndings(start.text, result.goMod));
    let sum: GoSumChange | undefined;
    if (result.goSum !== undefined && result.goSum !== (goSum ?? '')) {
      const text = matchLineEndings(goSum ?? '', result.goSum);
      sum = sumDoc ? { uri: goSumUri, text, open: { doc: sumDoc, edits: lineEdits(sumDoc.getText(), text) } } : { uri: goSumUri, text, onDisk: goSum };
    }
    if (modEdits.length === 0 && !sum) {
      const message = `${result.command}: nothing to change, go.mod and go.sum are already as the go command wants them.`;
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    if (!deps.editor || this.caps.workspace?.applyEdit !== true) return this.fail('The editor cannot apply workspace edits, so the result of the go command cannot be applied.');
    const { edit, goSumSkipped } = goFixWorkspaceEdit(now, modEdits, sum, this.support);
    const r = await deps.editor.applyEdit(result.command, edit);
    if (!r.applied) return this.fail(`The editor did not apply the result of ${result.command}${r.failureReason ? `: ${r.failureReason}` : ''}.`, 'warning');
    if (goSumSkipped) this.message('warning', `${result.command}: go.sum could not be created by this editor; run the go command in a terminal to write it.`);
    return { ok: true, applied: true };
  }

  /** After the user confirms: go env -w GOPRIVATE=<existing>,<pattern>, then check again. */
  private async addGoPrivate(args: Extract<FixArgs, { command: 'addGoPrivate' }>, token?: CancellationToken): Promise<FixOutcome> {
    const { pattern, uri } = args;
    if (!isValidGoPrivatePattern(pattern)) return this.fail(`${JSON.stringify(pattern)} is not a module path pattern.`);
    const settings = await this.host.settingsFor(uri);
    const engine = await this.host.deps().engines.get(settings, this.host.trusted());
    if ('error' in engine) return this.fail(engine.error);
    if (!engine.go) return this.fail('The go command was not found: install Go, or set goModHygiene.goBinary.');
    const { values, source } = engine.goEnv;
    if (values.GOENV === '') {
      return this.fail(`The go command reads no go env file here (GOENV=off, or no user config directory), so go env -w cannot set GOPRIVATE. Set GOPRIVATE=${pattern} in the environment or in goModHygiene.env instead.`, 'warning');
    }
    if (source.GOPRIVATE === 'environment' || source.GOPRIVATE === 'override') {
      const where = source.GOPRIVATE === 'override' ? 'goModHygiene.env (or go.toolsEnvVars)' : 'the environment';
      return this.fail(`GOPRIVATE is set in ${where} (${values.GOPRIVATE}), which wins over go env -w. Add ${pattern} there instead.`, 'warning');
    }
    const next = withGoPrivate(values.GOPRIVATE, pattern);
    if (next === undefined) {
      const message = `GOPRIVATE (${values.GOPRIVATE}) already covers ${pattern}.`;
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    const assignment = `GOPRIVATE=${next}`;
    const ui = this.host.deps().editor;
    const answer = await ui?.showMessageRequest('warning', `Add ${pattern} to GOPRIVATE? This runs go env -w ${assignment} and changes your Go environment for every project.`, ['Add', 'Cancel']);
    if (answer !== 'Add' || token?.isCancellationRequested) return { ok: false, message: 'GOPRIVATE was not changed.' };
    const cwd = uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : tmpdir();
    const r = await engine.go.run(['env', '-w', assignment], { cwd, timeoutMs: GO_ENV_TIMEOUT_MS });
    if (!r.ok) return this.fail(explainGoError({ command: `go env -w ${assignment}`, cause: r.cause, code: r.code, stderr: r.stderr, timeoutMs: GO_ENV_TIMEOUT_MS }));
    // GONOPROXY and GONOSUMDB default to GOPRIVATE only while they are unset.
    const shadowed = (['GONOPROXY', 'GONOSUMDB'] as const).filter((k) => values[k] !== '' && source[k] !== 'default');
    const note = shadowed.length > 0 ? ` Note: ${shadowed.join(' and ')} ${shadowed.length > 1 ? 'are' : 'is'} set, and ${shadowed.length > 1 ? 'take' : 'takes'} precedence over GOPRIVATE for ${shadowed.length > 1 ? 'those questions' : 'that question'}.` : '';
    this.message('info', `${assignment} was written to ${values.GOENV}. Checking the modules again.${note}${r.stderr.trim() ? ` (${r.stderr.trim()})` : ''}`);
    await this.host.refresh();
    return { ok: true, applied: true };
  }
}
