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
  /**
   * The app's `heartbeat` option: `intervalMs`, the keepalive period where the dialect has one
   * (@default 25000); `timeoutMs`, how long a keepalive may go unanswered before the link counts
   * as dead (@default 10000); `silenceMs`, where the dialect has no keepalive, how long the link
   * may stay silent before it is re-established (a half-open socket never says it died; 0 turns
   * it off, @default 60000).
   */
  heartbeat?: { intervalMs?: number; timeoutMs?: number; silenceMs?: number } | undefined;
}

/**
 * Drives one adapter session through the connection states: connects, reconnects with
 * backoff, goes offline and wakes with the platform, refreshes a refused token once and then
 * stops as `unauthorized`, and detects a half-open link: with the dialect's keepalive where it
 * has one, otherwise by re-establishing a link that stayed silent too long or left a send
 * unanswered (nothing is lost: the client catches up after every connection).
 */
export class ConnectionManager {
  #state: ConnectionState = { status: "idle" };
  #retryTimer: unknown;
  #stableTimer: unknown;
  #heartbeatTimer: unknown;
  #silenceTimer: unknown;
  #probing = false;
  #lastActivity = 0;
  #refreshed = false;
  #generation = 0;
  readonly #disposers: Array<() => void> = [];

  readonly #options: ConnectionOptions;

  constructor(options: ConnectionOptions) {
    this.#options = options;
  }

  get current(): ConnectionState {
    return this.#state;
  }

  /** Starts connecting (from idle, closed or unauthorized after a token change). */
  start(): void {
    if (this.#state.status === "connected" || this.#state.status === "connecting") return;
    if (this.#disposers.length === 0) {
      this.#disposers.push(
        this.#options.environment.onWake(() => this.wake()),
        this.#options.environment.onOffline(() => this.lost(new ParleyError("network", "Offline"))),
      );
    }
    this.#refreshed = false;
    this.#attempt();
  }

  /**
   * Reconnects now if waiting for a retry or offline (network back, page visible); checks a
   * link that has been silent for too long (a hidden page defers that check to here).
   */
  wake(): void {
    if (this.#state.status === "reconnecting" || this.#state.status === "offline") {
      this.#options.timers.clearTimeout(this.#retryTimer);
      this.#attempt();
    } else if (
      this.#state.status === "connected" &&
      this.#silenceMs() > 0 &&
      this.#silentFor() >= this.#silenceMs()
    ) {
      this.#refresh();
    }
  }

  /** Something arrived on the link: it is alive. Cheap, called for every inbound event. */
  activity(): void {
    this.#lastActivity = this.#options.timers.now();
  }

  /**
   * An answer the link owed did not come (a send left unacknowledged): probe it now with the
   * keepalive, or, without one, re-establish it.
   */
  suspect(): void {
    if (this.#state.status !== "connected") return;
    if (!this.#options.session.ping) {
      this.#refresh();
    } else if (!this.#probing) {
      this.#options.timers.clearTimeout(this.#heartbeatTimer);
      this.#probe();
    }
  }

  /** The adapter reported the link closed. */
  lost(error: ParleyError): void {
    if (this.#state.status === "closed" || this.#state.status === "unauthorized") return;
    if (this.#state.status === "idle") return;
    this.#generation += 1;
    this.#clearLinkTimers();
    this.#options.session.disconnect();
    this.#failed(error);
  }

  /** Closes for good; nothing reconnects until `start()`. */
  stop(): void {
    this.#generation += 1;
    this.#clearLinkTimers();
    this.#options.timers.clearTimeout(this.#retryTimer);
    for (const dispose of this.#disposers.splice(0)) dispose();
    this.#options.session.disconnect();
    this.#set({ status: "closed" });
  }

  #set(state: ConnectionState): void {
    this.#state = state;
    this.#options.setState(state);
  }

  #attempt(): void {
    const generation = ++this.#generation;
    if (!this.#options.environment.isOnline()) {
      this.#set({ status: "offline" });
      return;
    }
    if (this.#state.status !== "reconnecting") this.#set({ status: "connecting" });
    this.#options.session.connect().then(
      () => {
        if (generation !== this.#generation) return;
        this.#connected();
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#options.session.disconnect();
        this.#failed(
          error instanceof ParleyError
            ? error
            : new ParleyError("network", "Could not connect", { cause: error }),
        );
      },
    );
  }

  #connected(): void {
    this.activity();
    this.#set({ status: "connected" });
    const { timers, backoff } = this.#options;
    this.#stableTimer = timers.setTimeout(() => {
      backoff.reset();
      this.#refreshed = false;
    }, this.#options.stableMs ?? 10_000);
    this.#scheduleHeartbeat();
    this.#scheduleSilenceCheck(this.#silenceMs());
    this.#options.onConnected();
  }

  #failed(error: ParleyError): void {
    if (error.code === "unauthorized" || error.code === "forbidden") {
      if (error.code === "unauthorized" && !this.#refreshed) {
        this.#refreshed = true;
        const generation = this.#generation;
        this.#options.refreshToken().then(
          () => {
            if (generation === this.#generation) this.#attempt();
          },
          () => {
            if (generation === this.#generation)
              this.#set({ status: "unauthorized", reason: error.message });
          },
        );
        return;
      }
      this.#set({ status: "unauthorized", reason: error.message });
      return;
    }
    if (!this.#options.environment.isOnline()) {
      this.#set({ status: "offline" });
      return;
    }
    const { backoff, timers } = this.#options;
    const delay = backoff.duration();
    this.#set({
      status: "reconnecting",
      attempt: backoff.attempts,
      nextRetryAt: timers.now() + delay,
    });
    this.#retryTimer = timers.setTimeout(() => this.#attempt(), delay);
  }

  #scheduleHeartbeat(): void {
    const { session, timers } = this.#options;
    if (!session.ping) return;
    const generation = this.#generation;
    this.#heartbeatTimer = timers.setTimeout(() => {
      if (generation === this.#generation) this.#probe();
    }, this.#options.heartbeat?.intervalMs ?? 25_000);
  }

  /** Sends the keepalive; the link counts as dead if it goes unanswered. */
  #probe(): void {
    const { session, timers } = this.#options;
    const generation = this.#generation;
    this.#probing = true;
    let answered = false;
    const deadline = timers.setTimeout(() => {
      if (!answered && generation === this.#generation) {
        this.lost(new ParleyError("timeout", "Keepalive unanswered"));
      }
    }, this.#options.heartbeat?.timeoutMs ?? 10_000);
    Promise.resolve(session.ping?.()).then(
      () => {
        answered = true;
        timers.clearTimeout(deadline);
        if (generation !== this.#generation) return;
        this.#probing = false;
        this.#scheduleHeartbeat();
      },
      () => {},
    );
  }

  #silenceMs(): number {
    const { session } = this.#options;
    return session.ping || session.detectsDeadLinks
      ? 0
      : (this.#options.heartbeat?.silenceMs ?? 60_000);
  }

  #silentFor(): number {
    return this.#options.timers.now() - this.#lastActivity;
  }

  /** Checks for silence when it could first be due; events only move a timestamp. */
  #scheduleSilenceCheck(delay: number): void {
    const limit = this.#silenceMs();
    if (limit <= 0) return;
    const { timers, environment } = this.#options;
    const generation = this.#generation;
    this.#silenceTimer = timers.setTimeout(() => {
      if (generation !== this.#generation) return;
      const quiet = this.#silentFor();
      // A hidden page waits: `wake` checks again when it is shown.
      if (quiet < limit || environment.isVisible?.() === false)
        this.#scheduleSilenceCheck(Math.max(limit - quiet, 1000));
      else this.#refresh();
    }, delay);
  }

  /** Re-establishes a link that may be dead, at once and without reporting an error. */
  #refresh(): void {
    this.#generation += 1;
    this.#clearLinkTimers();
    this.#options.session.disconnect();
    this.#attempt();
  }

  #clearLinkTimers(): void {
    const { timers } = this.#options;
    timers.clearTimeout(this.#stableTimer);
    timers.clearTimeout(this.#heartbeatTimer);
    timers.clearTimeout(this.#silenceTimer);
    this.#probing = false;
  }
}
