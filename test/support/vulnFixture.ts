// The test vulnerability database's entries (OSV, as vuln.go.dev serves them),
// on modules of test/fixtures/modules where one fits, so that go.mod cases
// there can meet them. Each entry stands for a case matching must get right.
import type { OsvJson } from './vulnDb';

const imports = (path: string, extra: Record<string, unknown> = {}) => ({ imports: [{ path, ...extra }] });

export const VULN_FIXTURE_ENTRIES: OsvJson[] = [
  {
    // Two affected spans in one range (the database's usual form), aliases, symbols and its own page.
    id: 'GO-2024-0001', modified: '2024-02-01T10:00:00Z', published: '2024-01-10T10:00:00Z',
    aliases: ['CVE-2024-10001', 'GHSA-aaaa-bbbb-cccc'],
    summary: 'Stack exhaustion when decoding deeply nested tables in example.com/BurntSushi/toml',
    details: 'Decoding a document with deeply nested inline tables exhausts the stack.',
    affected: [{
      package: { name: 'example.com/BurntSushi/toml', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.4.0' }, { introduced: '1.0.0' }, { fixed: '1.3.2' }] }],
      ecosystem_specific: imports('example.com/BurntSushi/toml', { symbols: ['Decode', 'Unmarshal', 'Decoder.Decode'] }),
    }],
    database_specific: { url: 'https://pkg.go.dev/vuln/GO-2024-0001' },
  },
  {
    // Fixed in 1.2.0, then brought back in 1.5.0 and never fixed: the index's "fixed" is empty.
    id: 'GO-2024-0002', modified: '2024-02-02T10:00:00Z', published: '2024-01-11T10:00:00Z',
    aliases: ['CVE-2024-10002'],
    summary: 'Path traversal in example.com/retract/ranges, reintroduced in 1.5.0',
    details: 'A crafted name escapes the target directory.',
    affected: [{
      package: { name: 'example.com/retract/ranges', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.0' }, { introduced: '1.5.0' }] }],
      ecosystem_specific: imports('example.com/retract/ranges'),
    }],
  },
  {
    // A pre-release fix, on a /v3 module.
    id: 'GO-2024-0003', modified: '2024-02-03T10:00:00Z', published: '2024-01-12T10:00:00Z',
    aliases: ['GHSA-cccc-dddd-eeee'],
    summary: 'Denial of service in example.com/majors/v3 before 3.1.0-rc.1',
    details: 'Fixed in the first release candidate of 3.1.0.',
    affected: [{
      package: { name: 'example.com/majors/v3', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '3.0.0' }, { fixed: '3.1.0-rc.1' }] }],
      ecosystem_specific: imports('example.com/majors/v3'),
    }],
  },
  {
    // Introduced at the beginning of time and never fixed: every version, pseudo-versions too.
    id: 'GO-2024-0004', modified: '2024-02-04T10:00:00Z', published: '2024-01-13T10:00:00Z',
    aliases: [],
    summary: 'Unfixed code execution in example.com/notags',
    details: 'No fixed version exists.',
    affected: [{
      package: { name: 'example.com/notags', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
      ecosystem_specific: imports('example.com/notags'),
    }],
  },
  {
    // No ranges at all: all versions are affected (x/vuln semver.Affects).
    id: 'GO-2024-0005', modified: '2024-02-05T10:00:00Z', published: '2024-01-14T10:00:00Z',
    aliases: ['CVE-2024-10005'],
    summary: 'Every version of example.com/nolatest leaks credentials',
    details: 'The module sends credentials in query strings.',
    affected: [{ package: { name: 'example.com/nolatest', ecosystem: 'Go' }, ecosystem_specific: imports('example.com/nolatest') }],
  },
  {
    // A major version past v1 without a go.mod of its own: +incompatible versions on the unsuffixed path.
    id: 'GO-2024-0006', modified: '2024-02-06T10:00:00Z', published: '2024-01-15T10:00:00Z',
    aliases: ['CVE-2024-10006', 'GHSA-ffff-gggg-hhhh'],
    summary: 'Header injection in example.com/incompat 2.x',
    details: 'Affects the +incompatible 2.x releases.',
    affected: [{
      package: { name: 'example.com/incompat', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0+incompatible' }, { fixed: '3.0.0+incompatible' }] }],
      ecosystem_specific: imports('example.com/incompat'),
    }],
  },
  {
    // Taken back: it affects nothing, but stays in the index as in the real database.
    id: 'GO-2024-0007', modified: '2024-03-01T10:00:00Z', published: '2024-01-16T10:00:00Z', withdrawn: '2024-03-01T10:00:00Z',
    aliases: ['CVE-2024-10007'],
    summary: 'Withdrawn: not a vulnerability in example.com/deprecated/b',
    details: 'The report was in error.',
    affected: [{
      package: { name: 'example.com/deprecated/b', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.9.0' }] }],
      ecosystem_specific: imports('example.com/deprecated/b'),
    }],
  },
  {
    // The standard library: Go releases as versions, two release branches, a package limited to one platform.
    id: 'GO-2024-0008', modified: '2024-02-08T10:00:00Z', published: '2024-01-17T10:00:00Z',
    aliases: ['CVE-2024-10008'],
    summary: 'Request smuggling in net/http; command injection in os/exec on Windows',
    details: 'Two packages of the standard library.',
    affected: [{
      package: { name: 'stdlib', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.21.11' }, { introduced: '1.22.0-0' }, { fixed: '1.22.4' }] }],
      ecosystem_specific: { imports: [{ path: 'net/http', symbols: ['Server.Serve', 'ReadRequest'] }, { path: 'os/exec', goos: ['windows'], symbols: ['Command'] }] },
    }],
  },
  {
    // The go command itself.
    id: 'GO-2024-0009', modified: '2024-02-09T10:00:00Z', published: '2024-01-18T10:00:00Z',
    aliases: ['CVE-2024-10009'],
    summary: 'Arbitrary code execution in cmd/go with a crafted go.mod',
    details: 'The toolchain runs code named by a malicious module.',
    affected: [{
      package: { name: 'toolchain', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.21.12' }, { introduced: '1.22.0-0' }, { fixed: '1.22.5' }] }],
      ecosystem_specific: imports('cmd/go'),
    }],
  },
  {
    // One entry, two modules (v1 and /v2), limited to some platforms.
    id: 'GO-2024-0010', modified: '2024-02-10T10:00:00Z', published: '2024-01-19T10:00:00Z',
    aliases: ['GHSA-iiii-jjjj-kkkk'],
    summary: 'Memory corruption in example.com/majors on linux/amd64 and linux/arm64',
    details: 'Assembly code reads past a buffer.',
    affected: [
      {
        package: { name: 'example.com/majors', ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.1.0' }] }],
        ecosystem_specific: imports('example.com/majors', { goos: ['linux'], goarch: ['amd64', 'arm64'], symbols: ['Sum'] }),
      },
      {
        package: { name: 'example.com/majors/v2', ecosystem: 'Go' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '2.0.0' }, { fixed: '2.1.0' }] }],
        ecosystem_specific: imports('example.com/majors/v2', { goos: ['linux'], goarch: ['amd64', 'arm64'], symbols: ['Sum'] }),
      },
    ],
    // A database other than vuln.go.dev may link its entries elsewhere.
    database_specific: { url: 'https://vuln.example.com/GO-2024-0010' },
  },
  {
    // Two SEMVER ranges and one of another kind, which Go's matching ignores.
    id: 'GO-2024-0011', modified: '2024-02-11T10:00:00Z', published: '2024-01-20T10:00:00Z',
    aliases: ['CVE-2024-10011'],
    summary: 'Two affected spans of gopkg.in/fixture.v1',
    details: 'Reported twice, in two ranges.',
    affected: [{
      package: { name: 'gopkg.in/fixture.v1', ecosystem: 'Go' },
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.0' }] },
        { type: 'SEMVER', events: [{ introduced: '1.1.0' }, { fixed: '1.2.0' }] },
        { type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.9.9' }] },
      ],
      ecosystem_specific: imports('gopkg.in/fixture.v1'),
    }],
  },
  {
    // A second entry on a module that has one already.
    id: 'GO-2024-0012', modified: '2024-02-12T10:00:00Z', published: '2024-01-21T10:00:00Z',
    aliases: ['CVE-2024-10012'],
    summary: 'Panic on malformed dates in example.com/BurntSushi/toml before 1.4.0-BETA',
    details: 'A second report on the same module.',
    affected: [{
      package: { name: 'example.com/BurntSushi/toml', ecosystem: 'Go' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '1.3.0' }, { fixed: '1.4.0-BETA' }] }],
      ecosystem_specific: imports('example.com/BurntSushi/toml', { symbols: ['Decode'] }),
    }],
  },
];
