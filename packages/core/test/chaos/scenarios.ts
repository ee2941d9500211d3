import type { DialectName, ServerProfile, TokenService } from "@parley/server";
import { testChannelsChats, testFixtures, testUsers } from "@parley/server/testing";
import type { ChatAdapter } from "../../src/adapter.js";
import { careSocketio } from "../../src/adapters/care-socketio/index.js";
import { channelsWs } from "../../src/adapters/channels-ws/index.js";
import { friendsWs } from "../../src/adapters/friends-ws/index.js";
import { roomsWs } from "../../src/adapters/rooms-ws/index.js";
import { supportSocketio } from "../../src/adapters/support-socketio/index.js";

/** One participant: who, the adapter, their token, and the conversation's id as they see it. */
export interface Side {
  user: string;
  conversation: string;
  adapter(): ChatAdapter;
  token(): Promise<string>;
}

/**
 * Two participants of one conversation per dialect, with tokens as the profile's backend reads
 * them. Field: support-socketio's admins carry `role: "admin"`, friends-ws's `sub` is the
 * username (with `user_id`), and rooms-ws pairs two staff members, because its deployed backend
 * gives customers no history to catch up from.
 */
export function scenarios(
  profile: ServerProfile,
  tokens: TokenService,
): Record<DialectName, [Side, Side]> {
  const field = profile === "field";
  const { alice, bob, dave } = testUsers;
  const plain = (user: string) => () => tokens.sign(user);
  const side = (user: string, conversation: string, adapter: () => ChatAdapter): Side => ({
    user,
    conversation,
    adapter,
    token: plain(user),
  });
  const friendsToken = (user: string) => () => {
    const fixture = testFixtures.users.find((u) => u.id === user);
    const role = [fixture?.role ?? []].flat()[0];
    return tokens.sign(fixture?.username ?? user, { claims: { user_id: user, role } });
  };
  const staff = () => roomsWs({ participant: "user" });
  return {
    "support-socketio": [
      side(alice, alice, () => supportSocketio()),
      {
        ...side(bob, alice, () => supportSocketio()),
        ...(field && { token: () => tokens.sign(bob, { claims: { role: "admin" } }) }),
      },
    ],
    "friends-ws": [
      { ...side(alice, bob, () => friendsWs()), ...(field && { token: friendsToken(alice) }) },
      { ...side(bob, alice, () => friendsWs()), ...(field && { token: friendsToken(bob) }) },
    ],
    "care-socketio": [
      side(alice, bob, () => careSocketio()),
      side(bob, alice, () => careSocketio()),
    ],
    "channels-ws": [
      side(alice, testChannelsChats.a, () => channelsWs()),
      side(bob, testChannelsChats.a, () => channelsWs()),
    ],
    "rooms-ws": field
      ? [side(bob, "1", staff), side(dave, "1", staff)]
      : [side(alice, "1", () => roomsWs({ participant: "customer" })), side(bob, "1", staff)],
  };
}
