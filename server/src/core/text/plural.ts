// "1 requirement", "3 requirements": the count and its noun, for every message
// the engine and its faces write. English only, with the irregular plural given.
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
