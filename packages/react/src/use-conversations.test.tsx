import type { Conversation } from "@parley/core";
import { connected, fakeChat, incoming } from "@parley/test-kit";
import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useConversation, useConversations } from "./use-conversations.js";

afterEach(cleanup);

const conversation = (id: string): Conversation => ({
  id,
  kind: "direct",
  participants: [{ id }],
  unreadCount: 0,
});

/** Conversation "a" in one line; counts its renders. */
function Title({ renders }: { renders: { count: number } }) {
  renders.count += 1;
  const c = useConversation("a");
  return <p>{c ? `${c.id}: ${c.lastMessage?.text ?? "no messages"}` : "unknown"}</p>;
}

describe("useConversation", () => {
  it("re-renders only when its own conversation changes", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    await act(async () => {
      emit({ type: "conversation", conversation: conversation("a") });
      emit({ type: "conversation", conversation: conversation("b") });
    });
    const renders = { count: 0 };
    render(
      <ChatProvider client={client}>
        <Title renders={renders} />
      </ChatProvider>,
    );
    expect(screen.getByText("a: no messages")).toBeTruthy();
    expect(renders.count).toBe(1);

    await act(async () => {
      emit({ type: "conversation", conversation: { ...conversation("b"), title: "Bee" } });
      emit({ type: "message", message: incoming("b", "elsewhere") });
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true });
      emit({ type: "presence", userId: "bob", presence: { online: true } });
    });
    expect(client.getState().conversations.b?.lastMessage?.text).toBe("elsewhere");
    expect(renders.count).toBe(1);

    await act(async () => emit({ type: "message", message: incoming("a", "hello a") }));
    expect(screen.getByText("a: hello a")).toBeTruthy();
    expect(renders.count).toBe(2);
    client.destroy();
  });

  it("answers undefined for a conversation the client does not know", () => {
    const { client } = fakeChat();
    const { result } = renderHook(() => useConversation("nobody"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current).toBeUndefined();
    client.destroy();
  });
});

describe("useConversations", () => {
  it("sorts by last activity and keeps the array while nothing in the list changes", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const { result } = renderHook(() => useConversations(), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current).toEqual([]);

    await act(async () => {
      emit({ type: "conversation", conversation: conversation("quiet") });
      emit({ type: "message", message: incoming("a", "first") });
      emit({ type: "message", message: incoming("b", "second") });
    });
    expect(result.current.map((c) => c.id)).toEqual(["b", "a", "quiet"]);

    const before = result.current;
    await act(async () => {
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true });
      emit({ type: "presence", userId: "bob", presence: { online: true } });
    });
    expect(result.current).toBe(before);

    await act(async () => emit({ type: "message", message: incoming("a", "third") }));
    expect(result.current.map((c) => c.id)).toEqual(["a", "b", "quiet"]);
    expect(result.current).not.toBe(before);
    client.destroy();
  });
});
