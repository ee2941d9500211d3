import { demoFixtures } from "@parley/server";

export type Dialect =
  | "support-socketio"
  | "friends-ws"
  | "care-socketio"
  | "channels-ws"
  | "rooms-ws";

const [alice, bob] = demoFixtures.users;
if (!alice || !bob) throw new Error("the demo fixtures have no Alice and Bob");
export const ALICE = alice.id;
export const BOB = bob.id;

/** What Alice and Bob open on each dialect to talk to each other. */
export interface Scenario {
  dialect: Dialect;
  conversation: { alice: string; bob: string };
  /** The title Bob clicks in the conversation list. */
  bobSees: string;
  /**
   * Whether a window can fetch what it missed while it was not in the chat. Not on rooms-ws's
   * field profile: its history answers 500 once a message has a read receipt (the deployed
   * backend's bug), and a socket hears only chats it has joined, so a message sent in the moment
   * between a restart and the other side's rejoin reaches that side's window never. @default true
   */
  catchUp?: boolean;
}

export const scenarios: Record<Dialect, Scenario> = {
  // The desk keys the conversation by the user's id on both sides; Bob is an admin.
  "support-socketio": {
    dialect: "support-socketio",
    conversation: { alice: ALICE, bob: ALICE },
    bobSees: "Alice Martin",
  },
  "friends-ws": {
    dialect: "friends-ws",
    conversation: { alice: BOB, bob: ALICE },
    bobSees: "Alice Martin",
  },
  "care-socketio": {
    dialect: "care-socketio",
    conversation: { alice: BOB, bob: ALICE },
    bobSees: "Alice Martin",
  },
  "channels-ws": {
    dialect: "channels-ws",
    conversation: {
      alice: "550e8400-e29b-41d4-a716-446655440000",
      bob: "550e8400-e29b-41d4-a716-446655440000",
    },
    bobSees: "Chat with Alice Martin",
  },
  "rooms-ws": {
    dialect: "rooms-ws",
    conversation: { alice: "1", bob: "1" },
    bobSees: "Booking help",
  },
};
