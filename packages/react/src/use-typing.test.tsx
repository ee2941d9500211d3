import { connected, fakeChat } from "@parley/test-kit";
import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useTyping, useTypingUsers } from "./use-typing.js";

afterEach(cleanup);

/** Who is typing in conversation "a"; counts its renders. */
function WhoIsTyping({ renders }: { renders: { count: number } }) {
  renders.count += 1;
  const users = useTypingUsers("a");
  return <p>{users.length ? `${users.join(", ")} typing` : "quiet"}</p>;
}

describe("useTypingUsers", () => {
  it("re-renders only when someone starts or stops typing in its conversation", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const renders = { count: 0 };
    render(
      <ChatProvider client={client}>
        <WhoIsTyping renders={renders} />
      </ChatProvider>,
    );
    expect(screen.getByText("quiet")).toBeTruthy();

    await act(async () => {
      emit({ type: "typing", conversationId: "b", userId: "carol", typing: true });
      emit({ type: "presence", userId: "carol", presence: { online: true } });
    });
    expect(renders.count).toBe(1);

    await act(async () =>
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true }),
    );
    expect(screen.getByText("bob typing")).toBeTruthy();
    expect(renders.count).toBe(2);

    await act(async () => {
      emit({ type: "typing", conversationId: "b", userId: "carol", typing: false });
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true });
    });
    expect(renders.count).toBe(2);

    await act(async () =>
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: false }),
    );
    expect(screen.getByText("quiet")).toBeTruthy();
    client.destroy();
  });

  it("never lists ourselves", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const { result } = renderHook(() => useTypingUsers("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    await act(async () => {
      emit({ type: "typing", conversationId: "a", userId: "me", typing: true });
      emit({ type: "typing", conversationId: "a", userId: "bob", typing: true });
    });
    expect(result.current).toEqual(["bob"]);
    client.destroy();
  });
});

describe("useTyping", () => {
  it("turns keystrokes into one start, and stops on stop() and on unmount", async () => {
    const { client, session } = fakeChat();
    await connected(client);
    const { result, rerender, unmount } = renderHook(() => useTyping("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    const controls = result.current;
    result.current.onKeystroke();
    result.current.onKeystroke();
    rerender();
    expect(result.current).toBe(controls);
    expect(session.typing.mock.calls).toEqual([["a", true]]);
    result.current.stop();
    expect(session.typing.mock.calls).toEqual([
      ["a", true],
      ["a", false],
    ]);
    result.current.onKeystroke();
    unmount();
    expect(session.typing.mock.calls.at(-1)).toEqual(["a", false]);
    client.destroy();
  });
});
