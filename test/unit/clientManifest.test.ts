// The VS Code side, checked without VS Code: every setting the server reads is
// contributed with the type, default and bounds the server applies; every
// finding code can be configured; every command is contributed, registered by
// the client and never collides with a server command; restricted mode
// protects the settings that change the network or the go binary.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SEVERITY, FINDING_CODES } from '../../server/src/core/rules/finding';
import { sanitizeSettings } from '../../server/src/lsp/session/settings';
import { REPO_ROOT } from '../support/corpus';
import { CLIENT_COMMANDS } from '../../client/src/commandIds';
import { SERVER_COMMANDS, type StatusReport } from '../../shared/protocol';

const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const props: Record<string, any> = pkg.contributes.configuration.properties;
const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

function sources(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) {
      const p = path.join(e.parentPath, e.name);
      out.set(path.relative(REPO_ROOT, p), readFileSync(p, 'utf8'));
    }
  }
  return out;
}
const clientSources = sources(path.join(REPO_ROOT, 'client', 'src'));
const serverSources = sources(path.join(REPO_ROOT, 'server', 'src'));
const clientText = [...clientSources.values()].join('\n');

/** The `goModHygiene` section VS Code sends when the user has set nothing: the manifest defaults, nested. */
function manifestDefaults(): Record<string, unknown> {
  const out: Record<string, any> = {};
  for (const [key, p] of Object.entries(props)) {
    const parts = key.split('.').slice(1);
    let at = out;
    for (const part of parts.slice(0, -1)) at = at[part] ??= {};
    at[parts[parts.length - 1]] = p.default;
  }
  return out;
}

test('every goModHygiene setting the server reads is contributed, and nothing it does not read', () => {
  const text = readFileSync(path.join(REPO_ROOT, 'server', 'src', 'lsp', 'session', 'settings.ts'), 'utf8');
  const body = text.slice(text.indexOf('export function sanitizeSettings'));
  const read = new Set([
    ...[...body.matchAll(/\bo\.(\w+)/g)].map((m) => `goModHygiene.${m[1]}`),
    ...[...body.matchAll(/\bhints\.(\w+)/g)].map((m) => `goModHygiene.inlayHints.${m[1]}`),
  ]);
  read.delete('goModHygiene.inlayHints'); // the object the hints are read from
  assert.ok(read.size >= 12, `sanitizeSettings reads ${[...read].join(', ')}`);
  // Read by the client only: the language client's trace, and whether to defer to gopls (client/src/goExtension.ts).
  const clientOnly = ['goModHygiene.trace.server', 'goModHygiene.goExtension'];
  const contributed = new Set(Object.keys(props).filter((k) => !clientOnly.includes(k)));
  assert.deepEqual([...contributed].sort(), [...read].sort());
});

test('each setting has the type, default and bounds the server applies, and is documented', () => {
  const expected: Record<string, { type: string; default: unknown }> = {
    'goModHygiene.checkForUpdates': { type: 'boolean', default: true },
    'goModHygiene.majorVersions': { type: 'boolean', default: true },
    'goModHygiene.offline': { type: 'boolean', default: false },
    'goModHygiene.concurrency': { type: 'integer', default: 64 },
    'goModHygiene.goBinary': { type: 'string', default: '' },
    'goModHygiene.env': { type: 'object', default: {} },
    'goModHygiene.inlayHints.updates': { type: 'boolean', default: true },
    'goModHygiene.inlayHints.majors': { type: 'boolean', default: true },
    'goModHygiene.inlayHints.retracted': { type: 'boolean', default: true },
    'goModHygiene.inlayHints.deprecated': { type: 'boolean', default: true },
    'goModHygiene.inlayHints.upToDate': { type: 'boolean', default: false },
    'goModHygiene.diagnostics': { type: 'object', default: {} },
    'goModHygiene.debounceMs': { type: 'integer', default: 400 },
  };
  for (const [key, want] of Object.entries(expected)) {
    const p = props[key];
    assert.ok(p, `${key} is contributed`);
    assert.equal(p.type, want.type, key);
    assert.deepEqual(p.default, want.default, key);
    assert.ok(typeof p.markdownDescription === 'string' && p.markdownDescription.length > 30, `${key} is documented`);
  }
  // The manifest defaults mean exactly what the server does when nothing is set.
  assert.deepEqual(sanitizeSettings(manifestDefaults(), {}), sanitizeSettings({}, {}));
  // Integer bounds are the server's clamps.
  for (const key of ['concurrency', 'debounceMs'] as const) {
    const p = props[`goModHygiene.${key}`];
    assert.equal(sanitizeSettings({ [key]: -1e9 }, {})[key], p.minimum, `${key} minimum`);
    assert.equal(sanitizeSettings({ [key]: 1e9 }, {})[key], p.maximum, `${key} maximum`);
  }
  assert.equal(props['goModHygiene.goBinary'].scope, 'machine-overridable');
  assert.deepEqual(props['goModHygiene.env'].additionalProperties, { type: 'string' });
  // The official Go extension's settings that the server honours are named where they apply.
  assert.match(props['goModHygiene.env'].markdownDescription, /go\.toolsEnvVars/);
  assert.match(props['goModHygiene.goBinary'].markdownDescription, /go\.alternateTools/);
  for (const name of ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GOFLAGS', 'NETRC', 'NO_PROXY']) assert.match(props['goModHygiene.env'].markdownDescription, new RegExp(name));
});

test('goModHygiene.env accepts exactly the variable names the server uses', () => {
  const pattern = new RegExp(props['goModHygiene.env'].propertyNames.pattern);
  const names = ['GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOFLAGS', 'GOTOOLCHAIN', 'GO111MODULE', 'CGO_ENABLED', 'HTTP_PROXY',
    'HTTPS_PROXY', 'NO_PROXY', 'https_proxy', 'no_proxy', 'NETRC', 'PATH', 'NODE_OPTIONS', 'HOME', 'goproxy', 'CGO_', 'XGOPROXY', 'GOPROXY '];
  for (const name of names) {
    const problems: string[] = [];
    const used = name in sanitizeSettings({ env: { [name]: 'x' } }, {}, problems).env;
    assert.equal(pattern.test(name), used, `${name}: manifest ${pattern.test(name)}, server ${used}`);
  }
});

test('every finding code can be given a severity, with its default documented', () => {
  const d = props['goModHygiene.diagnostics'];
  assert.equal(d.additionalProperties, false);
  assert.deepEqual(Object.keys(d.properties).sort(), [...FINDING_CODES].sort());
  for (const code of FINDING_CODES) {
    const p = d.properties[code];
    assert.equal(p.type, 'string', code);
    assert.deepEqual(p.enum, SEVERITIES, code);
    const severity = DEFAULT_SEVERITY[code] === 'info' ? 'information' : DEFAULT_SEVERITY[code];
    assert.ok(p.markdownDescription.includes(`Default: \`${severity}\``), `${code}: documents its default ${severity}`);
    for (const s of SEVERITIES) {
      const problems: string[] = [];
      assert.equal(sanitizeSettings({ diagnostics: { [code]: s } }, {}, problems).diagnostics[code], s);
      assert.deepEqual(problems, []);
    }
  }
});

test('commands are contributed with a category, registered by the client, and offered only where they apply', () => {
  const contributed = pkg.contributes.commands.map((c: any) => c.command);
  assert.deepEqual(Object.values(CLIENT_COMMANDS).sort(), [...contributed].sort());
  const registered = [...clientText.matchAll(/registerCommand\(CLIENT_COMMANDS\.(\w+)/g)].map((m) => m[1]);
  assert.deepEqual(registered.sort(), Object.keys(CLIENT_COMMANDS).sort(), 'every client command is registered once');
  const palette = new Map<string, string>(pkg.contributes.menus.commandPalette.map((m: any) => [m.command, m.when]));
  for (const c of pkg.contributes.commands) {
    assert.match(c.command, /^goModHygiene\./);
    assert.ok(c.title, `${c.command} has a title`);
    assert.equal(c.category, 'Go Module Hygiene', c.command);
    assert.ok(palette.get(c.command), `${c.command} has a command palette when clause`);
  }
  assert.match(palette.get(CLIENT_COMMANDS.upgradeAllRequirements)!, /editorLangId == go\.mod/);
  // A context key used in a when clause must be set by the client.
  for (const when of palette.values()) {
    for (const key of when.match(/goModHygiene\.\w+/g) ?? []) assert.match(clientText, new RegExp(`'setContext', '${key.replace('.', '\\.')}'`));
  }
});

test('client command ids never collide with the commands the server registers', () => {
  // vscode-languageclient registers every id in the server's executeCommandProvider; a second
  // registration of the same id throws "command already exists" and the client does not start.
  const serverIds = new Set<string>(Object.values(SERVER_COMMANDS));
  for (const c of Object.values(CLIENT_COMMANDS)) assert.ok(!serverIds.has(c), `${c} is also a server command`);
});

test('each command id is written in one source file', () => {
  const all = new Map([...sources(path.join(REPO_ROOT, 'shared')), ...clientSources, ...serverSources, ...sources(path.join(REPO_ROOT, 'test')), ...sources(path.join(REPO_ROOT, 'examples'))]);
  const ids = [...Object.values(SERVER_COMMANDS), ...Object.values(CLIENT_COMMANDS)];
  for (const id of ids) {
    const files = [...all].filter(([, text]) => text.includes(`'${id}'`) || text.includes(`"${id}"`) || text.includes(`\`${id}\``)).map(([f]) => f);
    assert.equal(files.length, 1, `${id} is written in ${files.join(', ')}`);
  }
});

test('restricted mode ignores workspace values of the network and go binary settings', () => {
  const u = pkg.capabilities.untrustedWorkspaces;
  assert.equal(u.supported, 'limited');
  assert.ok(typeof u.description === 'string' && u.description.length > 20);
  // The vulnerability database is where the check sends its requests: a workspace must not point it at a host of its choosing.
  assert.deepEqual([...u.restrictedConfigurations].sort(), ['goModHygiene.env', 'goModHygiene.goBinary', 'goModHygiene.offline', 'goModHygiene.vulnerabilityDatabase']);
  for (const key of u.restrictedConfigurations) assert.match(u.description, new RegExp(key.replace('.', '\\.')), `the description names ${key}`);
  for (const key of u.restrictedConfigurations) assert.ok(props[key], `${key} is a contributed setting`);
  // The server learns the trust at every (re)start, and is restarted when trust is granted.
  assert.match(clientText, /initializationOptions: \(\)[^\n]*trusted: vscode\.workspace\.isTrusted/);
  assert.match(clientText, /onDidGrantWorkspaceTrust\([\s\S]{0,300}\.restart\(\)/);
});

test('the extension still activates only for its languages', () => {
  assert.deepEqual(pkg.activationEvents, ['onLanguage:go.mod', 'onLanguage:go.work', 'onLanguage:go.sum']);
});

type PresentStatus = (report: StatusReport | undefined, trusted: boolean) => { text: string; tooltip: string; failed: boolean };

test('the status bar names the product, shows the worst severity\'s icon and the Problems view\'s count, with the proxy and trust in the tooltip', () => {
  // The compiled client module: pure, no vscode import.
  const compiled = path.join(REPO_ROOT, 'out', 'client', 'src', 'statusText.js');
  assert.ok(existsSync(compiled), 'run `tsc -b` first');
  const { presentStatus } = require(compiled) as { presentStatus: PresentStatus };
  const report = (state: StatusReport['state'], counts: Partial<StatusReport> = {}): StatusReport =>
    ({ uri: 'file:///m/go.mod', state, updates: 0, problems: 0, errors: 0, warnings: 0, infos: 0, proxy: 'https://proxy.golang.org, direct', ...counts });
  assert.equal(presentStatus(report('checking', { lookups: 4 }), true).text, '$(sync~spin) Go Module Hygiene: checking…');
  assert.equal(presentStatus(report('done', { updates: 3 }), true).text, '$(check) Go Module Hygiene: checked · 3 updates');
  assert.equal(presentStatus(report('done', { updates: 1 }), true).text, '$(check) Go Module Hygiene: checked · 1 update');
  assert.equal(presentStatus(report('done'), true).text, '$(check) Go Module Hygiene: checked');
  assert.equal(presentStatus(report('done', { problems: 2, warnings: 2 }), true).text, '$(warning) Go Module Hygiene: 2 problems');
  assert.equal(presentStatus(report('done', { problems: 3, errors: 1, warnings: 1, infos: 1, updates: 4 }), true).text, '$(error) Go Module Hygiene: 3 problems · 4 updates');
  assert.equal(presentStatus(report('done', { problems: 1, infos: 1 }), true).text, '$(info) Go Module Hygiene: 1 problem', 'infos are in the Problems view too');
  // The pause after a change: the counts of the new text, no spinner.
  assert.equal(presentStatus(report('checking', { lookups: 0, problems: 1, warnings: 1 }), true).text, '$(warning) Go Module Hygiene: 1 problem');
  assert.match(presentStatus(report('done', { problems: 3, errors: 1, warnings: 2 }), true).tooltip, /^1 error, 2 warnings in the Problems view\.$/m);
  const work = presentStatus(report('done', { modules: [
    { dir: './app', module: 'example.com/app', errors: 0, warnings: 1, infos: 0, updates: 2 },
    { dir: './lib', module: 'example.com/lib', errors: 0, warnings: 0, infos: 0, updates: 0 },
  ] }), true);
  assert.equal(work.text, '$(warning) Go Module Hygiene: 2 modules · 1 problem · 2 updates');
  assert.match(work.tooltip, /^- \.\/app \(example\.com\/app\): 1 warning, 2 updates$/m);
  assert.match(work.tooltip, /^- \.\/lib \(example\.com\/lib\): no problems$/m);
  const failed = presentStatus(report('error', { message: 'GOPROXY="x": invalid' }), true);
  assert.match(failed.text, /^\$\(error\) Go Module Hygiene: check failed$/);
  assert.equal(failed.failed, true);
  assert.match(failed.tooltip, /GOPROXY="x": invalid/);
  assert.match(presentStatus(report('done'), true).tooltip, /^Proxy: https:\/\/proxy\.golang\.org, direct$/m);
  assert.match(presentStatus(report('done'), false).tooltip,
    /Restricted mode: the go command is not run and workspace settings that change the network or the go binary are ignored/);
  assert.doesNotMatch(presentStatus(report('done'), true).tooltip, /Restricted mode/);
  assert.match(presentStatus(undefined, true).text, /^\$\(package\) Go Module Hygiene$/);
});
