// Builds the app's demo config from a running reference server: each dialect's URL, and every
// demo user with a token and, per dialect, the conversations they can open. Plain JS so that
// `scripts/demo.mjs` can import it without a build; the e2e setup uses it too.

/** @typedef {import("./config.js").DemoConfig} DemoConfig */
/** @typedef {import("./config.js").DemoConversation} DemoConversation */
/** @typedef {import("./config.js").Dialect} Dialect */

/** The path the Vite plugin relays REST calls on, per dialect. */
export const relayPath = (/** @type {string} */ dialect) => `/__parley/rest/${dialect}`;

/**
 * @param {import("@parley/server").ParleyServer} server
 * @param {{ expiresIn?: string }} [options] token lifetime (jose span) @default "12h"
 * @returns {Promise<DemoConfig>}
 */
export async function makeDemoConfig(server, options = {}) {
  const { directory } = server;
  const users = directory.users.filter((u) => u.active);
  const name = (/** @type {string} */ id) => directory.user(id)?.name ?? id;
  const roomsIds = roomsPersonIds(directory.users, server.profile);
  const dialects = /** @type {DemoConfig["dialects"]} */ (
    Object.fromEntries(
      Object.entries(server.urls).map(([dialect, url]) => [
        dialect,
        { url, relay: relayPath(dialect) },
      ]),
    )
  );
  return {
    dialects,
    supportAdminId: users.find((u) => u.roles.has("admin"))?.id ?? null,
    users: await Promise.all(
      users.map(async (user) => {
        const staff = user.roles.has("staff") || user.roles.has("admin");
        const customer = user.roles.has("customer");
        return {
          id: user.id,
          username: user.username ?? user.id,
          name: user.name,
          roomsId: roomsIds.get(user.id) ?? null,
          roles: [...user.roles],
          token: await server.token(user.id, options.expiresIn ?? "12h"),
          roomsParticipant: staff ? "user" : customer ? "customer" : null,
          conversations: conversationsOf(directory, user, users, name),
        };
      }),
    ),
  };
}

/**
 * How the rooms-ws adapter names each staff member (`u:<n>`) and customer (`c:<n>`). The seed
 * numbers everyone in one space (the fixtures' `numericId`); the field profile, as the deployed
 * backend does, numbers staff and customers apart, each 1, 2, ... in `numericId` order.
 * @param {readonly import("@parley/server").DirectoryUser[]} users
 * @param {import("@parley/server").ServerProfile} profile
 * @returns {Map<string, string>}
 */
function roomsPersonIds(users, profile) {
  /** @type {Map<string, string>} */
  const ids = new Map();
  const counts = { u: 0, c: 0 };
  for (const user of [...users].sort((a, b) => a.numericId - b.numericId)) {
    const staff = user.roles.has("staff") || user.roles.has("admin");
    const kind = staff ? "u" : user.roles.has("customer") ? "c" : null;
    if (!kind) continue;
    ids.set(user.id, `${kind}:${profile === "field" ? ++counts[kind] : user.numericId}`);
  }
  return ids;
}

/**
 * @param {import("@parley/server").Directory} directory
 * @param {import("@parley/server").DirectoryUser} user
 * @param {import("@parley/server").DirectoryUser[]} users
 * @param {(id: string) => string} name
 * @returns {Record<Dialect, DemoConversation[]>}
 */
function conversationsOf(directory, user, users, name) {
  const me = user.id;
  const admin = user.roles.has("admin");
  const partners = directory.fixtures.care
    .filter((c) => c.doctor === me || c.patient === me)
    .map((c) => (c.doctor === me ? c.patient : c.doctor));
  const rooms = user.roles.has("staff") || admin || user.roles.has("customer");
  return {
    // The desk keys a conversation by the non-admin user's id, on both sides.
    "support-socketio": admin
      ? users.filter((u) => !u.roles.has("admin")).map((u) => ({ id: u.id, title: u.name }))
      : [{ id: me, title: "Support desk" }],
    "friends-ws": directory.friendsOf(me).map((id) => ({ id, title: name(id) })),
    "care-socketio": [...new Set(partners)].map((id) => ({ id, title: name(id) })),
    "channels-ws": directory
      .channelsChats()
      .filter((c) => c.patient === me || c.professional === me)
      .map((c) => ({
        id: c.id,
        title: `Chat with ${name(c.patient === me ? c.professional : c.patient)}`,
      })),
    "rooms-ws": rooms
      ? directory
          .roomsChats()
          .filter((c) => c.participants.includes(me))
          .map((c) => ({ id: String(c.id), title: c.title ?? `Chat ${c.id}` }))
      : [],
  };
}

/**
 * The conversation `user` opens to talk with `partner` on `dialect`: one filed under the
 * partner's id (friends-ws, care-socketio, a desk admin's view of a user), else one both have
 * (the desk's user side, channels-ws and rooms-ws chats); null when they have none.
 * @param {DemoConfig} config
 * @param {Dialect} dialect
 * @param {string} user a username
 * @param {string} partner a username
 * @returns {string | null}
 */
export function chatBetween(config, dialect, user, partner) {
  const me = config.users.find((u) => u.username === user);
  const other = config.users.find((u) => u.username === partner);
  if (!me || !other) return null;
  const theirs = new Set(other.conversations[dialect].map((c) => c.id));
  const chat = me.conversations[dialect].find((c) => c.id === other.id || theirs.has(c.id));
  return chat?.id ?? null;
}

/**
 * A link that opens the demo app as `user` on `dialect`, in their chat with `partner` where they
 * have one: `?dialect=&user=&chat=`.
 * @param {string} app the app's URL
 * @param {DemoConfig} config
 * @param {Dialect} dialect
 * @param {string} user a username
 * @param {string} partner a username
 */
export function demoLink(app, config, dialect, user, partner) {
  const query = new URLSearchParams({ dialect, user });
  const chat = chatBetween(config, dialect, user, partner);
  if (chat) query.set("chat", chat);
  return `${app}?${query}`;
}
