/**
 * A token bucket per connection: `ratePerSecond` sustained, `burst` at once.
 * `take()` answers whether the frame may be processed now.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  /** Frames refused so far; a dialect closes the connection past a threshold. */
  strikes = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSecond);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.strikes += 1;
    return false;
  }
}
