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
 * Exponential backoff with full jitter: attempt n waits a random time in
 * [0, min(max, min * factor^n)], which spreads a crowd of reconnecting clients apart.
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
    this.attempts += 1;
    return Math.floor(this.#random() * ceiling);
  }

  reset(): void {
    this.attempts = 0;
  }
}
