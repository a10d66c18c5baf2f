// A shared allowance of bytes for response bodies being read at the same
// time. A body that would take more than what is left fails at once with a
// clear message instead of waiting: readers waiting on each other for memory
// that only they could free would deadlock.
export class ByteBudget {
  private used = 0;
  private peak = 0;

  constructor(readonly total: number) {}

  /** Takes n bytes; false (and nothing taken) when that would exceed the total. */
  take(n: number): boolean {
    if (this.used + n > this.total) return false;
    this.used += n;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }

  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }

  get inUse(): number {
    return this.used;
  }

  /** The most ever taken at once: what tests and benchmarks bound. */
  get highWater(): number {
    return this.peak;
  }
}
