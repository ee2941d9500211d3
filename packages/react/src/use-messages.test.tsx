import type { HistoryPage } from "@parley/core";
import { connected, deferred, fakeChat, incoming, settle } from "@parley/test-kit";
import { act, cleanup, render, renderHook, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useMessages } from "./use-messages.js";

afterEach(cleanup);

/** How many messages conversation "a" has; counts its renders. */
function MessageCount({ renders }: { renders: { count: number } }) {
  renders.count += 1;
  const { messages } = useMessages("a");
  return <p>{`${messages.length} messages`}</p>;
}

describe("useMessages", () => {
  it("renders a burst of 50 events in one tick once", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const renders = { count: 0 };
    render(
      <ChatProvider client={client}>
        <MessageCount renders={renders} />
      </ChatProvider>,
    );
    expect(renders.count).toBe(1);
    // Outside act, React schedules as it would in an app; act would batch for us and prove nothing.
    const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
    try {
      for (let i = 0; i < 50; i++) emit({ type: "message", message: incoming("a", `m${i}`) });
      await settle();
      await settle();
    } finally {
      actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
    }
    expect(screen.getByText("50 messages")).toBeTruthy();
    expect(renders.count).toBe(2);
    client.destroy();
  });

  it("keeps the messages array while other conversations change", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const { result } = renderHook(() => useMessages("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    await act(async () => emit({ type: "message", message: incoming("a", "one") }));
    const messages = result.current.messages;
    expect(messages.map((m) => m.text)).toEqual(["one"]);
    await act(async () => {
      emit({ type: "message", message: incoming("b", "elsewhere") });
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true });
    });
    expect(result.current.messages).toBe(messages);
    client.destroy();
  });

  it("loads older history once when asked twice at the same time; hasMore follows", async () => {
    const { client, session } = fakeChat();
    await connected(client);
    const oldest = incoming("a", "oldest");
    session.history.mockResolvedValueOnce({ messages: [incoming("a", "newest")], cursor: "p2" });
    await client.openConversation("a");
    const { result } = renderHook(() => useMessages("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current.hasMore).toBe(true);
    expect(session.history).toHaveBeenCalledTimes(1);

    const page = deferred<HistoryPage>();
    session.history.mockReturnValueOnce(page.promise);
    let first!: Promise<boolean>;
    let second!: Promise<boolean>;
    act(() => {
      first = result.current.loadOlder();
      second = result.current.loadOlder();
    });
    expect(result.current.loadingOlder).toBe(true);
    await waitFor(() => expect(session.history).toHaveBeenCalledTimes(2));
    expect(session.history.mock.calls[1]?.slice(0, 2)).toEqual(["a", "p2"]);

    await act(async () => page.resolve({ messages: [oldest], cursor: null }));
    await expect(first).resolves.toBe(false);
    await expect(second).resolves.toBe(false);
    expect(session.history).toHaveBeenCalledTimes(2);
    expect(result.current.hasMore).toBe(false);
    expect(result.current.loadingOlder).toBe(false);
    expect(result.current.messages.map((m) => m.text)).toEqual(["oldest", "newest"]);
    client.destroy();
  });

  it("has no more to load where the backend keeps no history", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const { result } = renderHook(() => useMessages("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current.hasMore).toBe(true);
    await act(async () => emit({ type: "capabilities", capabilities: { history: false } }));
    expect(result.current.hasMore).toBe(false);
    client.destroy();
  });

  it("reports a failed load in error instead of rejecting", async () => {
    const { client, session } = fakeChat();
    await connected(client);
    session.history.mockRejectedValueOnce(new Error("socket hang up"));
    const { result } = renderHook(() => useMessages("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    let more: boolean | undefined;
    await act(async () => {
      more = await result.current.loadOlder();
    });
    expect(more).toBe(false);
    expect(result.current.error).toMatchObject({ name: "ParleyError", code: "network" });
    expect(result.current.hasMore).toBe(true);

    await act(async () => {
      more = await result.current.loadOlder();
    });
    expect(result.current.error).toBeNull();
    client.destroy();
  });
});
