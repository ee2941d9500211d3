import { type ChatClient, createChatClient } from "@parley/core";
import { friendsWs } from "@parley/core/adapters/friends-ws";
import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { act, cleanup, render, waitFor, within } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { ChatProvider } from "./chat-provider.js";
import { useConnection } from "./use-connection.js";
import { useMessages } from "./use-messages.js";
import { useOpenConversation } from "./use-open-conversation.js";
import { useSend } from "./use-send.js";

const { alice, bob } = testUsers;
let server: ParleyServer;
const clients: ChatClient[] = [];

// Vitest's jsdom environment replaces the global Uint8Array with jsdom's, while Node's
// TextEncoder and Buffer still make Node's: the server's JWT library then refuses its own key.
// The server is a Node program, so this file gives it Node's typed array back.
const jsdomUint8Array = globalThis.Uint8Array;
beforeAll(() => {
  globalThis.Uint8Array = new TextEncoder().encode("").constructor as Uint8ArrayConstructor;
});
afterAll(() => {
  globalThis.Uint8Array = jsdomUint8Array;
});

beforeEach(async () => {
  server = await startTestServer({ dialects: ["friends-ws"] });
});
afterEach(async () => {
  cleanup();
  for (const client of clients.splice(0)) client.destroy();
  await server.close();
});

function connect(userId: string): ChatClient {
  const client = createChatClient({
    adapter: friendsWs(),
    url: server.url("friends-ws"),
    auth: () => server.token(userId),
    WebSocket,
    backoff: { min: 50, max: 500 },
  });
  clients.push(client);
  client.connect();
  return client;
}

/** One user's view of a conversation with a peer, and a button that sends "hello bob". */
function Conversation({ peer }: { peer: string }) {
  const connection = useConnection();
  const { status } = useOpenConversation(peer);
  const { messages } = useMessages(peer);
  const send = useSend(peer);
  return (
    <section data-connection={connection.status} data-state={status}>
      <ul>
        {messages.map((m) => (
          <li key={m.clientId} data-status={m.status}>
            {m.text}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => send("hello bob")}>
        send
      </button>
    </section>
  );
}

describe("against the reference server (friends-ws)", () => {
  it("two clients exchange a message and each hook-rendered list shows it once", async () => {
    const a = connect(alice);
    const b = connect(bob);
    const aliceView = render(
      <ChatProvider client={a}>
        <Conversation peer={bob} />
      </ChatProvider>,
    );
    const bobView = render(
      <ChatProvider client={b}>
        <Conversation peer={alice} />
      </ChatProvider>,
    );
    const section = (view: typeof aliceView) => view.container.querySelector("section");
    // Both trees share document.body: query inside each one's container.
    const items = (view: typeof aliceView) =>
      within(view.container)
        .queryAllByRole("listitem")
        .map((li) => `${li.textContent} (${li.dataset.status})`);
    await waitFor(
      () => {
        for (const view of [aliceView, bobView]) {
          expect(section(view)?.dataset.connection).toBe("connected");
          expect(section(view)?.dataset.state).toBe("open");
        }
      },
      { timeout: 8000 },
    );

    await act(async () => within(aliceView.container).getByRole("button").click());
    expect(items(aliceView)).toEqual(["hello bob (pending)"]);
    // Bob's list shows it once; Alice's pending copy is confirmed in place, not doubled.
    await waitFor(() => expect(items(bobView)).toEqual([expect.stringMatching(/^hello bob/)]), {
      timeout: 8000,
    });
    await waitFor(() => expect(items(aliceView)).toEqual(["hello bob (delivered)"]), {
      timeout: 8000,
    });
    expect(items(bobView)).toHaveLength(1);
  });
});
