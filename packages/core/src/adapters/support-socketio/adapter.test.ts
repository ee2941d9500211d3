import type { ParleyServer } from "@parley/server";
import { startTestServer, testFixtures, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AdapterEvent } from "../../adapter.js";
import { type ChatClient, createChatClient } from "../../client.js";
import { defaultRandom, defaultTimers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import type { ChatState } from "../../state.js";
import { emptyThread, threadMessages } from "../../thread.js";
import { supportSocketio } from "./index.js";

const { alice, bob, carol, mallory } = testUsers;
/** A second admin, to see the desk's shared inbox. */
const zed = "0f0f0000-0000-4000-8000-0000000002ed";

let server: ParleyServer;
const clients: ChatClient[] = [];
/** The deployed backend (PARLEY_PROFILE=field): no echo, rooms joined by name, no presence. */
const field = testProfile() === "field";

/**
 * A token for `userId`. The deployed backend's admin tokens carry `role: "admin"` (its
 * admin_auth checks the claim), so field admins get one; the seed's tokens carry no role, and
 * the adapter asks `get_connection_info`.
 */
const token = (userId: string) =>
  field && (userId === bob || userId === zed)
    ? server.tokens.sign(userId, { claims: { role: "admin" } })
    : server.token(userId);

beforeAll(async () => {
  server = await startTestServer({
    dialects: ["support-socketio"],
    fixtures: {
      ...testFixtures,
      users: [...testFixtures.users, { id: zed, name: "Zed", role: ["admin"], numericId: 26 }],
    },
  });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => server.close());

function connect(
  userId: string,
  options: { auth?: () => Promise<string>; pageSize?: number } = {},
) {
  const client = createChatClient({
    adapter: supportSocketio(),
    url: server.url("support-socketio"),
    auth: options.auth ?? (() => token(userId)),
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
  });
  clients.push(client);
  client.connect();
  return client;
}

async function online(...list: ChatClient[]) {
  for (const client of list) await waitFor(client, (s) => s.connection.status === "connected");
}

const messages = (client: ChatClient, conversation: string) =>
  threadMessages(client.getState().threads[conversation] ?? emptyThread);
const texts = (client: ChatClient, conversation: string) =>
  messages(client, conversation).map((m) => m.text);
/** A message by client id, whatever the thread's internal shape. */
const find = (state: ChatState, conversation: string, clientId: string) =>
  threadMessages(state.threads[conversation] ?? emptyThread).find((m) => m.clientId === clientId);
const count = (client: ChatClient, conversation: string, text: string) =>
  texts(client, conversation).filter((t) => t === text).length;

describe("support-socketio adapter against the reference server", () => {
  it("a user and the desk exchange messages, each seen once and confirmed", async () => {
    const user = connect(alice);
    const admin = connect(bob);
    const other = connect(zed);
    await online(user, admin, other);
    expect(user.getState().me).toBe(alice);
    expect(admin.getState().me).toBe(bob);
    // Only the desk starts conversations: a user has their own one.
    expect(user.getState().capabilities.createConversation).toBe(false);
    expect(admin.getState().capabilities.createConversation).toBe(true);
    // The deployed backend relays a message only to the room it names: admins join it.
    if (field) for (const desk of [admin, other]) await desk.openConversation(alice);

    // The conversation is the user's id on every side.
    const sent = user.send(alice, "hello desk", {
      extra: { appointment_id: "appointment789", service_id: "service123" },
    });
    const confirmed = await waitFor(user, (s) => {
      const m = find(s, alice, sent.clientId);
      return m?.status === "sent" ? m : undefined;
    });
    expect(confirmed.id).toMatch(/^[0-9a-f]{24}$/);
    expect(confirmed.senderId).toBe(alice);
    // The deployed backend stores no references.
    expect(confirmed.extra).toMatchObject(
      field
        ? { appointment_id: null, service_id: null }
        : { appointment_id: "appointment789", service_id: "service123" },
    );

    for (const desk of [admin, other]) {
      const seen = await waitFor(desk, (s) =>
        threadMessages(s.threads[alice] ?? emptyThread).find((m) => m.text === "hello desk"),
      );
      expect(seen.id).toBe(confirmed.id);
      expect(seen.senderId).toBe(alice);
      expect(seen.extra).toMatchObject({ appointment_id: field ? null : "appointment789" });
      // Addressed to an admin who is online; every admin receives it anyway. The deployed
      // backend tells a user of no admin: the message goes to the desk, "admin".
      expect(field ? ["admin"] : [bob, zed]).toContain(seen.extra?.receiver_id);
    }

    const reply = admin.send(alice, "hi alice, how can we help?");
    await waitFor(user, () => count(user, alice, "hi alice, how can we help?") === 1);
    await waitFor(other, () => count(other, alice, "hi alice, how can we help?") === 1);
    const replied = await waitFor(admin, (s) => find(s, alice, reply.clientId)?.id !== undefined);
    expect(replied).toBe(true);

    // The user answers the admin who last wrote; every admin sees it once.
    const answer = user.send(alice, "my appointment moved");
    await waitFor(user, (s) => find(s, alice, answer.clientId)?.status === "sent");
    for (const client of [user, admin, other]) {
      await waitFor(client, () => count(client, alice, "my appointment moved") === 1);
      expect(count(client, alice, "hello desk")).toBe(1);
      expect(count(client, alice, "hi alice, how can we help?")).toBe(1);
      expect(texts(client, alice).slice(-3)).toEqual([
        "hello desk",
        "hi alice, how can we help?",
        "my appointment moved",
      ]);
    }
    const last = messages(admin, alice).at(-1);
    expect(last?.extra?.receiver_id).toBe(bob);
    expect(messages(user, alice).every((m) => m.status !== "pending")).toBe(true);
  });

  it("shows typing both ways", async () => {
    const user = connect(alice);
    const admin = connect(bob);
    await online(user, admin);
    await user.openConversation(alice);
    await admin.openConversation(alice);

    admin.typing(alice);
    await waitFor(user, (s) => s.typing[alice]?.includes(bob));
    admin.stopTyping(alice);
    await waitFor(user, (s) => !s.typing[alice]?.includes(bob));

    user.typing(alice);
    await waitFor(admin, (s) => s.typing[alice]?.includes(alice));
    user.stopTyping(alice);
    await waitFor(admin, (s) => !s.typing[alice]?.includes(alice));
  });

  it("counts unread messages and carries read receipts both ways", async () => {
    const user = connect(carol);
    const admin = connect(bob);
    await online(user, admin);
    await user.openConversation(carol);

    user.send(carol, "first question");
    const second = user.send(carol, "second question");
    await waitFor(user, (s) => find(s, carol, second.clientId)?.id !== undefined);

    const list = await admin.loadConversations();
    const row = list.find((c) => c.id === carol);
    expect(row?.unreadCount).toBe(2);
    expect(row?.title).toBe("Carol");
    expect(row?.lastMessage?.text).toBe("second question");
    expect(list.find((c) => c.id === alice)).toBeDefined();

    await admin.openConversation(carol);
    await admin.markRead(carol);
    await waitFor(user, (s) =>
      threadMessages(s.threads[carol] ?? emptyThread)
        .filter((m) => m.senderId === carol)
        .every((m) => m.status === "read"),
    );
    const after = await admin.loadConversations();
    // The deployed mark_read covers only messages addressed to the reader: those Carol sent to
    // the desk ("admin") stay unread there.
    expect(after.find((c) => c.id === carol)?.unreadCount).toBe(field ? 2 : 0);

    const answer = admin.send(carol, "an answer");
    await waitFor(admin, (s) => find(s, carol, answer.clientId)?.id !== undefined);
    const mine = await user.loadConversations();
    expect(mine).toHaveLength(1);
    expect(mine[0]?.id).toBe(carol);
    expect(mine[0]?.unreadCount).toBe(1);
    expect(mine[0]?.lastMessage?.text).toBe("an answer");
    await waitFor(user, () => count(user, carol, "an answer") === 1);

    await user.markRead(carol);
    await waitFor(admin, (s) => find(s, carol, answer.clientId)?.status === "read");
    expect((await user.loadConversations())[0]?.unreadCount).toBe(0);
  });

  it("reports who is online and who went offline", async () => {
    const admin = connect(bob);
    await online(admin);
    const user = connect(mallory);
    await online(user);
    if (field) {
      // The deployed backend sends no presence events: the capability is reported absent.
      for (const client of [admin, user])
        await waitFor(client, (s) => s.capabilities.presence === false);
      expect(user.getState().presence[bob]).toBeUndefined();
      return;
    }
    expect(admin.getState().capabilities.presence).toBe(true);
    // A user sees the admins online; the desk sees the user arrive and leave.
    await waitFor(user, (s) => s.presence[bob]?.online === true);
    await waitFor(admin, (s) => s.presence[mallory]?.online === true);
    user.disconnect();
    await waitFor(admin, (s) => s.presence[mallory]?.online === false);
  });

  it("pages history oldest first for the desk and for the user", async () => {
    const writer = connect(mallory);
    const admin = connect(bob);
    await online(writer, admin);
    const batch = Array.from({ length: 7 }, (_, i) => `page ${i}`);
    // One at a time, a few ms apart: the thread orders equal timestamps by arrival, and an
    // older page arrives after a newer one (see the report on thread.ts).
    for (const text of batch) {
      const sent = writer.send(mallory, text);
      await waitFor(writer, (s) => find(s, mallory, sent.clientId)?.status === "sent");
      await new Promise((r) => setTimeout(r, 3));
    }

    for (const [id, reader] of [
      [bob, connect(bob, { pageSize: 3 })],
      [mallory, connect(mallory, { pageSize: 3 })],
    ] as const) {
      await online(reader);
      expect(reader.getState().me).toBe(id);
      await reader.openConversation(mallory);
      expect(texts(reader, mallory).slice(-3)).toEqual(batch.slice(-3));
      expect(await reader.loadOlder(mallory)).toBe(true);
      expect(texts(reader, mallory).slice(-6)).toEqual(batch.slice(-6));
      let more = true;
      while (more) more = await reader.loadOlder(mallory);
      const paged = texts(reader, mallory).filter((t) => t.startsWith("page "));
      expect(paged).toEqual(batch);
      expect(reader.getState().threads[mallory]?.hasMore).toBe(false);
    }
  });

  it("loses and doubles nothing across a drop and a server restart", async () => {
    const user = connect(alice);
    const admin = connect(bob);
    await online(user, admin);
    await user.openConversation(alice);
    await admin.openConversation(alice);

    const batch = await sendAcrossRestart(server, (text) => user.send(alice, text));
    const sent = (m: Message) => m.id !== undefined && m.status === "sent";
    await expectExactlyOnce(user, alice, batch, sent);
    await expectExactlyOnce(admin, alice, batch, sent);
  });

  it("gets a fresh token when the old one expired, and stops on a revoked one", async () => {
    let calls = 0;
    const refreshing = connect(alice, {
      auth: async () => (++calls === 1 ? server.token(alice, -10) : server.token(alice)),
    });
    await waitFor(refreshing, (s) => s.connection.status === "connected");
    expect(calls).toBe(2);

    let attempts = 0;
    const revoked = connect(alice, {
      auth: async () => {
        attempts += 1;
        return server.tokens.sign(alice, { expiresIn: -10 });
      },
    });
    await waitFor(revoked, (s) => s.connection.status === "unauthorized");
    const settled = attempts;
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts).toBe(settled);
    expect(revoked.getState().connection.status).toBe("unauthorized");
  });

  it("brings an admin a user's new messages, unread, in a conversation the admin never opened", async () => {
    const admin = connect(bob);
    await online(admin);
    await admin.loadConversations();
    const user = connect(mallory);
    await online(user);
    // Carol may have written before: only what she writes now counts.
    const before = admin.getState().conversations[mallory]?.unreadCount ?? 0;
    user.send(mallory, "anyone at the desk?");
    await waitFor(admin, () => count(admin, mallory, "anyone at the desk?") === 1);
    await waitFor(admin, (s) => s.conversations[mallory]?.unreadCount === before + 1);
    // The room is joined now: the next one comes live, once.
    user.send(mallory, "still here");
    await waitFor(admin, () => count(admin, mallory, "still here") === 1);
    expect(count(admin, mallory, "anyone at the desk?")).toBe(1);
    expect(admin.getState().conversations[mallory]?.unreadCount).toBe(before + 2);
  });
});

describe("support-socketio session", () => {
  function session(
    userId: string,
    events: AdapterEvent[] = [],
    options: Parameters<typeof supportSocketio>[0] = {},
  ) {
    return supportSocketio(options).createSession({
      url: server.url("support-socketio"),
      token: () => token(userId),
      fetch: (...args) => globalThis.fetch(...args),
      timers: defaultTimers,
      random: defaultRandom,
      emit: (event) => events.push(event),
    });
  }

  it("answers the heartbeat and refuses what the desk forbids", async () => {
    const events: AdapterEvent[] = [];
    const user = session(carol, events);
    const admin = session(bob);
    await user.connect();
    await admin.connect();
    expect(events[0]).toEqual({ type: "ready", userId: carol });
    await user.ping?.();

    // A user has one conversation, their own.
    await expect(
      user.send({ clientId: "x", conversationId: alice, text: "not mine" }),
    ).rejects.toMatchObject({ code: "invalid-input", retryable: false });
    // An admin writing to nobody.
    const refused = await admin
      .send({ clientId: "y", conversationId: "no-such-user", text: "hello?" })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ParleyError);
    expect(refused).toMatchObject({ code: "not-found", retryable: false });
    // An admin writing to another admin.
    await expect(
      admin.send({ clientId: "z", conversationId: zed, text: "hi zed" }),
    ).rejects.toMatchObject({ code: "forbidden" });

    user.disconnect();
    await expect(
      user.send({ clientId: "w", conversationId: carol, text: "offline" }),
    ).rejects.toMatchObject({ code: "network", retryable: true });
    admin.disconnect();
    expect(events.some((e) => e.type === "closed")).toBe(false);
  });

  it("addresses a user's messages to the configured admin", async () => {
    const user = session(mallory, [], { defaultAdminId: zed, role: "user" });
    await user.connect();
    const stored = await user.send({
      clientId: "c",
      conversationId: mallory,
      text: "to zed",
      extra: { appointment_id: "ap-1" },
    });
    expect(stored).toMatchObject({
      conversationId: mallory,
      senderId: mallory,
      text: "to zed",
      status: "sent",
      extra: { appointment_id: field ? null : "ap-1", service_id: null, receiver_id: zed },
    });
    const page = await user.history?.(mallory, null, 1);
    expect(page?.messages.map((m) => m.id)).toEqual([stored?.id]);
    expect(page?.cursor).toBe("1");
    user.disconnect();
  });

  it("takes the role from the token's claims or the option, with no failed request and no loop", async () => {
    const requests: Array<[string, number]> = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      requests.push([new URL(String(input)).pathname, response.status]);
      return response;
    };
    const cases = [
      [zed, await server.tokens.sign(zed, { claims: { is_admin: true } }), {}, "admin"],
      [bob, await server.tokens.sign(bob, { claims: { roles: ["staff", "admin"] } }), {}, "admin"],
      [bob, await server.token(bob), { role: "admin" }, "admin"],
      [carol, await server.tokens.sign(carol, { claims: { role: "user" } }), {}, "user"],
      [mallory, await server.token(mallory), { role: "user" }, "user"],
    ] as const;
    for (const [userId, signed, options, role] of cases) {
      const desk = supportSocketio(options).createSession({
        url: server.url("support-socketio"),
        token: async () => signed,
        fetch,
        timers: defaultTimers,
        random: defaultRandom,
        emit: () => {},
      });
      await desk.connect();
      const list = (await desk.conversations?.()) ?? [];
      // An admin lists the desk's users; a user has their one conversation.
      if (role === "admin") expect(list.map((c) => c.id)).toEqual(expect.arrayContaining([alice]));
      else expect(list.map((c) => c.id)).toEqual([userId]);
      desk.disconnect();
    }
    const base = field ? "/api/chat" : "/chat";
    // Admins: the list at connect and the one asked for; users: one history read. Nothing
    // failed, nothing was repeated, nothing went to the other base.
    expect(requests).toEqual([
      ...Array(6).fill([`${base}/users`, 200]),
      [`${base}/history/self`, 200],
      [`${base}/history/self`, 200],
    ]);
  });

  it("reports a drop it did not ask for as a retryable close", async () => {
    const events: AdapterEvent[] = [];
    const user = session(carol, events);
    await user.connect();
    server.dropConnections();
    await new Promise<void>((resolve) => {
      const poll = () =>
        events.some((e) => e.type === "closed") ? resolve() : setTimeout(poll, 10);
      poll();
    });
    const closed = events.find((e) => e.type === "closed");
    expect(closed).toMatchObject({ error: { code: "network", retryable: true } });
    user.disconnect();
  });
});
