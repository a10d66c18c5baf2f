// The misbehaving loopback proxy of hostileBench.ts, in a process of its own:
// generating endless bodies keeps a process busy, and in the benchmark's own
// process that would delay the LSP client's reading of hover answers too.
// argv: <proxy tree root> <number of generated modules>; prints the URL.
import { startProxyServer } from '../test/support/proxyServer';

export const moduleName = (i: number): string => `example.com/gen/m${String(i).padStart(3, '0')}`;

async function main(): Promise<void> {
  const [root, count] = process.argv.slice(2);
  const proxy = await startProxyServer({ root });
  // Four kinds of hostility, one per requirement in turn.
  for (let i = 0; i < Number(count); i++) {
    const base = `/${moduleName(i)}/@v/`;
    if (i % 4 === 0) proxy.setFault(`${base}list`, { endless: true });
    else if (i % 4 === 1) proxy.setFault(`${base}list`, { hugeListLines: 380_000 });
    else if (i % 4 === 2) proxy.setFault(`${base}list`, { hugeListLines: 500_000 });
    else proxy.setFault(new RegExp(`^/${moduleName(i).replace(/\//g, '\\/')}/@v/.*\\.mod$`), { endless: true });
  }
  process.stdout.write(`${proxy.url}\n`);
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exitCode = 1;
  });
}
