// The demo's company git server: the private module git.corp.example/acme/billing
// lives in a bare git repository served over smart HTTP on 127.0.0.1, as a
// company's git host would serve it: the go-import meta tag at
// git.corp.example/acme/billing?go-get=1 (answered through a forward proxy on
// 127.0.0.1, GOINSECURE allowing plain http) names the repository
// https://git.corp.example/acme/billing, which git's url.insteadOf maps to the
// local server. Nothing leaves the machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { type ForwardProxy, startForwardProxy } from '../test/support/forwardProxy';
import { makeBareRepo, type RepoDescription } from '../test/support/gitRepos';
import { corpGitConfig, type GitServer, startGitServer } from '../test/support/gitServer';

export const PRIVATE_MODULE = 'git.corp.example/acme/billing';

export interface DemoGit {
  /** The git configuration file (GIT_CONFIG_GLOBAL) that maps the company's host to the server. */
  gitConfig: string;
  /** HTTP_PROXY for the go command's meta-tag request. */
  forwardProxyUrl: string;
  close(): Promise<void>;
}

const source = (release: string) => `package billing\n\n// Release is the version of this package.\nconst Release = "${release}"\n`;

/** Two releases: the demo's go.mod requires the first, so the hint shows the second. */
const BILLING: RepoDescription = {
  name: 'acme/billing',
  goImport: PRIVATE_MODULE,
  commits: [
    { date: '2024-07-01T00:00:00Z', files: { 'go.mod': `module ${PRIVATE_MODULE}\n\ngo 1.21\n`, 'billing.go': source('v1.3.0') }, tags: ['v1.3.0'] },
    { date: '2024-09-02T00:00:00Z', files: { 'billing.go': source('v1.4.0') }, tags: ['v1.4.0'] },
  ],
};

export async function startDemoGit(scratch: string): Promise<DemoGit> {
  const root = path.join(scratch, 'git');
  mkdirSync(root, { recursive: true });
  makeBareRepo(root, BILLING);
  const git: GitServer = await startGitServer({ root, repos: [BILLING] });
  let fwd: ForwardProxy | undefined;
  try {
    fwd = await startForwardProxy({ host: '127.0.0.1', port: git.port });
    const gitConfig = path.join(scratch, 'gitconfig');
    writeFileSync(gitConfig, corpGitConfig(git.url).join('\n') + '\n');
    const proxy = fwd;
    return { gitConfig, forwardProxyUrl: fwd.url, close: async () => void (await Promise.all([git.close(), proxy.close()])) };
  } catch (e) {
    await Promise.all([git.close(), fwd?.close()]);
    throw e;
  }
}
