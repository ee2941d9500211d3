import type { AdapterContext, AdapterSession, ChatAdapter, OutgoingMessage } from "../adapter.js";
import { type Capabilities, noCapabilities } from "../capabilities.js";

/** What a test adds to or replaces in the fake session, given the context and the sends so far. */
type SessionParts = (context: AdapterContext, sent: OutgoingMessage[]) => Partial<AdapterSession>;

/**
 * An in-memory adapter for unit tests: the test plays the server through `context()`. Its session
 * is ready as user "me" at once and records every send (answered null: an echo is to come),
 * unless `session` says otherwise.
 */
export function fakeAdapter(
  options: { capabilities?: Partial<Capabilities>; session?: SessionParts } = {},
) {
  const sent: OutgoingMessage[] = [];
  let context!: AdapterContext;
  const adapter: ChatAdapter = {
    name: "fake",
    capabilities: { ...noCapabilities, ...options.capabilities },
    createSession(c) {
      context = c;
      return {
        connect: async () => c.emit({ type: "ready", userId: "me" }),
        disconnect() {},
        send: async (o) => {
          sent.push(o);
          return null;
        },
        ...options.session?.(c, sent),
      };
    },
  };
  return { adapter, sent, context: () => context };
}
