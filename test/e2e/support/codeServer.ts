// Starts code-server (installed by test/e2e/installCodeServer.sh): the real VS
// Code workbench served to a browser, with a Node extension host on this
// machine, so an installed .vsix runs exactly as in desktop VS Code.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/corpus';

export const CODE_SERVER_VERSION = '4.100.3';

const TOOLS_DIR = path.join(REPO_ROOT, '.tools', 'code-server');

/** Path of code-server's entry.js when installed by installCodeServer.sh, else undefined. */
export function codeServerEntry(): string | undefined {
  const entry = path.join(TOOLS_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  let marker = '';
  try {
    marker = readFileSync(path.join(TOOLS_DIR, '.installed'), 'utf8').trim();
  } catch {
    return undefined;
  }
  return marker === CODE_SERVER_VERSION && existsSync(entry) ? entry : undefined;
}

export interface CodeServerOptions {
  folder: string; // workspace folder to open
  dataDir: string; // parent dir for user-data and extensions dirs (created)
  vsix?: string; // installed with --install-extension before starting
  port?: number; // 0 or undefined = a free port
  userSettings?: Record<string, unknown>; // merged over DEFAULT_SETTINGS into <user-data>/User/settings.json
  env?: NodeJS.ProcessEnv; // extra environment for code-server and its extension host
}

export interface CodeServer {
  url: string;
  folderUrl: string;
  stop(): Promise<void>;
  output(): string;
}

/**
 * A quiet, predictable workbench: nothing takes focus from the editor (welcome
 * page, walkthroughs, tips, trust prompt), and nothing phones home.
 */
const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.autoSave': 'off',
};

const START_DEADLINE_MS = 60_000;
const INSTALL_DEADLINE_MS = 120_000;
const STOP_DEADLINE_MS = 10_000;

function runtimeEnv(extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // An undefined value in `extra` removes the variable.
  for (const [k, v] of Object.entries({ ...process.env, ...extra })) if (v !== undefined) env[k] = v;
  return env;
}

function installExtension(entry: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [entry, ...args], { env, timeout: INSTALL_DEADLINE_MS, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`;
      if (err) reject(new Error(`code-server --install-extension failed: ${err.message}\n${out}`));
      else resolve(out);
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000), redirect: 'manual' });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends code-server and everything it started (extension host, language server, go): they share its process group. */
async function stopGroup(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + STOP_DEADLINE_MS;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) signal('SIGKILL');
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const entry = codeServerEntry();
  if (!entry) throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed: run test/e2e/installCodeServer.sh`);
  const userDataDir = path.join(opts.dataDir, 'user-data');
  const extensionsDir = path.join(opts.dataDir, 'extensions');
  const configFile = path.join(opts.dataDir, 'config.yaml');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...opts.userSettings }, null, 2));
  // Our own config file: otherwise code-server writes one (with a password) under ~/.config.
  writeFileSync(configFile, 'auth: none\n');
  const env = runtimeEnv(opts.env);
  const dirs = ['--config', configFile, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  let log = '';
  if (opts.vsix) log += await installExtension(entry, [...dirs, '--install-extension', opts.vsix, '--force'], env);

  const args = [
    entry, ...dirs,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--disable-proxy',
    '--ignore-last-opened',
    opts.folder,
  ];
  // Its own process group, so that stop() ends every process it starts.
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  let exited: string | undefined;
  child.on('exit', (code, sig) => (exited = `code-server exited (${sig ?? code})`));
  child.on('error', (e) => (exited = `code-server did not start: ${e.message}`));

  const server: CodeServer = {
    url: '',
    folderUrl: '',
    stop: () => stopGroup(child),
    output: () => log,
  };
  try {
    const deadline = Date.now() + START_DEADLINE_MS;
    // With port 0 the only way to learn the port is code-server's own log line.
    let port: string | undefined;
    while (Date.now() < deadline && !exited) {
      port ??= /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port) {
        server.url = `http://127.0.0.1:${port}`;
        server.folderUrl = `${server.url}/?folder=${encodeURIComponent(opts.folder)}`;
        if (await answers(server.folderUrl)) return server;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${exited ?? `code-server did not answer within ${START_DEADLINE_MS / 1000} s`}\n${log}`);
  } catch (e) {
    await server.stop();
    throw e;
  }
}
