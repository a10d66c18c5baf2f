// `npm run demo`: the packaged extension in a real VS Code workbench
// (code-server), on a sample workspace where every finding fires, against a
// module proxy of sample modules on 127.0.0.1, and a git server on 127.0.0.1
// for the private module (demoGit.ts). Nothing leaves this machine: GOPROXY
// names only that proxy; the checksum database, toolchain downloads, version
// control other than that server and the extension marketplace are off; any
// other HTTPS request meets a dead proxy on 127.0.0.1:9.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type CodeServer, codeServerEntry, startCodeServer } from '../test/e2e/support/codeServer';
import { REPO_ROOT } from '../test/support/corpus';
import { buildProxyTree } from '../test/support/moduleFixtures';
import { type ProxyServer, startProxyServer } from '../test/support/proxyServer';
import { type DemoGit, PRIVATE_MODULE, startDemoGit } from './demoGit';

const DEMO_SOURCE = path.join(REPO_ROOT, 'examples', 'demo');
const PROXY_FIXTURES = path.join(REPO_ROOT, 'examples', 'demo-proxy');
const VULN_DB = path.join(REPO_ROOT, 'examples', 'demo-vulndb');
const VSIX = path.join(REPO_ROOT, 'go-mod-hygiene.vsix');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'installCodeServer.sh');
/** Kept between runs, so that the workbench's settings and state persist. */
export const DATA_DIR = path.join(REPO_ROOT, '.tools', 'demo-data');
export const PRIVATE_PATTERN = 'git.corp.example';
export const DEFAULT_PORT = 8080;
/** Nothing listens there (the discard port): requests that ignore NO_PROXY fail at once instead of going out. */
const DEAD_PROXY = 'http://127.0.0.1:9';

/** What the workbench looks like on a fresh profile; the user's own changes (kept in DATA_DIR) win. */
const DEMO_SETTINGS: Record<string, unknown> = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'editor.minimap.enabled': false,
  'editor.inlayHints.enabled': 'on',
  // The module proxy listens on 127.0.0.1 too: nothing to forward, and no "Ports" badge.
  'remote.autoForwardPorts': false,
};

export class DemoError extends Error {}

export interface Demo {
  /** Opens the workspace with go.mod in the editor. */
  url: string;
  /** The copy of examples/demo the workbench shows. */
  workspace: string;
  proxyUrl: string;
  /** The git server of the private module. */
  git: Pick<DemoGit, 'gitConfig' | 'forwardProxyUrl'>;
  /** The go command quick fixes use, if one was found. */
  goBinary: string | undefined;
  codeServer: CodeServer;
  stop(): Promise<void>;
}

export interface DemoOptions {
  port?: number;
  /** The packaged extension; default: go-mod-hygiene.vsix, which npm run package writes. */
  vsix?: string;
  /** Where the workspace copy, the workbench's profile and the Go caches live; default DATA_DIR. */
  dataDir?: string;
  /** Extra user settings, over the demo's and the saved ones (for screenshots). */
  userSettings?: Record<string, unknown>;
  log?: (line: string) => void;
}

/** A go command: on PATH, else the one .ci/run installs. */
function findGo(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, 'go'))) return path.join(dir, 'go');
  }
  return existsSync('/usr/lib/go-1.23/bin/go') ? '/usr/lib/go-1.23/bin/go' : undefined;
}

/**
 * The Go world of the demo, for the extension and the go command its quick
 * fixes run. Variables set to undefined are removed from the inherited
 * environment, so the machine's own Go configuration cannot change what the
 * demo shows (GOENV points at a file of the demo's own for the same reason).
 */
export function demoGoEnv(proxyUrl: string, goBinary: string | undefined, dataDir = DATA_DIR, git?: Pick<DemoGit, 'gitConfig' | 'forwardProxyUrl'>): NodeJS.ProcessEnv {
  const goDir = goBinary ? path.dirname(goBinary) : undefined;
  const pathList = process.env.PATH ?? '/usr/bin:/bin';
  return {
    GOPROXY: proxyUrl,
    GOPRIVATE: PRIVATE_PATTERN,
    // The demo's own vulnerability database, read from disk (invented entries, like the modules).
    GOVULNDB: pathToFileURL(VULN_DB).href,
    GONOPROXY: undefined,
    GONOSUMDB: undefined,
    GOWORK: undefined,
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    // The private module comes from the demo's git server, over plain http on 127.0.0.1 (GOINSECURE):
    // git for it, no version control for anything else.
    GOVCS: git ? `${PRIVATE_PATTERN}:git,*:off` : '*:off',
    GOINSECURE: git ? PRIVATE_PATTERN : undefined,
    GIT_CONFIG_GLOBAL: git?.gitConfig,
    GIT_CONFIG_NOSYSTEM: git ? '1' : undefined,
    GOFLAGS: '-mod=mod',
    GOENV: path.join(dataDir, 'go.env'),
    GOMODCACHE: path.join(dataDir, 'gomodcache'),
    // The extension's disk cache of proxy answers, and the go build cache.
    XDG_CACHE_HOME: path.join(dataDir, 'cache'),
    // Plain http only for the meta tag of the private module (GOINSECURE), which the forward proxy answers from the git server.
    HTTP_PROXY: git?.forwardProxyUrl ?? DEAD_PROXY,
    HTTPS_PROXY: DEAD_PROXY,
    http_proxy: git?.forwardProxyUrl ?? DEAD_PROXY,
    https_proxy: DEAD_PROXY,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    // An empty gallery turns the marketplace off (code-server's default is open-vsx.org).
    EXTENSIONS_GALLERY: '{}',
    PATH: goDir && !pathList.split(path.delimiter).includes(goDir) ? `${goDir}${path.delimiter}${pathList}` : pathList,
  };
}

/**
 * What `check` reads of the demo's Go world: its proxy and private pattern,
 * its flags, workspace mode, not the machine's own go env file, and the way
 * to the git server of the private module (for the go command and git). Empty
 * values stand for the variables the demo removes (Go reads an empty variable
 * as unset, and then looks in GOENV, which is the demo's own).
 */
const CHECK_ENV_KEYS = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GOFLAGS', 'GOWORK', 'GOTOOLCHAIN', 'GOENV', 'GOVULNDB', 'GOVCS', 'GOINSECURE', 'GOSUMDB', 'GOMODCACHE', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_NOSYSTEM', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'] as const;

/** A word for a POSIX shell: as it is when it is plain, else single-quoted, inside which only ' needs care. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export interface PastableCommand {
  /** The program (an absolute node) and its arguments. */
  argv: string[];
  /** Set on top of the pasting shell's environment. */
  env: Record<string, string>;
  /** The line to paste: `env NAME=value ... node cli.js check ...`, every word quoted. */
  text: string;
}

/**
 * The `check` of the workspace copy the workbench edits, with the demo's Go
 * settings: absolute paths only, so it runs the same from the workbench's
 * terminal, the repository or anywhere else. `env` runs it in any shell, not
 * only those that take NAME=value before a command.
 */
export function checkCommand(workspace: string, proxyUrl: string, goBinary: string | undefined, dataDir = DATA_DIR, git?: Pick<DemoGit, 'gitConfig' | 'forwardProxyUrl'>): PastableCommand {
  const goEnv = demoGoEnv(proxyUrl, goBinary, dataDir, git);
  const env = Object.fromEntries(CHECK_ENV_KEYS.map((k) => [k, goEnv[k] ?? '']));
  // --no-cache: the proxy's port changes every run, so answers kept from an earlier one are of no use.
  const argv = [process.execPath, path.join(REPO_ROOT, 'dist', 'cli.js'), 'check', '--no-cache', path.resolve(workspace)];
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${v === '' ? "''" : shellQuote(v)}`);
  return { argv, env, text: ['env', ...assignments, ...argv.map(shellQuote)].join(' ') };
}

/** code-server is installed once by test/e2e/installCodeServer.sh (npm registry and Debian packages). */
function ensureCodeServer(log: (line: string) => void): void {
  if (codeServerEntry()) return;
  log('code-server is not installed yet: installing it once with test/e2e/installCodeServer.sh');
  log('(this needs the npm registry, and sudo if Debian packages are missing; the demo itself stays offline).');
  const r = spawnSync('bash', [INSTALL_SCRIPT], { stdio: 'inherit' });
  if (r.status !== 0 || !codeServerEntry()) {
    throw new DemoError(`code-server could not be installed (${INSTALL_SCRIPT} failed). Run it by hand to see why, then run npm run demo again.`);
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** The wanted port, else the next free one of the following ten, else any free port (0). */
async function pickPort(wanted: number, log: (line: string) => void): Promise<number> {
  if (wanted === 0 || (await portIsFree(wanted))) return wanted;
  for (let p = wanted + 1; p <= wanted + 10 && p <= 65535; p++) {
    if (await portIsFree(p)) {
      log(`Port ${wanted} is in use; using ${p} instead (choose another with --port N).`);
      return p;
    }
  }
  log(`Ports ${wanted}-${wanted + 10} are in use; using a free port chosen by the system (choose one with --port N).`);
  return 0;
}

/** The saved user settings, so that what the user changed in the workbench survives the next run. */
function savedSettings(settingsFile: string, log: (line: string) => void): Record<string, unknown> {
  if (!existsSync(settingsFile)) return {};
  try {
    return JSON.parse(readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    // Comments or a trailing comma: keep a copy rather than lose it when the file is rewritten.
    cpSync(settingsFile, `${settingsFile}.bak`);
    log(`${settingsFile} is not plain JSON; it was copied to settings.json.bak and the demo's defaults are used.`);
    return {};
  }
}

/** Escapes what a query value needs, keeping "/", ":", "," and brackets readable in the printed URL. */
function queryValue(s: string): string {
  return encodeURIComponent(s).replace(/%(2F|3A|2C|5B|5D)/g, (m) => decodeURIComponent(m));
}

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const vsix = path.resolve(opts.vsix ?? VSIX);
  if (!existsSync(vsix)) throw new DemoError(`${vsix} is missing: run npm run package first (npm run demo does both).`);
  ensureCodeServer(log);

  const scratch = mkdtempSync(path.join(tmpdir(), 'gmh-demo-'));
  let proxy: ProxyServer | undefined;
  let git: DemoGit | undefined;
  try {
    const tree = buildProxyTree([PROXY_FIXTURES], path.join(scratch, 'proxy'));
    proxy = await startProxyServer({ root: tree.root });
    git = await startDemoGit(scratch);

    // A fresh copy each run: quick fixes and edits never touch examples/demo.
    const dataDir = path.resolve(opts.dataDir ?? DATA_DIR);
    const workspace = path.join(dataDir, 'demo');
    rmSync(workspace, { recursive: true, force: true });
    cpSync(DEMO_SOURCE, workspace, { recursive: true });
    // The proxy's port changes every run, so earlier answers are of no use.
    rmSync(path.join(dataDir, 'cache', 'go-mod-hygiene'), { recursive: true, force: true });

    const goBinary = findGo();
    const profile = path.join(dataDir, 'code-server');
    const saved = savedSettings(path.join(profile, 'user-data', 'User', 'settings.json'), log);
    const port = await pickPort(opts.port ?? DEFAULT_PORT, log);
    log('Starting code-server with the freshly packaged extension...');
    const codeServer = await startCodeServer({
      folder: workspace,
      dataDir: profile,
      vsix,
      port,
      userSettings: { ...DEMO_SETTINGS, ...saved, ...opts.userSettings },
      env: demoGoEnv(proxy.url, goBinary, dataDir, git),
    });
    const fileUri = `vscode-remote://${new URL(codeServer.url).host}${path.join(workspace, 'go.mod')}`;
    const running = proxy;
    const runningGit = git;
    return {
      // The workbench's own "payload" parameter opens go.mod once the folder is loaded.
      url: `${codeServer.url}/?folder=${queryValue(workspace)}&payload=${queryValue(JSON.stringify([['openFile', fileUri]]))}`,
      workspace,
      proxyUrl: proxy.url,
      git,
      goBinary,
      codeServer,
      async stop() {
        await codeServer.stop();
        await Promise.all([running.close(), runningGit.close()]);
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await Promise.all([proxy?.close(), git?.close()]);
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

const USAGE = 'usage: npm run demo -- [--port N] [--vsix FILE]   (port 8080 by default, or the next free one)';

/** `--port N` (0: any free port) and `--vsix FILE`, as `--flag value` or `--flag=value`. */
export function parseDemoArgs(argv: string[], usage = USAGE): { port: number; vsix?: string } {
  const out: { port: number; vsix?: string } = { port: DEFAULT_PORT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(usage);
      process.exit(0);
    }
    const m = /^--(port|vsix)(?:=(.*))?$/.exec(a);
    if (!m) throw new DemoError(`unknown argument ${a} (${usage})`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new DemoError(`--${m[1]} needs a value (${usage})`);
    if (m[1] === 'vsix') out.vsix = value;
    else {
      out.port = Number(value);
      if (!/^\d+$/.test(value) || out.port > 65535) throw new DemoError(`--port wants a port number (0-65535), not ${JSON.stringify(value)}`);
    }
  }
  return out;
}

function shown(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  // Handled from the start: code-server runs in its own process group, so a
  // Ctrl+C during startup must not end this process before it is stopped too.
  let demo: Demo | undefined;
  let stopping = false;
  const stop = () =>
    demo!.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(`demo: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(s, () => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${s}: stopping code-server, the module proxy and the git server...`);
      if (demo) void stop();
    });
  }
  demo = await startDemo(args);
  if (stopping) return void stop();

  const check = checkCommand(demo.workspace, demo.proxyUrl, demo.goBinary, undefined, demo.git);
  console.log(`
Go Module Hygiene demo: open this URL in a browser

    ${demo.url}

The workspace is a fresh copy of examples/demo (${shown(demo.workspace)}): each line of its go.mod
shows one finding. Hover module paths and versions; the Problems panel lists the findings; quick fixes
(Ctrl+.) run the go command${demo.goBinary ? ` (${demo.goBinary})` : ', which was not found: install Go to try them'}; they get past the red lines and say which ones they left alone.
Module proxy: ${demo.proxyUrl} (sample modules from examples/demo-proxy; nothing else is contacted).
Company git: the private module ${PRIVATE_MODULE} (GOPRIVATE=${PRIVATE_PATTERN}) comes from a git server on 127.0.0.1,
found through its go-import meta tag, never through the proxy.
Vulnerability database: examples/demo-vulndb (invented entries, read from disk).

The command line reports the same findings on that copy (its go.work and each module it uses) while the
demo runs; paste this into any terminal, the workbench's included (exit status 1: the sample has errors):

${check.text}

Press Ctrl+C to stop.`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof DemoError ? `demo: ${e.message}` : e);
    process.exit(1);
  });
}
