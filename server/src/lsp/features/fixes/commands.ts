// The commands behind the fixes that run the go command: upgrade, upgrade
// all, tidy, download the checksums (also in the background, for the go.sum
// a text-only version change owes: pendingGoSums.ts) and add-to-GOPRIVATE.
// The go command runs on a temporary copy of go.mod (core/gocmd/goFix.ts) and
// its result comes back as one workspace edit, pinned to the version of the
// buffer it started from; nothing here writes the user's files.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, ExecuteCommandParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommandOutcome } from '../../../../../shared/protocol';
import type { GoContext } from '../../../core/analysis/goContext';
import { lookupTargets } from '../../../core/facts/requirementFacts';
import { explainGoError } from '../../../core/gocmd/explainGoError';
import type { GoFixAction, GoFixFs } from '../../../core/gocmd/goFix';
import { runGoFixPastBrokenLines } from '../../../core/gocmd/pastBrokenLines';
import { goPrivateWriteRefusal, isValidGoPrivatePattern, withGoPrivate } from '../../../core/goenv/goPrivate';
import { formatProblem, goCommandErrors } from '../../../core/gomod/parse';
import { lineEdits, matchLineEndings } from '../../../core/gomod/textDiff';
import { describeGoModChange, type FixIntent, goSumChangeLabel } from '../../../core/gomod/changeSummary';
import { upgradeAllQuestion } from '../../../core/present/upgradeList';
import type { GoSumChange } from '../../convert';
import type { MessageKind } from '../../session/editor';
import type { Session } from '../../session/session';
import { type FixArgs, type ModuleArg, parseFixArgs } from './fixArgs';
import { GoResultApplier } from './applyGoResult';
import { reportBlocked, standInNotice } from './blockedFix';
import { refuse, tell, upgradePlan } from './fixSupport';
import { plural } from '../../../core/text/plural';
import { openModulePage } from './moduleFixes';
import { PendingGoSums } from './pendingGoSums';

const RESTRICTED = 'Restricted mode: the go command is never run in an untrusted workspace, so this fix is not available. Trust the workspace to use it.';
const GO_ENV_TIMEOUT_MS = 30_000;

const nodeFs: GoFixFs = {
  makeTempDir: () => mkdtemp(path.join(tmpdir(), 'go-mod-hygiene-')),
  writeFile: (p, text) => writeFile(p, text, { mode: 0o600 }),
  readFile: (p) => readFile(p, 'utf8').then((t) => t, () => undefined),
  removeDir: (p) => rm(p, { recursive: true, force: true, maxRetries: 3 }),
  join: (dir, name) => path.join(dir, name),
};

export class FixCommands {
  /** Checksums owed by text-only version changes, completed once the go command can load the graph. */
  readonly pendingSums: PendingGoSums;

  constructor(private readonly s: Session) {
    this.pendingSums = new PendingGoSums(s, (uri, paths) => this.runGo(uri, { kind: 'download', paths }, undefined, undefined, true));
  }

  /** workspace/executeCommand for the fix commands; undefined for commands that are not ours. */
  async executeCommand(params: ExecuteCommandParams, token?: CancellationToken): Promise<CommandOutcome | undefined> {
    const args = parseFixArgs(params.command, params.arguments);
    if (!args) return undefined;
    if ('error' in args) return this.fail(args.error);
    // Showing a public page runs nothing, so it is allowed in restricted mode too.
    if (args.command === 'openModulePage') return openModulePage(this.s, args);
    if (!this.s.trusted) return this.fail(RESTRICTED, 'warning');
    switch (args.command) {
      case 'upgrade':
        return this.runGo(args.uri, { kind: 'get', modules: args.modules, missing: this.missingVersions(args.uri, args.modules) }, token);
      case 'upgradeAll':
        return this.upgradeAll(args.uri, token);
      case 'tidy':
        return this.runGo(args.uri, { kind: 'tidy' }, token, 'go mod tidy');
      case 'addGoPrivate':
        return this.addGoPrivate(args, token);
      case 'downloadSums':
        return this.runGo(args.uri, { kind: 'download', paths: args.paths }, token);
      case 'completeGoSum': {
        // Sent by the editor right after it applied a text-only version change (the code action's edit, then its command).
        this.pendingSums.expect(args.uri, args.modules);
        const doc = this.s.documents.get(args.uri);
        if (doc) this.pendingSums.checked(doc);
        return { ok: true, applied: false };
      }
    }
  }

  // ---- commands ----

  /** The requested modules whose required version is known not to exist. */
  private missingVersions(uri: string, modules: ModuleArg[]): string[] {
    const doc = this.s.documents.get(uri);
    if (!doc) return [];
    const store = this.s.facts;
    const profile = this.s.profile(this.s.settings.known(uri));
    const wanted = new Set(modules.map((m) => m.path));
    return lookupTargets(this.s.documents.parse(doc))
      .filter((t) => wanted.has(t.req.mod.path) && store.get(profile, t.key)?.versionMissing)
      .map((t) => t.req.mod.path);
  }

  private message(kind: MessageKind, message: string): void {
    tell(this.s, kind, message);
  }

  private fail(message: string, kind: MessageKind = 'error'): CommandOutcome {
    return refuse(this.s, message, kind);
  }

  /** The open go.mod on disk and a go command to run on it, or why there is none. */
  private async target(uri: string): Promise<{ doc: TextDocument; dir: string; context: GoContext & { go: NonNullable<GoContext['go']> } } | { error: string }> {
    const doc = this.s.documents.get(uri);
    if (!doc) return { error: 'Open the go.mod file first: the fix works on the text in the editor.' };
    if (!uri.startsWith('file:') || this.s.documents.parse(doc).kind !== 'mod') return { error: 'This fix works on a go.mod file saved on disk (the go command needs the module directory).' };
    const settings = await this.s.settings.for(uri);
    const context = await this.s.context(uri, settings);
    if ('error' in context) return { error: context.error };
    if (!context.go) return { error: 'The go command was not found: install Go, or set goModHygiene.goBinary.' };
    return { doc, dir: path.dirname(fileURLToPath(uri)), context: context as GoContext & { go: NonNullable<GoContext['go']> } };
  }

  private async upgradeAll(uri: string, token?: CancellationToken): Promise<CommandOutcome> {
    const doc = this.s.documents.get(uri);
    if (!doc) return this.fail('Open the go.mod file first: the fix works on the text in the editor.');
    const settings = await this.s.settings.for(uri);
    const latest = this.s.documents.get(uri) ?? doc;
    const { upgrades, locallyReplaced } = upgradePlan(this.s, this.s.documents.parse(latest), settings);
    if (upgrades.length === 0) {
      const local = locallyReplaced.length > 0 ? ` ${locallyReplaced.map((u) => u.path).join(', ')} ${locallyReplaced.length === 1 ? 'is' : 'are'} left alone: replaced by a local directory.` : '';
      const message = `No minor or patch updates are known for the direct requirements (updates to new major versions are left alone).${local}`;
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    // The list before anything runs: several modules move at once.
    const answer = await this.s.client.ui?.showMessageRequest('info', upgradeAllQuestion(upgrades, locallyReplaced), ['Upgrade', 'Cancel']);
    if (answer !== 'Upgrade' || token?.isCancellationRequested) return { ok: false, applied: false, message: 'Nothing was upgraded.' };
    return this.runGo(uri, { kind: 'get', modules: upgrades.map((u): ModuleArg => ({ path: u.path, version: u.version })) }, token, 'Upgrade all');
  }

  /**
   * summaryTitle: the fix's name in the summary message after it is applied (see applyGoResult.ts).
   * quiet: a background run nobody asked for just now (pendingGoSums.ts): no
   * progress, no toast on failure, and only go.sum may change.
   */
  private async runGo(uri: string, action: GoFixAction, token?: CancellationToken, summaryTitle?: string, quiet = false): Promise<CommandOutcome> {
    const fail = (message: string, kind?: MessageKind): CommandOutcome => {
      if (!quiet) return this.fail(message, kind);
      this.s.client.log(message);
      return { ok: false, applied: false, message };
    };
    const t = await this.target(uri);
    if ('error' in t) return fail(t.error);
    const { doc, dir, context } = t;
    const rejected = goCommandErrors(this.s.documents.parse(doc))[0];
    if (rejected) return fail(`The go command cannot run on this go.mod until its error is fixed: ${formatProblem('go.mod', rejected)}`);
    const goSumPath = path.join(dir, 'go.sum');
    const goSumUri = pathToFileURL(goSumPath).toString();
    const sumDoc = this.s.documents.goSum(goSumUri);
    const start = { text: doc.getText(), version: doc.version, sumVersion: sumDoc?.version };
    // An open go.sum is edited in its buffer, so the run starts from that text.
    const goSum = sumDoc ? sumDoc.getText() : this.s.files.readFile(goSumPath);

    const abort = new AbortController();
    token?.onCancellationRequested(() => abort.abort());
    const title = action.kind === 'tidy' ? 'go mod tidy' : action.kind === 'download' ? `go mod download (${plural(action.paths.length, 'module')})` : `go get (${plural(action.modules.length, 'module')})`;
    const progress = quiet ? undefined : await this.s.client.ui?.progress(`Go Module Hygiene: ${title}`).catch(() => undefined);
    progress?.onCancel(() => abort.abort());
    progress?.report(`running in ${dir}`);
    const result = await runGoFixPastBrokenLines(context.go, nodeFs, { action, moduleDir: dir, goMod: start.text, goSum, goFlags: context.goEnv.values.GOFLAGS, signal: abort.signal })
      .finally(() => progress?.done());
    if (!result.ok) {
      if (result.stderr) this.s.client.log(`${result.command}:\n${result.stderr.trimEnd()}`);
      if (result.blame && !abort.signal.aborted && !quiet) return reportBlocked(this.s, uri, action, { ...result, blame: result.blame }, (m) => this.pendingSums.expect(uri, [m]));
      return fail(result.message, abort.signal.aborted ? 'info' : 'error');
    }
    if (result.standIns.length > 0 && !quiet) this.message('info', standInNotice(result.command, result.standIns));
    if (result.stderr.trim()) this.s.client.log(`${result.command}:\n${result.stderr.trimEnd()}`);

    const now = this.s.documents.get(uri);
    if (!now || now.version !== start.version || this.s.documents.goSum(goSumUri)?.version !== start.sumVersion) {
      const message = `go.mod or go.sum changed while ${result.command} ran, so its result was not applied.`;
      this.s.client.log(message);
      if (quiet) return { ok: false, applied: false, message };
      const choice = await this.s.client.ui?.showMessageRequest('warning', `${message} Run it again on the current text?`, ['Retry', 'Cancel']);
      if (choice === 'Retry' && !token?.isCancellationRequested) return this.runGo(uri, action, token, summaryTitle);
      return { ok: false, message };
    }

    // go mod download promises go.sum only: any go.mod change it made would be beyond its title.
    const intent: FixIntent = action.kind === 'tidy' ? { kind: 'tidy' } : { kind: 'get', modules: action.kind === 'get' ? action.modules : [] };
    const edits = describeGoModChange(start.text, matchLineEndings(start.text, result.goMod), intent);
    let sum: GoSumChange | undefined;
    if (result.goSum !== undefined && result.goSum !== (goSum ?? '')) {
      const text = matchLineEndings(goSum ?? '', result.goSum);
      const annotation = { label: goSumChangeLabel(goSum ?? '', text), description: `Checksums for the new requirements (${result.command}).`, needsConfirmation: false };
      sum = sumDoc ? { uri: goSumUri, text, annotation, open: { doc: sumDoc, edits: lineEdits(sumDoc.getText(), text) } } : { uri: goSumUri, text, annotation, onDisk: goSum };
    }
    if (quiet && (edits.length > 0 || !sum)) {
      return fail(`${result.command} ${edits.length > 0 ? 'would change go.mod too' : 'left go.sum as it was'}, so nothing was applied: use Download the checksums to see its result.`);
    }
    if (edits.length === 0 && !sum) {
      const message = `${result.command}: nothing to change, go.mod and go.sum are already as the go command wants them.`;
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    const outcome = await new GoResultApplier(this.s).apply({ doc: now, command: result.command, intent, edits, sum, summaryTitle });
    if (quiet && outcome.applied && action.kind === 'download') {
      this.message('info', `go.sum now has the checksums of ${action.paths.join(', ')}, owed since the text-only version change (${result.command}).`);
    }
    return outcome;
  }

  /** After the user confirms: go env -w GOPRIVATE=<existing>,<pattern>, then check again. */
  private async addGoPrivate(args: Extract<FixArgs, { command: 'addGoPrivate' }>, token?: CancellationToken): Promise<CommandOutcome> {
    const { pattern, uri } = args;
    if (!isValidGoPrivatePattern(pattern)) return this.fail(`${JSON.stringify(pattern)} is not a module path pattern.`);
    const settings = await this.s.settings.for(uri);
    const context = await this.s.context(uri, settings);
    if ('error' in context) return this.fail(context.error);
    if (!context.go) return this.fail('The go command was not found: install Go, or set goModHygiene.goBinary.');
    const { values, source } = context.goEnv;
    const refusal = goPrivateWriteRefusal(values, source, pattern);
    if (refusal) return this.fail(refusal, 'warning');
    const next = withGoPrivate(values.GOPRIVATE, pattern);
    if (next === undefined) {
      const message = `GOPRIVATE (${values.GOPRIVATE}) already covers ${pattern}.`;
      this.message('info', message);
      return { ok: true, applied: false, message };
    }
    const assignment = `GOPRIVATE=${next}`;
    const ui = this.s.client.ui;
    const answer = await ui?.showMessageRequest('warning', `Add ${pattern} to GOPRIVATE? This runs go env -w ${assignment} and changes your Go environment for every project.`, ['Add', 'Cancel']);
    if (answer !== 'Add' || token?.isCancellationRequested) return { ok: false, message: 'GOPRIVATE was not changed.' };
    const cwd = uri.startsWith('file:') ? path.dirname(fileURLToPath(uri)) : tmpdir();
    const r = await context.go.run(['env', '-w', assignment], { cwd, timeoutMs: GO_ENV_TIMEOUT_MS });
    if (!r.ok) return this.fail(explainGoError({ command: `go env -w ${assignment}`, cause: r.cause, code: r.code, stderr: r.stderr, timeoutMs: GO_ENV_TIMEOUT_MS }));
    // GONOPROXY and GONOSUMDB default to GOPRIVATE only while they are unset.
    const shadowed = (['GONOPROXY', 'GONOSUMDB'] as const).filter((k) => values[k] !== '' && source[k] !== 'default');
    const note = shadowed.length > 0 ? ` Note: ${shadowed.join(' and ')} ${shadowed.length > 1 ? 'are' : 'is'} set, and ${shadowed.length > 1 ? 'take' : 'takes'} precedence over GOPRIVATE for ${shadowed.length > 1 ? 'those questions' : 'that question'}.` : '';
    this.message('info', `${assignment} was written to ${values.GOENV}. Checking the modules again.${note}${r.stderr.trim() ? ` (${r.stderr.trim()})` : ''}`);
    this.s.refresh();
    return { ok: true, applied: true };
  }
}
