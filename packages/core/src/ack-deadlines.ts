import type { Timers } from "./environment.js";

/**
 * How long each sent message may wait for its confirmation. A wait ends with the answer, when
 * released (a confirmation came another way, the link went down), or at the deadline, when
 * `expired` runs first. One wait per client id at a time: a newer attempt replaces the older.
 */
export class AckDeadlines {
  readonly #waits = new Map<string, () => void>();

  readonly #timers: Timers;
  readonly #timeoutMs: number;

  constructor(timers: Timers, timeoutMs: number) {
    this.#timers = timers;
    this.#timeoutMs = timeoutMs;
  }

  /**
   * Waits at most the deadline for `answer`, or without one for a release. Answers undefined
   * unless `answer` settled in time; rejects when it rejected in time.
   */
  wait<T>(clientId: string, expired: () => void, answer?: Promise<T>): Promise<T | undefined> {
    const timers = this.#timers;
    return new Promise<T | undefined>((resolve, reject) => {
      const done = () => {
        timers.clearTimeout(timer);
        if (this.#waits.get(clientId) === release) this.#waits.delete(clientId);
      };
      const release = () => {
        done();
        resolve(undefined);
      };
      const timer = timers.setTimeout(() => {
        done();
        expired();
        resolve(undefined);
      }, this.#timeoutMs);
      this.#waits.set(clientId, release);
      answer?.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }

  /**
   * Follows one send: answers its copy when `sending` gives one in time, throws its refusal.
   * When `sending` answers null, confirmation comes another way (an echo): waits for it (a
   * release) while `waiting()` holds, at most another deadline. Past a deadline `expired` runs,
   * and an answer that comes late still goes to `late`.
   */
  async follow<T>(
    clientId: string,
    sending: Promise<T | null>,
    on: { expired(): void; late(answer: T): void; waiting(): boolean },
  ): Promise<T | undefined> {
    const answer = await this.wait(clientId, on.expired, sending);
    if (answer === undefined) {
      sending.then(
        (late) => late && on.late(late),
        () => {},
      );
      return undefined;
    }
    if (answer === null && on.waiting()) await this.wait(clientId, on.expired);
    return answer ?? undefined;
  }

  /** Ends the wait for one message early. */
  release(clientId: string): void {
    this.#waits.get(clientId)?.();
  }

  /** Ends every wait early. */
  releaseAll(): void {
    for (const release of [...this.#waits.values()]) release();
  }
}
