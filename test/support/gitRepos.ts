// Bare git repositories built from a description, for tests of modules that
// the go command fetches from version control (GOPRIVATE, GOPROXY=direct).
// Authors, committers and dates are fixed, so commit hashes, and with them
// pseudo-versions, are the same on every run and every machine. The history is
// written with one `git fast-import`, in an environment that reads no
// configuration of the machine or the user.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The made-up host of the corporate modules; never resolved, see gitServer.ts. */
export const CORP_HOST = 'git.corp.example';

export interface TagDescription {
  name: string;
  /** With a message and tagger date, an annotated tag; otherwise a lightweight one. */
  annotated?: { date: string; message?: string };
}

export interface CommitDescription {
  /**
   * Changes on top of the previous commit's tree: path → content, null deletes.
   * The first commit starts from an empty tree.
   */
  files: Record<string, string | null>;
  /** ISO 8601; author and committer date alike (the go command uses the committer date). */
  date: string;
  message?: string;
  /** Tags on this commit: a string is a lightweight tag. */
  tags?: (string | TagDescription)[];
}

export interface RepoDescription {
  /** The URL path under the server root, which is also the directory: `team/lib.git` or `team/lib`. */
  name: string;
  /** On the default branch (main), oldest first; HEAD is the last. */
  commits: CommitDescription[];
  /** Basic auth the git server demands for this repository. */
  auth?: { user: string; password: string };
  /**
   * The import path prefix the git server announces in `?go-get=1` meta tags for
   * this repository, so that module paths without `.git` can be found.
   */
  goImport?: string;
}

export interface BareRepo {
  name: string;
  dir: string;
  /** In the order described. */
  commits: { hash: string; date: string }[];
  /** Tag name → the hash of the commit it is on. */
  tags: Record<string, string>;
}

const AUTHOR = 'Corp Dev <dev@corp.example>';
const COMMITTER = 'Corp CI <ci@corp.example>';

/** Creates `root/<name>` as a bare repository holding the described history. */
export function makeBareRepo(root: string, desc: RepoDescription): BareRepo {
  const dir = path.join(path.resolve(root), desc.name);
  if (!dir.startsWith(path.resolve(root) + path.sep)) throw new Error(`repository name outside the root: ${desc.name}`);
  if (desc.commits.length === 0) throw new Error(`${desc.name}: a repository needs at least one commit`);
  const home = mkdtempSync(path.join(tmpdir(), 'gmh-gitrepo-'));
  try {
    const env = builderEnv(home);
    mkdirSync(path.dirname(dir), { recursive: true });
    git(env, ['init', '--quiet', '--bare', '--initial-branch=main', dir]);
    const marks = path.join(home, 'marks');
    git(env, ['--git-dir', dir, 'fast-import', '--quiet', '--done', `--export-marks=${marks}`], fastImportStream(desc));
    const byMark = new Map<string, string>();
    for (const line of readFileSync(marks, 'utf8').split('\n')) {
      const [mark, hash] = line.split(' ');
      if (hash) byMark.set(mark, hash);
    }
    const commits = desc.commits.map((c, i) => ({ hash: byMark.get(`:${i + 1}`) ?? '', date: new Date(c.date).toISOString() }));
    const tags: Record<string, string> = {};
    desc.commits.forEach((c, i) => {
      for (const t of c.tags ?? []) tags[typeof t === 'string' ? t : t.name] = commits[i].hash;
    });
    return { name: desc.name, dir, commits, tags };
  } finally {
    rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  }
}

export function makeBareRepos(root: string, descs: RepoDescription[]): Map<string, BareRepo> {
  return new Map(descs.map((d) => [d.name, makeBareRepo(root, d)]));
}

/** git with nothing of the machine: its own HOME and global config, no system config. */
function builderEnv(home: string): NodeJS.ProcessEnv {
  const config = path.join(home, 'gitconfig');
  writeFileSync(config, '[core]\n\tautocrlf = false\n[gc]\n\tauto = 0\n');
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    GIT_CONFIG_GLOBAL: config,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    TZ: 'UTC',
  };
}

function git(env: NodeJS.ProcessEnv, args: string[], input?: Buffer): void {
  try {
    execFileSync('git', args, { env, input, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (err) {
    const stderr = (err as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`git ${args.join(' ')}: ${stderr || String(err)}`);
  }
}

/**
 * The whole history as one fast-import stream: commit i is mark :i+1, each lists
 * its full tree (deleteall, then every file), tags follow their commit.
 */
function fastImportStream(desc: RepoDescription): Buffer {
  const parts: Buffer[] = [];
  const text = (s: string) => parts.push(Buffer.from(s, 'utf8'));
  const data = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    text(`data ${b.length}\n`);
    parts.push(b);
    text('\n');
  };
  const tree = new Map<string, string>();
  const seenTags = new Set<string>();
  desc.commits.forEach((c, i) => {
    for (const [p, content] of Object.entries(c.files)) {
      if (!/^[^\s"\\][^\n"\\]*$/.test(p) || p.split('/').some((e) => e === '' || e === '.' || e === '..')) throw new Error(`${desc.name}: unusable file path ${JSON.stringify(p)}`);
      if (content === null) tree.delete(p);
      else tree.set(p, content);
    }
    const when = `${unixSeconds(c.date, desc.name)} +0000`;
    text(`commit refs/heads/main\nmark :${i + 1}\nauthor ${AUTHOR} ${when}\ncommitter ${COMMITTER} ${when}\n`);
    data(c.message ?? `commit ${i + 1}`);
    if (i > 0) text(`from :${i}\n`);
    text('deleteall\n');
    for (const [p, content] of [...tree].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      text(`M 100644 inline ${p}\n`);
      data(content);
    }
    text('\n');
    for (const t of c.tags ?? []) {
      const tag = typeof t === 'string' ? { name: t } : t;
      if (seenTags.has(tag.name)) throw new Error(`${desc.name}: tag ${tag.name} given twice`);
      seenTags.add(tag.name);
      if (tag.annotated) {
        text(`tag ${tag.name}\nfrom :${i + 1}\ntagger ${COMMITTER} ${unixSeconds(tag.annotated.date, desc.name)} +0000\n`);
        data(tag.annotated.message ?? `release ${tag.name}`);
      } else {
        text(`reset refs/tags/${tag.name}\nfrom :${i + 1}\n\n`);
      }
    }
  });
  text('done\n');
  return Buffer.concat(parts);
}

function unixSeconds(iso: string, repo: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`${repo}: not a date: ${iso}`);
  return Math.floor(ms / 1000);
}

/** The pseudo-version the go command gives an untagged commit with no tagged ancestor: v0.0.0-yyyymmddhhmmss-abcdefabcdef. */
export function basePseudoVersion(commit: { hash: string; date: string }): string {
  const stamp = new Date(commit.date).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `v0.0.0-${stamp}-${commit.hash.slice(0, 12)}`;
}

export type CorpRepoRole = 'multi' | 'tools' | 'retracted' | 'deprecated' | 'nonSemver' | 'untagged' | 'incompatible' | 'secret';

export interface CorpRepo extends RepoDescription {
  /** Every module path the repository holds, root module first. */
  modules: string[];
}

const goMod = (module: string, extra = '') => `module ${module}\n\ngo 1.21\n${extra}`;
const goFile = (pkg: string, body: string) => `package ${pkg}\n\n${body}\n`;

/**
 * The repositories the tests of version-control modules need, under CORP_HOST.
 * Those with `.git` in the name are found by that suffix alone; the others
 * (`goImport`) only through `?go-get=1` meta tags, which for this host the go
 * command reads over plain HTTP through a forward proxy (gitServer.ts).
 */
export function corpRepos(): Record<CorpRepoRole, CorpRepo> {
  const h = CORP_HOST;
  return {
    // Major versions by the major-branch convention: v2 is a go.mod change in the same root.
    multi: {
      name: 'team/multi',
      goImport: `${h}/team/multi`,
      modules: [`${h}/team/multi`, `${h}/team/multi/v2`],
      commits: [
        { date: '2024-01-10T09:00:00Z', files: { 'go.mod': goMod(`${h}/team/multi`), 'multi.go': goFile('multi', 'const Version = "1.0"') }, tags: ['v1.0.0'] },
        { date: '2024-02-10T09:00:00Z', files: { 'multi.go': goFile('multi', 'const Version = "1.1"') }, tags: [{ name: 'v1.1.0', annotated: { date: '2024-02-11T09:00:00Z' } }] },
        { date: '2024-03-10T09:00:00Z', files: { 'multi.go': goFile('multi', 'const Version = "1.2"') }, tags: ['v1.2.0'] },
        { date: '2024-04-10T09:00:00Z', files: { 'go.mod': goMod(`${h}/team/multi/v2`), 'multi.go': goFile('multi', 'const Version = "2.0"') }, tags: [{ name: 'v2.0.0', annotated: { date: '2024-04-10T10:00:00Z' } }] },
        { date: '2024-05-10T09:00:00Z', files: { 'multi.go': goFile('multi', 'const Version = "2.1"') }, tags: ['v2.1.0'] },
      ],
    },
    // A module in a subdirectory, with its own prefixed tags beside the root module's.
    tools: {
      name: 'team/tools.git',
      modules: [`${h}/team/tools.git`, `${h}/team/tools.git/sub`],
      commits: [
        {
          date: '2024-01-15T12:00:00Z',
          files: {
            'go.mod': goMod(`${h}/team/tools.git`),
            'tools.go': goFile('tools', 'func Name() string { return "tools" }'),
            'sub/go.mod': goMod(`${h}/team/tools.git/sub`),
            'sub/sub.go': goFile('sub', 'const Level = 1'),
          },
          tags: ['v1.0.0', 'sub/v0.1.0'],
        },
        { date: '2024-02-15T12:00:00Z', files: { 'sub/sub.go': goFile('sub', 'const Level = 2') }, tags: ['sub/v0.2.0'] },
      ],
    },
    // The latest go.mod retracts a release before it.
    retracted: {
      name: 'team/flaky.git',
      modules: [`${h}/team/flaky.git`],
      commits: [
        { date: '2024-03-01T08:00:00Z', files: { 'go.mod': goMod(`${h}/team/flaky.git`), 'flaky.go': goFile('flaky', 'const N = 0') }, tags: ['v1.0.0'] },
        { date: '2024-03-02T08:00:00Z', files: { 'flaky.go': goFile('flaky', 'const N = 1 +') }, tags: ['v1.0.1'] },
        {
          date: '2024-03-03T08:00:00Z',
          files: { 'go.mod': goMod(`${h}/team/flaky.git`, '\nretract v1.0.1 // broken build\n'), 'flaky.go': goFile('flaky', 'const N = 1') },
          tags: [{ name: 'v1.1.0', annotated: { date: '2024-03-03T09:00:00Z', message: 'v1.1.0: retracts v1.0.1' } }],
        },
      ],
    },
    // The latest go.mod deprecates the module.
    deprecated: {
      name: 'team/oldlog.git',
      modules: [`${h}/team/oldlog.git`],
      commits: [
        { date: '2024-04-01T10:00:00Z', files: { 'go.mod': goMod(`${h}/team/oldlog.git`), 'log.go': goFile('oldlog', 'func Print(string) {}') }, tags: ['v1.0.0'] },
        {
          date: '2024-04-02T10:00:00Z',
          files: { 'go.mod': `// Deprecated: use ${h}/team/newlog instead.\n${goMod(`${h}/team/oldlog.git`)}` },
          tags: ['v1.1.0'],
        },
      ],
    },
    // Tags that are not canonical semantic versions, which the go command does not list.
    nonSemver: {
      name: 'team/odd.git',
      modules: [`${h}/team/odd.git`],
      commits: [
        { date: '2024-05-01T07:00:00Z', files: { 'go.mod': goMod(`${h}/team/odd.git`), 'odd.go': goFile('odd', 'const A = 1') }, tags: ['v1.0.0'] },
        { date: '2024-05-02T07:00:00Z', files: { 'odd.go': goFile('odd', 'const A = 2') }, tags: ['release-2024', 'v1.2'] },
        { date: '2024-05-03T07:00:00Z', files: { 'odd.go': goFile('odd', 'const A = 3') } },
      ],
    },
    // No tags at all: only pseudo-versions.
    untagged: {
      name: 'team/scratch.git',
      modules: [`${h}/team/scratch.git`],
      commits: [
        { date: '2024-06-01T06:30:00Z', files: { 'go.mod': goMod(`${h}/team/scratch.git`), 'scratch.go': goFile('scratch', 'const Draft = 1') } },
        { date: '2024-06-02T06:30:00Z', files: { 'scratch.go': goFile('scratch', 'const Draft = 2') } },
      ],
    },
    // No go.mod anywhere, so a v2 tag is the version v2.0.0+incompatible of the unsuffixed path.
    incompatible: {
      name: 'team/legacy.git',
      modules: [`${h}/team/legacy.git`],
      commits: [
        { date: '2023-01-01T00:00:00Z', files: { 'legacy.go': goFile('legacy', 'const Gen = 1') }, tags: ['v1.0.0'] },
        { date: '2023-06-01T00:00:00Z', files: { 'legacy.go': goFile('legacy', 'const Gen = 2') }, tags: ['v2.0.0'] },
      ],
    },
    // Only with Basic credentials; found through meta tags so that git's own error reaches the go command's output.
    secret: {
      name: 'team/secret',
      goImport: `${h}/team/secret`,
      auth: { user: 'ci-bot', password: 'corp-token-1' },
      modules: [`${h}/team/secret`],
      commits: [
        { date: '2024-07-01T11:00:00Z', files: { 'go.mod': goMod(`${h}/team/secret`), 'secret.go': goFile('secret', 'const Key = "k1"') }, tags: ['v1.0.0'] },
        { date: '2024-07-02T11:00:00Z', files: { 'secret.go': goFile('secret', 'const Key = "k2"') }, tags: ['v1.0.1'] },
      ],
    },
  };
}
