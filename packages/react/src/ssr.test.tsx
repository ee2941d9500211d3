// @vitest-environment node
import { connected, fakeChat, incoming, settle } from "@parley/test-kit";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useConnection } from "./use-connection.js";
import { useConversations } from "./use-conversations.js";
import { useMessages } from "./use-messages.js";
import { useOpenConversation } from "./use-open-conversation.js";
import { useSearch } from "./use-search.js";
import { useTypingUsers } from "./use-typing.js";
import { useUnreadCount } from "./use-unread-count.js";

function Inbox() {
  const connection = useConnection();
  const conversations = useConversations();
  const unread = useUnreadCount();
  return (
    <main>
      <p>{connection.status}</p>
      <p>{`${unread} unread`}</p>
      {conversations.map((c) => (
        <Conversation key={c.id} id={c.id} />
      ))}
    </main>
  );
}

function Conversation({ id }: { id: string }) {
  // Effects never run on the server: this must not open anything or touch a browser global.
  const { status } = useOpenConversation(id);
  const { messages } = useMessages(id);
  const typing = useTypingUsers(id);
  return (
    <section data-state={status}>
      {messages.map((m) => m.text).join("|")}
      {typing.length > 0 ? " typing" : ""}
    </section>
  );
}

let searchTimersSet = 0;
const countingTimers = {
  setTimeout: () => {
    searchTimersSet += 1;
    return 0;
  },
  clearTimeout() {},
};

function SearchResults() {
  const { status, results } = useSearch("plan", { timers: countingTimers });
  return <p data-state={status}>{results.length}</p>;
}

describe("server rendering", () => {
  it("renders the client's current state with renderToString in Node", async () => {
    expect(typeof window).toBe("undefined");
    const { client, emit, session } = fakeChat();
    const idle = renderToString(
      <ChatProvider client={client}>
        <Inbox />
      </ChatProvider>,
    );
    expect(idle).toBe("<main><p>idle</p><p>0 unread</p></main>");

    await connected(client);
    emit({ type: "message", message: incoming("a", "hello") });
    emit({ type: "message", message: incoming("a", "there") });
    await settle();
    const html = renderToString(
      <ChatProvider client={client}>
        <Inbox />
      </ChatProvider>,
    );
    expect(html).toBe(
      '<main><p>connected</p><p>2 unread</p><section data-state="opening">hello|there</section></main>',
    );
    expect(session.watch).not.toHaveBeenCalled();
    client.destroy();
  });

  it("renders a search as searching, with no timer set and nothing asked", () => {
    const { client } = fakeChat();
    let asked = 0;
    const searchable = {
      ...client,
      search: async () => {
        asked += 1;
        return { hits: [], cursor: null };
      },
    };
    searchTimersSet = 0;
    const html = renderToString(
      <ChatProvider client={searchable}>
        <SearchResults />
      </ChatProvider>,
    );
    expect(html).toBe('<p data-state="searching">0</p>');
    expect(searchTimersSet).toBe(0);
    expect(asked).toBe(0);
    client.destroy();
  });
});
