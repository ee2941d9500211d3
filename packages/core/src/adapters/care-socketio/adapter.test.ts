import type { ParleyServer } from "@parley/server";
import { startTestServer, testProfile, testUsers } from "@parley/server/testing";
import { waitFor } from "@parley/test-kit";
import { expectExactlyOnce, sendAcrossRestart } from "@parley/test-kit/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TokenProvider } from "../../auth.js";
import { type ChatClient, type ChatClientOptions, createChatClient } from "../../client.js";
import type { Message } from "../../model.js";
import { emptyThread, findMessage, threadMessages } from "../../thread.js";
import { careSocketio } from "./index.js";

const { alice, bob, carol, mallory, ivan } = testUsers;
let server: ParleyServer;
const clients: ChatClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ dialects: ["care-socketio"] });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});
afterAll(() => server.close());

function connect(
  userId: string,
  auth?: TokenProvider,
  more: Partial<ChatClientOptions> = {},
): ChatClient {
  const client = createChatClient({
    adapter: careSocketio(),
    url: server.url("care-socketio"),
    auth: auth ?? (() => server.token(userId)),
    backoff: { min: 50, max: 500 },
    outbox: { ackTimeoutMs: 2000, retryBackoff: { min: 50, max: 500 } },
    ...more,
  });
  clients.push(client);
  client.connect();
  return client;
}

async function connected(...list: ChatClient[]): Promise<void> {
  for (const client of list) await waitFor(client, (s) => s.connection.status === "connected");
}

const messages = (client: ChatClient, conversationId: string): readonly Message[] =>
  threadMessages(client.getState().threads[conversationId] ?? emptyThread);
const texts = (client: ChatClient, conversationId: string, prefix = "") =>
  messages(client, conversationId)
    .map((m) => m.text)
    .filter((t) => t.startsWith(prefix));

/** Waits for the message with `clientId` to reach `status` and answers it. */
function settled(client: ChatClient, conversationId: string, clientId: string, status: string) {
  return waitFor(
    client,
    (s) => {
      const m = findMessage(s.threads[conversationId] ?? emptyThread, clientId);
      return m?.status === status ? m : undefined;
    },
    8000,
    `message ${status}`,
  );
}

/** Waits until every text in `list` is on the thread, confirmed. */
function allSent(client: ChatClient, conversationId: string, list: string[]) {
  return waitFor(
    client,
    () =>
      list.every((text) =>
        messages(client, conversationId).some((m) => m.text === text && m.id !== undefined),
      ),
    8000,
    "confirmations",
  );
}

describe("care-socketio adapter against the reference server", () => {
  it("two users exchange messages; each sees every message once, confirmed", async () => {
    const a = connect(alice);
    const b = connect(bob);
    await connected(a, b);
    expect(a.getState().me).toBe(alice);
    expect(a.capabilities.attachments).toBe("url");
    await a.openConversation(bob);
    await b.openConversation(alice);

    const sent = a.send(bob, "xchg hello doctor");
    expect(sent.status).toBe("pending");
    const confirmed = await settled(a, bob, sent.clientId, "sent");
    expect(confirmed.id).toMatch(/^[0-9a-f]{24}$/);
    expect(confirmed.senderId).toBe(alice);
    expect(confirmed.conversationId).toBe(bob);
    expect(confirmed.extra?.conversationId).toBe([alice, bob].sort().join("_"));

    await waitFor(b, () => texts(b, alice).includes("xchg hello doctor"));
    const received = messages(b, alice).find((m) => m.text === "xchg hello doctor");
    expect(received?.clientId).toBe(`id:${confirmed.id}`);
    expect(received?.senderId).toBe(alice);

    b.send(alice, "xchg hello patient");
    await waitFor(a, () => texts(a, bob).includes("xchg hello patient"));
    await allSent(b, alice, ["xchg hello patient"]);
    for (const [client, other] of [
      [a, bob],
      [b, alice],
    ] as const) {
      expect(texts(client, other, "xchg ")).toEqual(["xchg hello doctor", "xchg hello patient"]);
    }
  });

  it("shows a send from another tab of the same user once, in both tabs", async () => {
    const tab1 = connect(alice);
    await connected(tab1);
    const tab2 = connect(alice); // the later socket: the one the field backend keeps for alice
    const b = connect(bob);
    await connected(tab2, b);
    for (const client of [tab1, tab2]) await client.openConversation(bob);
    await b.openConversation(alice);
    const sent = tab1.send(bob, "tabs one");
    await settled(tab1, bob, sent.clientId, "sent");
    await waitFor(b, () => texts(b, alice).includes("tabs one"));
    if (testProfile() === "field") {
      // The deployed backend confirms to the sending socket only: the other tab hears nothing.
      // Bob's answer reaches it after anything sent to it before; a reconnect catches up.
      b.send(alice, "tabs answer");
      await waitFor(tab2, () => texts(tab2, bob).includes("tabs answer"));
      expect(texts(tab2, bob, "tabs ")).toEqual(["tabs answer"]);
      tab2.disconnect();
      tab2.connect();
      await waitFor(tab2, () => texts(tab2, bob).includes("tabs one"), 8000, "catch-up");
      expect(texts(tab2, bob, "tabs ")).toEqual(["tabs one", "tabs answer"]);
      return;
    }
    await waitFor(tab2, () => texts(tab2, bob).includes("tabs one"));
    for (const client of [tab1, tab2]) expect(texts(client, bob, "tabs ")).toEqual(["tabs one"]);
  });

  it("relays typing both ways", async () => {
    const a = connect(alice);
    const b = connect(bob);
    await connected(a, b);
    await a.openConversation(bob);
    await b.openConversation(alice);
    a.typing(bob);
    await waitFor(b, (s) => s.typing[alice]?.includes(alice));
    a.stopTyping(bob);
    await waitFor(b, (s) => !s.typing[alice]?.includes(alice));
    b.typing(alice);
    await waitFor(a, (s) => s.typing[bob]?.includes(bob));
  });

  it("marks a conversation read and shows the receipt to the sender", async () => {
    const c = connect(carol);
    const b = connect(bob);
    await connected(c, b);
    await c.openConversation(bob);
    await b.openConversation(carol);
    const sent = c.send(bob, "receipt please");
    await settled(c, bob, sent.clientId, "sent");
    await waitFor(b, () => texts(b, carol).includes("receipt please"));
    await b.markRead(carol);
    const read = await settled(c, bob, sent.clientId, "read");
    expect(read.text).toBe("receipt please");
  });

  it("reports presence and user status: initial state, changes, going offline", async () => {
    const b = connect(bob);
    await connected(b);
    b.setStatus("available");
    const c = connect(carol);
    await connected(c);
    await c.openConversation(bob);
    // The field backend announces statuses to conversation partners only: make sure they are.
    const hello = c.send(bob, "presence hello");
    await settled(c, bob, hello.clientId, "sent");
    await waitFor(c, (s) => s.presence[bob]?.online === true, 8000, "bob online");
    b.setStatus("busy");
    await waitFor(c, (s) => s.presence[bob]?.status === "busy", 8000, "bob busy");
    if (testProfile() === "seed") {
      await waitFor(b, (s) => s.presence[bob]?.status === "busy", 8000, "own status echo");
    } else {
      // No echo of one's own status in the field: Bob's own presence was never reported.
      expect(b.getState().presence[bob]).toBeUndefined();
    }
    b.setStatus("available");
    await waitFor(c, (s) => s.presence[bob]?.status === "available");
    b.disconnect();
    await waitFor(c, (s) => s.presence[bob]?.online === false, 8000, "bob offline");
    const reconnected = connect(bob);
    await connected(reconnected);
    await waitFor(c, (s) => s.presence[bob]?.online === true, 8000, "bob back");
  });

  it("pages history with loadOlder, oldest first, each message once", async () => {
    const sender = connect(carol);
    await connected(sender);
    await sender.openConversation(bob);
    const batch = Array.from({ length: 7 }, (_, i) => `page ${i}`);
    for (const text of batch) sender.send(bob, text);
    await allSent(sender, bob, batch);

    const reader = connect(bob, undefined, { pageSize: 3 });
    await connected(reader);
    await reader.openConversation(carol);
    expect(messages(reader, carol)).toHaveLength(3);
    let more = true;
    for (let i = 0; more && i < 100; i++) more = await reader.loadOlder(carol);
    expect(texts(reader, carol, "page ")).toEqual(batch);
    const ids = messages(reader, carol).map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(await reader.loadOlder(carol)).toBe(false);
  });

  it("lists conversations with unread counts and the last message", async () => {
    const c = connect(carol);
    await connected(c);
    await c.openConversation(bob);
    const unread = ["unread 1", "unread 2", "unread 3"];
    for (const text of unread) c.send(bob, text);
    await allSent(c, bob, unread);

    const b = connect(bob);
    await connected(b);
    const list = await b.loadConversations();
    const entry = list.find((conversation) => conversation.id === carol);
    expect(entry?.unreadCount).toBeGreaterThanOrEqual(3);
    expect(entry?.lastMessage?.text).toBe("unread 3");
    expect(entry?.lastMessage?.senderId).toBe(carol);
    expect(entry?.title).toBe("Carol");
    expect(b.getState().conversations[carol]?.unreadCount).toBe(entry?.unreadCount);

    await b.markRead(carol);
    expect(b.getState().conversations[carol]?.unreadCount).toBe(0);
    await waitFor(c, () => messages(c, bob).find((m) => m.text === "unread 3")?.status === "read");
    const again = await b.loadConversations();
    expect(again.find((conversation) => conversation.id === carol)?.unreadCount).toBe(0);
  });

  it("names a conversation that starts after the list was loaded, from its first message", async () => {
    // A server of its own: no conversation between Bob and Carol yet.
    const own = await startTestServer({ dialects: ["care-socketio"] });
    try {
      const as = (user: string) =>
        connect(user, () => own.token(user), { url: own.url("care-socketio") });
      const b = as(bob);
      await connected(b);
      expect((await b.loadConversations()).map((c) => c.id)).not.toContain(carol);
      const c = as(carol);
      await connected(c);
      await c.openConversation(bob);
      c.send(bob, "a first question, doctor");
      await waitFor(b, (s) => s.conversations[carol]?.title === "Carol", 8000, "Carol named");
      expect(b.getState().conversations[carol]?.lastMessage?.text).toBe("a first question, doctor");
    } finally {
      for (const client of clients.splice(0)) client.destroy();
      await own.close();
    }
  });

  it("sends file and image messages by URL and fails a refused one without desynchronizing", async () => {
    const a = connect(alice);
    const b = connect(bob);
    await connected(a, b);
    await a.openConversation(bob);
    await b.openConversation(alice);
    const image = a.send(bob, "", {
      attachments: [{ url: "https://files.test/x-ray.png", name: "x-ray.png", type: "image" }],
    });
    const bad = a.send(bob, "bad link", {
      attachments: [{ url: "javascript:alert(1)", name: "evil" }],
    });
    const after = a.send(bob, "after the refused one");

    const stored = await settled(a, bob, image.clientId, "sent");
    expect(stored.attachments).toEqual([
      { url: "https://files.test/x-ray.png", name: "x-ray.png", type: "image" },
    ]);
    expect(stored.extra?.messageType).toBe("image");
    const failed = await settled(a, bob, bad.clientId, "failed");
    expect(failed.error?.code).toBe("invalid-input");
    await settled(a, bob, after.clientId, "sent");

    await waitFor(b, () => texts(b, alice).includes("after the refused one"));
    const seen = messages(b, alice).find((m) => m.id === stored.id);
    expect(seen?.attachments?.[0]?.url).toBe("https://files.test/x-ray.png");
    expect(texts(b, alice)).not.toContain("bad link");
  });

  it("fails a send to someone outside the care relation as forbidden", async () => {
    const m = connect(mallory);
    await connected(m);
    await expect(m.openConversation(bob)).rejects.toMatchObject({ code: "forbidden" });
    const sent = m.send(bob, "let me in");
    const failed = await settled(m, bob, sent.clientId, "failed");
    expect(failed.error?.code).toBe("forbidden");
    expect(m.getState().connection.status).toBe("connected");
  });

  it("loses and doubles nothing across a drop and a server restart", async () => {
    const a = connect(alice);
    const b = connect(bob);
    await connected(a, b);
    await a.openConversation(bob);
    await b.openConversation(alice);

    const batch = await sendAcrossRestart(server, (text) => a.send(bob, text));
    await expectExactlyOnce(a, bob, batch, (m) => m.status === "sent" || m.status === "read");
    await expectExactlyOnce(b, alice, batch);
  });

  it("gets a fresh token when the old one expired", async () => {
    // The handshake asks for the socket's token, the one the client refreshes after a refusal.
    let calls = 0;
    const client = connect(alice, async ({ purpose }) =>
      purpose === "socket" && ++calls === 1 ? server.token(alice, -10) : server.token(alice),
    );
    await connected(client);
    expect(calls).toBe(2);
  });

  it("stops as unauthorized on a revoked token and tries no more", async () => {
    let calls = 0;
    const client = connect(alice, async () => {
      calls += 1;
      return server.tokens.sign(alice, { expiresIn: -10 });
    });
    await waitFor(client, (s) => s.connection.status === "unauthorized");
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(calls).toBe(after);
    expect(client.getState().connection.status).toBe("unauthorized");
  });

  it("stops on a refused account (inactive) without a retry loop", async () => {
    const client = connect(ivan);
    const state = await waitFor(client, (s) =>
      s.connection.status === "unauthorized" ? s.connection : undefined,
    );
    expect(state.reason).toMatch(/inactive/i);
  });
});

describe("care-socketio names from messages", () => {
  /** The sender's name in the directory in the very store update that first shows `text`. */
  const nameAtFirstSight = (client: ChatClient, conversationId: string, text: string) =>
    waitFor(client, (s) => {
      const message = threadMessages(s.threads[conversationId] ?? emptyThread).find(
        (m) => m.text === text,
      );
      return message && (client.users.get(message.senderId)?.name ?? "(no name)");
    });

  it("names both parties with the frame that brings a message, and with a history page", async () => {
    const patient = connect(alice);
    const doctor = connect(bob);
    await connected(patient, doctor);
    const live = nameAtFirstSight(doctor, alice, "a question about my dose");
    patient.send(bob, "a question about my dose");
    expect(await live).toBe("Alice");

    const reader = connect(bob);
    await connected(reader);
    const paged = nameAtFirstSight(reader, alice, "a question about my dose");
    await reader.openConversation(alice);
    expect(await paged).toBe("Alice");
    // The receiver is named too: the doctor, in the patient's directory.
    await waitFor(patient, () => patient.users.get(bob)?.name === "Bob");
  });
});
