/**
 * Holds outbound deliveries while paused (a fault control for tests: the server has stored a
 * message but its echo or acknowledgement has not reached the client yet). Deliveries queued
 * while paused run in order on resume.
 */
export class DeliveryGate {
  private paused = false;
  private queue: Array<() => void> = [];

  get isPaused(): boolean {
    return this.paused;
  }

  /** Runs `deliver` now, or on resume when paused. */
  run(deliver: () => void): void {
    if (this.paused) this.queue.push(deliver);
    else deliver();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    const queued = this.queue;
    this.queue = [];
    for (const deliver of queued) {
      try {
        deliver();
      } catch {
        // The socket went away while paused; nothing to deliver to.
      }
    }
  }

  /** Forgets held deliveries (their sockets are being closed). */
  clear(): void {
    this.queue = [];
  }
}
