// How the language server's Node process is started, shared by every client
// that starts it (the VS Code client, the tests and benchmarks).

/**
 * V8 sizes the young generation for throughput (up to 2 x 16 MB semi-spaces)
 * and never gives it back; a language server's allocations come in small
 * bursts (one analysis per edit), for which 2 MB semi-spaces cost no edit
 * latency and keep about 28 MB less resident (bench/editor-report.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
