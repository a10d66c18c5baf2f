// Waiting for something the answer would like to include, but never longer
// than the answer can afford to wait.

/** Resolves when `p` settles (either way) or after `ms`, whichever comes first. */
export async function waitAtMost(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([p.catch(() => undefined), bound]);
  clearTimeout(timer);
}
