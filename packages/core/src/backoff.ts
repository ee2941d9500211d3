import { defaultRandom } from "./environment.js";

/** Options for {@link Backoff}. */
export interface BackoffOptions {
  /** First delay ceiling, in ms. @default 500 */
  min?: number;
  /** Largest delay, in ms. @default 30000 */
  max?: number;
  /** Growth per attempt. @default 2 */
  factor?: number;
  /** Source of randomness in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * Exponential backoff with jitter. The first attempt waits a random time in [0, min]: a crowd of
 * clients dropped at once comes back spread over that window, and a lone client comes back
 * within it. Attempt n > 0 waits between half and all of min(max, min * factor^n) ("equal
 * jitter"): no client tries a second time while the crowd's first attempts are still arriving,
 * and the load stays spread.
 */
export class Backoff {
  readonly #min: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #random: () => number;
  /** Attempts made since the last reset. */
  attempts = 0;

  constructor(options: BackoffOptions = {}) {
    this.#min = options.min ?? 500;
    this.#max = options.max ?? 30_000;
    this.#factor = options.factor ?? 2;
    this.#random = options.random ?? defaultRandom;
  }

  /** The delay before the next attempt; counts the attempt. */
  duration(): number {
    const ceiling = Math.min(this.#max, this.#min * this.#factor ** this.attempts);
    const first = this.attempts === 0;
    this.attempts += 1;
    const floor = first ? 0 : ceiling / 2;
    return Math.floor(floor + this.#random() * (ceiling - floor));
  }

  reset(): void {
    this.attempts = 0;
  }
}
