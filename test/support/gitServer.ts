// A git server over loopback HTTP for modules that the go command fetches from
// version control: git's smart HTTP protocol, by running `git http-backend`
// as a CGI program for each request, per-repository Basic auth, and the
// `?go-get=1` meta tags (go.dev/ref/mod#vcs-find) that let module paths without
// a `.git` suffix be found. corpGitEnv() gives the go command and git the
// environment in which `git.corp.example` is this server.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import { devNull } from 'node:os';
import * as path from 'node:path';
import { disableGoTelemetry } from './goList';
import { CORP_HOST, type RepoDescription } from './gitRepos';
import { cancellableSleeps, startLoopbackServer } from './loopbackServer';

export interface GitRequest {
  method: string;
  /** The decoded URL path, e.g. /team/lib.git/info/refs or /team/lib/v2. */
  path: string;
  /** The raw query string without "?": "service=git-upload-pack", "go-get=1" or "". */
  query: string;
  /** The Git-Protocol header: "version=2" when git speaks protocol v2. */
  gitProtocol?: string;
  /** Set when the request carried credentials this server accepted. */
  user?: string;
  /** The status answered (undefined while the response is under way). */
  status?: number;
  time: number;
}

export interface GitServer {
  /** http://127.0.0.1:PORT, what `https://git.corp.example/` is rewritten to. */
  url: string;
  port: number;
  requests: GitRequest[];
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export interface GitServerOptions {
  /** The directory holding the bare repositories (GIT_PROJECT_ROOT), as makeBareRepo made them. */
  root: string;
  /** Which repositories need credentials, and which import prefixes to announce. */
  repos: Pick<RepoDescription, 'name' | 'auth' | 'goImport'>[];
  /** Delay before each response, for benchmarks. */
  latencyMs?: number;
}

export async function startGitServer(opts: GitServerOptions): Promise<GitServer> {
  const root = path.resolve(opts.root);
  const requests: GitRequest[] = [];
  const sleeps = cancellableSleeps();
  const sleep = sleeps.sleep;
  const children = new Set<ReturnType<typeof spawn>>();
  // Longest name first, so that team/lib/extra wins over team/lib.
  const repos = [...opts.repos].sort((a, b) => b.name.length - a.name.length);
  let latencyMs = opts.latencyMs ?? 0;
  let closed = false;


  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    const q = raw.indexOf('?');
    const query = q < 0 ? '' : raw.slice(q + 1);
    let p: string;
    try {
      p = decodeURIComponent(q < 0 ? raw : raw.slice(0, q));
    } catch {
      return sendText(res, 400, 'bad path\n');
    }
    const entry: GitRequest = { method: req.method ?? '', path: p, query, time: Date.now() };
    const gitProtocol = req.headers['git-protocol'];
    if (typeof gitProtocol === 'string') entry.gitProtocol = gitProtocol;
    requests.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    if (latencyMs > 0) await sleep(latencyMs);
    if (closed) return;
    if (p.split('/').some((e) => e === '..' || e === '.')) return sendText(res, 400, 'bad path\n');

    if (new URLSearchParams(query).get('go-get') === '1') return sendMeta(res, p);

    // The go command drops the .git of a module path when it names the repository
    // (https://git.corp.example/team/lib for git.corp.example/team/lib.git), as hosting sites allow.
    const found = repoFor(p);
    if (!found) return sendText(res, 404, 'repository not found\n');
    const { repo, rest } = found;
    if (repo.auth) {
      const user = basicUser(req, repo.auth);
      if (user === undefined) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="corp"', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('authentication required\n');
        return;
      }
      entry.user = user;
    }
    await runBackend(req, res, `/${repo.name}${rest}`, query, entry);
  }

  function repoFor(p: string): { repo: GitServerOptions['repos'][number]; rest: string } | undefined {
    for (const repo of repos) {
      for (const name of new Set([repo.name, repo.name.replace(/\.git$/, '')])) {
        if (p === `/${name}` || p.startsWith(`/${name}/`)) return { repo, rest: p.slice(name.length + 1) };
      }
    }
    return undefined;
  }

  /** The go-import meta tag of the announced prefix that the path is in, as a hosting site answers. */
  function sendMeta(res: ServerResponse, p: string): void {
    // The longest announced prefix wins, so that team/lib/extra can be a repository of its own.
    const pathOf = (goImport: string) => goImport.slice(goImport.indexOf('/'));
    const found = repos
      .filter((r) => r.goImport?.includes('/') && (p === pathOf(r.goImport) || p.startsWith(pathOf(r.goImport) + '/')))
      .sort((a, b) => b.goImport!.length - a.goImport!.length)[0];
    if (!found?.goImport) return sendText(res, 404, 'no go-import meta tag for this path\n');
    const content = `${found.goImport} git https://${CORP_HOST}/${found.name}`;
    const body = `<!DOCTYPE html>\n<html><head>\n<meta name="go-import" content="${content}">\n</head><body>go get ${found.goImport}</body></html>\n`;
    sendText(res, 200, body, 'text/html; charset=utf-8');
  }

  /** One CGI run of `git http-backend` (RFC 3875): request body to stdin, headers then body from stdout. */
  function runBackend(req: IncomingMessage, res: ServerResponse, p: string, query: string, entry: GitRequest): Promise<void> {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: root,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: devNull,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      SERVER_PROTOCOL: `HTTP/${req.httpVersion}`,
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: p,
      QUERY_STRING: query,
      REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    };
    if (req.headers['content-type']) env.CONTENT_TYPE = req.headers['content-type'];
    if (req.headers['content-length']) env.CONTENT_LENGTH = req.headers['content-length'];
    // git sends large POST bodies gzip-compressed; http-backend inflates them when told so.
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = req.headers['content-encoding'];
    // Git-Protocol: version=2 switches upload-pack to protocol v2, as behind a real web server.
    if (entry.gitProtocol !== undefined) env.GIT_PROTOCOL = entry.gitProtocol;
    if (entry.user !== undefined) {
      env.REMOTE_USER = entry.user;
      env.AUTH_TYPE = 'Basic';
    }
    return new Promise<void>((resolve) => {
      const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      children.add(child);
      let stderr = '';
      let head = Buffer.alloc(0);
      let headersDone = false;
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.on('error', () => {});
      req.pipe(child.stdin);
      child.stdout.on('data', (chunk: Buffer) => {
        if (headersDone) {
          if (!res.write(chunk)) {
            child.stdout.pause();
            res.once('drain', () => child.stdout.resume());
          }
          return;
        }
        head = Buffer.concat([head, chunk]);
        const end = headerEnd(head);
        if (!end) return;
        headersDone = true;
        writeCgiHead(res, head.subarray(0, end.at).toString('latin1'));
        const rest = head.subarray(end.at + end.length);
        if (rest.length > 0) res.write(rest);
      });
      child.on('error', (err) => {
        children.delete(child);
        if (!res.headersSent) sendText(res, 500, `git http-backend: ${String(err)}\n`);
        else res.destroy();
        resolve();
      });
      child.on('close', (code) => {
        children.delete(child);
        if (!headersDone) {
          if (!res.headersSent) sendText(res, 500, `git http-backend exited ${code} without a response: ${stderr}\n`);
        } else res.end();
        resolve();
      });
      res.on('close', () => {
        if (child.exitCode === null) child.kill();
      });
    });
  }

  const server = await startLoopbackServer('git test server', handle);

  return {
    url: server.url,
    port: server.port,
    requests,
    setLatency(ms) {
      latencyMs = ms;
    },
    close() {
      closed = true;
      sleeps.cancelAll();
      for (const c of children) c.kill();
      return server.close();
    },
  };
}

function headerEnd(b: Buffer): { at: number; length: number } | undefined {
  const crlf = b.indexOf('\r\n\r\n');
  const lf = b.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf >= 0) return { at: lf, length: 2 };
  return undefined;
}

/** CGI response headers: "Status: 404 Not Found" sets the status, the rest pass through. */
function writeCgiHead(res: ServerResponse, text: string): void {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const name = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  res.writeHead(status, headers);
}

function basicUser(req: IncomingMessage, want: { user: string; password: string }): string | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (m === null || Buffer.from(m[1], 'base64').toString('utf8') !== `${want.user}:${want.password}`) return undefined;
  return want.user;
}

function sendText(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/**
 * The lines of a git configuration in which https://git.corp.example/ is the
 * given server, and only http(s) may run.
 */
export function corpGitConfig(serverUrl: string): string[] {
  const base = serverUrl.replace(/\/*$/, '/');
  return [
    // Every URL form the go command may try for the host leads to the server: https
    // (what .git paths and the meta tags name) and http (tried when it is allowed).
    `[url "${base}"]`,
    `\tinsteadOf = https://${CORP_HOST}/`,
    `\tinsteadOf = http://${CORP_HOST}/`,
    // For `.git` paths the go command pings each scheme in turn (git://, https://,
    // then git+ssh://, ssh://): only http(s) may run, so nothing else is even tried.
    '[protocol]',
    '\tallow = never',
    '[protocol "http"]',
    '\tallow = always',
    '[protocol "https"]',
    '\tallow = always',
    '[init]',
    '\tdefaultBranch = main',
  ];
}

export interface CorpGitEnvOptions {
  /**
   * A forward proxy (forwardProxy.ts) whose target is this server. Module paths
   * without `.git` need it: the go command asks https://git.corp.example/...?go-get=1,
   * and with GOINSECURE, after the https attempt fails on a dead HTTPS_PROXY, asks
   * again over http through HTTP_PROXY, which this proxy answers from the server.
   */
  metaViaProxy?: { url: string };
  /** Written to HOME/.netrc for the host git talks to (127.0.0.1), and for CORP_HOST as users write it. */
  netrc?: { user: string; password: string };
  /** Written to a `git credential-store` file named by credential.helper in the git config. */
  credentialStore?: { user: string; password: string };
  /** For modules that are not private; default "off". */
  goproxy?: string;
}

/**
 * The environment of the go command (and so of the git it runs) in which
 * https://git.corp.example/ is the given server, writing HOME/gitconfig (and
 * .netrc or the credential store if asked). git.corp.example is GOPRIVATE, so
 * the go command fetches it straight from git (GONOPROXY, GONOSUMDB follow
 * GOPRIVATE), with its caches under home.
 */
export function corpGitEnv(home: string, server: Pick<GitServer, 'url'>, opts: CorpGitEnvOptions = {}): NodeJS.ProcessEnv {
  mkdirSync(home, { recursive: true });
  disableGoTelemetry(home);
  const base = server.url.replace(/\/*$/, '/');
  const loopbackHost = new URL(base).hostname;
  const gitconfig = path.join(home, 'gitconfig');
  const lines = corpGitConfig(server.url);
  if (opts.credentialStore) {
    const store = path.join(home, 'git-credentials');
    const { user, password } = opts.credentialStore;
    const u = new URL(base);
    writeFileSync(store, `${u.protocol}//${encodeURIComponent(user)}:${encodeURIComponent(password)}@${u.host}\n`, { mode: 0o600 });
    lines.push('[credential]', `\thelper = store --file=${store}`);
  }
  writeFileSync(gitconfig, lines.join('\n') + '\n');
  if (opts.netrc) {
    // git reads ~/.netrc with no configuration (libcurl's optional netrc) and looks up
    // the host after insteadOf, 127.0.0.1; an entry for git.corp.example alone is not
    // enough. The go command itself reads that one, but sends it over https only.
    const { user, password } = opts.netrc;
    const entries = [loopbackHost, CORP_HOST].map((m) => `machine ${m}\n\tlogin ${user}\n\tpassword ${password}\n`);
    writeFileSync(path.join(home, '.netrc'), entries.join(''), { mode: 0o600 });
  }
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_GLOBAL: gitconfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    // -modcacherw: the module cache is deleted afterwards, and Go makes it read-only otherwise.
    GOFLAGS: '-mod=mod -modcacherw',
    GOPRIVATE: CORP_HOST,
    GONOPROXY: CORP_HOST,
    GONOSUMDB: CORP_HOST,
    GOSUMDB: 'off',
    GOINSECURE: '',
    GOPROXY: opts.goproxy ?? 'off',
    GOVCS: `${CORP_HOST}:git,*:off`,
    GOPATH: path.join(home, 'gopath'),
    GOMODCACHE: path.join(home, 'modcache'),
    GOCACHE: path.join(home, 'gocache'),
    // The go command's own HTTP for the made-up host goes nowhere (port 9 is closed)...
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '127.0.0.1,localhost',
  };
  if (opts.metaViaProxy) {
    // ...unless meta tags are wanted: then plain http is allowed for it, and reaches the server.
    env.GOINSECURE = CORP_HOST;
    env.HTTP_PROXY = opts.metaViaProxy.url;
  }
  return env;
}
