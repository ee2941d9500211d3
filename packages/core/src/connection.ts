import type { AdapterSession } from "./adapter.js";
import type { Backoff } from "./backoff.js";
import type { Environment, Timers } from "./environment.js";
import { ParleyError } from "./errors.js";
import type { ConnectionState } from "./model.js";

export interface ConnectionOptions {
  session: AdapterSession;
  backoff: Backoff;
  environment: Environment;
  timers: Timers;
  setState(state: ConnectionState): void;
  /** Asks the app's token provider for a fresh token (the one refresh after a refusal). */
  refreshToken(): Promise<void>;
  /** Runs after every successful (re)connection: resync and outbox flush. */
  onConnected(): void;
  /** A connection that stays up this long resets the backoff. @default 10000 */
  stableMs?: number;
  /** Keepalive period where the dialect has one. @default 25000 */
  heartbeatMs?: number;
  /** How long a keepalive may go unanswered before the link counts as dead. @default 10000 */
  heartbeatTimeoutMs?: number;
}

/**
 * Drives one adapter session through the connection states: connects, reconnects with
 * backoff, goes offline and wakes with the platform, refreshes a refused token once and then
 * stops as `unauthorized`, and detects a half-open link with the dialect's keepalive.
 */
export class ConnectionManager {
  private state: ConnectionState = { status: "idle" };
  private retryTimer: unknown;
  private stableTimer: unknown;
  private heartbeatTimer: unknown;
  private refreshed = false;
  private generation = 0;
  private readonly disposers: Array<() => void> = [];

  constructor(private readonly options: ConnectionOptions) {}

  get current(): ConnectionState {
    return this.state;
  }

  /** Starts connecting (from idle, closed or unauthorized after a token change). */
  start(): void {
    if (this.state.status === "connected" || this.state.status === "connecting") return;
    if (this.disposers.length === 0) {
      this.disposers.push(
        this.options.environment.onWake(() => this.wake()),
        this.options.environment.onOffline(() => this.lost(new ParleyError("network", "Offline"))),
      );
    }
    this.refreshed = false;
    this.attempt();
  }

  /** Reconnects now if waiting for a retry or offline (network back, page visible). */
  wake(): void {
    if (this.state.status === "reconnecting" || this.state.status === "offline") {
      this.options.timers.clearTimeout(this.retryTimer);
      this.attempt();
    }
  }

  /** The adapter reported the link closed. */
  lost(error: ParleyError): void {
    if (this.state.status === "closed" || this.state.status === "unauthorized") return;
    if (this.state.status === "idle") return;
    this.generation += 1;
    this.clearLinkTimers();
    this.options.session.disconnect();
    this.failed(error);
  }

  /** Closes for good; nothing reconnects until `start()`. */
  stop(): void {
    this.generation += 1;
    this.clearLinkTimers();
    this.options.timers.clearTimeout(this.retryTimer);
    for (const dispose of this.disposers.splice(0)) dispose();
    this.options.session.disconnect();
    this.set({ status: "closed" });
  }

  private set(state: ConnectionState): void {
    this.state = state;
    this.options.setState(state);
  }

  private attempt(): void {
    const generation = ++this.generation;
    if (!this.options.environment.isOnline()) {
      this.set({ status: "offline" });
      return;
    }
    if (this.state.status !== "reconnecting") this.set({ status: "connecting" });
    this.options.session.connect().then(
      () => {
        if (generation !== this.generation) return;
        this.connected();
      },
      (error: unknown) => {
        if (generation !== this.generation) return;
        this.options.session.disconnect();
        this.failed(
          error instanceof ParleyError
            ? error
            : new ParleyError("network", "Could not connect", { cause: error }),
        );
      },
    );
  }

  private connected(): void {
    this.set({ status: "connected" });
    const { timers, backoff } = this.options;
    this.stableTimer = timers.setTimeout(() => {
      backoff.reset();
      this.refreshed = false;
    }, this.options.stableMs ?? 10_000);
    this.scheduleHeartbeat();
    this.options.onConnected();
  }

  private failed(error: ParleyError): void {
    if (error.code === "unauthorized" || error.code === "forbidden") {
      if (error.code === "unauthorized" && !this.refreshed) {
        this.refreshed = true;
        const generation = this.generation;
        this.options.refreshToken().then(
          () => {
            if (generation === this.generation) this.attempt();
          },
          () => {
            if (generation === this.generation)
              this.set({ status: "unauthorized", reason: error.message });
          },
        );
        return;
      }
      this.set({ status: "unauthorized", reason: error.message });
      return;
    }
    if (!this.options.environment.isOnline()) {
      this.set({ status: "offline" });
      return;
    }
    const { backoff, timers } = this.options;
    const delay = backoff.duration();
    this.set({
      status: "reconnecting",
      attempt: backoff.attempts,
      nextRetryAt: timers.now() + delay,
    });
    this.retryTimer = timers.setTimeout(() => this.attempt(), delay);
  }

  private scheduleHeartbeat(): void {
    const { session, timers } = this.options;
    if (!session.ping) return;
    const generation = this.generation;
    this.heartbeatTimer = timers.setTimeout(() => {
      if (generation !== this.generation) return;
      let answered = false;
      const deadline = timers.setTimeout(() => {
        if (!answered && generation === this.generation) {
          this.lost(new ParleyError("timeout", "Keepalive unanswered"));
        }
      }, this.options.heartbeatTimeoutMs ?? 10_000);
      Promise.resolve(session.ping?.()).then(
        () => {
          answered = true;
          timers.clearTimeout(deadline);
          if (generation === this.generation) this.scheduleHeartbeat();
        },
        () => {},
      );
    }, this.options.heartbeatMs ?? 25_000);
  }

  private clearLinkTimers(): void {
    const { timers } = this.options;
    timers.clearTimeout(this.stableTimer);
    timers.clearTimeout(this.heartbeatTimer);
  }
}
