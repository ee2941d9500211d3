import type { TabMessage } from "../cache.js";
import { defaultRandom, defaultTimers } from "../environment.js";
import type { Bus } from "./leadership.js";

/** A BroadcastChannel as a {@link Bus}. Messages never reach the channel that posted them. */
export function broadcastBus(
  Channel: typeof BroadcastChannel,
  name: string,
): Bus & { close(): void } {
  const channel = new Channel(name);
  const listeners = new Set<(message: unknown) => void>();
  channel.onmessage = (event: MessageEvent) => {
    for (const listener of listeners) listener(event.data);
  };
  return {
    post: (message) => channel.postMessage(message),
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}

/** A tab message on the bus, told apart from leadership signals. */
interface Envelope {
  parley: 1;
  message: TabMessage;
}

export const wrapTabMessage = (message: TabMessage): Envelope => ({ parley: 1, message });

export function unwrapTabMessage(value: unknown): TabMessage | null {
  if (typeof value !== "object" || value === null || (value as Envelope).parley !== 1) return null;
  const message = (value as Envelope).message;
  return typeof message === "object" && message !== null && typeof message.type === "string"
    ? message
    : null;
}

/** A random id for this tab in the BroadcastChannel election. */
export function tabId(): string {
  const crypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  const fallback = () => `${defaultTimers.now()}-${defaultRandom().toString(36).slice(2)}`;
  return crypto?.randomUUID?.() ?? fallback();
}
