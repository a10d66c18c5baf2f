// Bounded parallelism: run `fn` over items with at most `limit` in progress.
// Starting a thousand lookups at once keeps all their intermediate state alive
// together while only a few dozen requests can be in flight anyway.
export async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
