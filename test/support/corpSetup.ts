// The company setup the private-module tests share: the bare repositories of
// corpRepos() served over smart HTTP as git.corp.example, a forward proxy
// that serves their go-import pages, and the loopback module proxy for the
// public requirements beside them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startForwardProxy, type ForwardProxy } from './forwardProxy';
import { type BareRepo, corpRepos, makeBareRepos } from './gitRepos';
import { type GitServer, startGitServer } from './gitServer';
import { buildProxyTree, fixtureModulesDir } from './moduleFixtures';
import { type ProxyServer, startProxyServer } from './proxyServer';

export interface CorpSetup {
  dir: string;
  repos: Map<string, BareRepo>;
  git: GitServer;
  fwd: ForwardProxy;
  proxy: ProxyServer;
  close(): Promise<void>;
}

export async function startCorpSetup(prefix: string): Promise<CorpSetup> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const descs = Object.values(corpRepos());
  const repos = makeBareRepos(path.join(dir, 'repos'), descs);
  const git = await startGitServer({ root: path.join(dir, 'repos'), repos: descs });
  const fwd = await startForwardProxy({ host: '127.0.0.1', port: git.port });
  const proxy = await startProxyServer({ root: buildProxyTree([fixtureModulesDir], path.join(dir, 'proxy')).root });
  return {
    dir, repos, git, fwd, proxy,
    async close() {
      await Promise.all([git.close(), fwd.close(), proxy.close()]);
      rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
    },
  };
}
