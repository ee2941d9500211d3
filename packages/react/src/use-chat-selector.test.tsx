import type { ChatState } from "@parley/core";
import { connected, fakeChat, incoming } from "@parley/test-kit";
import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import { StrictMode, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { shallowArrayEqual } from "./equality.js";
import { useChatSelector } from "./use-chat-selector.js";

afterEach(cleanup);

const ids = (state: ChatState) => Object.keys(state.conversations).sort();

/** Shows a conversation's last text; `select.to` switches the conversation. */
function LastText({ select }: { select: { to?: (id: string) => void } }) {
  const [id, setId] = useState("a");
  select.to = setId;
  const text = useChatSelector((s) => s.conversations[id]?.lastMessage?.text);
  return <p>{text}</p>;
}

describe("useChatSelector", () => {
  it("keeps a derived array while isEqual says it is the same, and re-renders only then", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        // An inline selector: a new function every render, as apps write them.
        return useChatSelector((s) => ids(s), shallowArrayEqual);
      },
      { wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider> },
    );
    await act(async () => emit({ type: "message", message: incoming("a", "hi") }));
    const first = result.current;
    const rendersBefore = renders;
    expect(first).toEqual(["a"]);

    await act(async () => emit({ type: "message", message: incoming("a", "again") }));
    await act(async () => emit({ type: "presence", userId: "bob", presence: { online: true } }));
    expect(result.current).toBe(first);
    expect(renders).toBe(rendersBefore);

    await act(async () => emit({ type: "message", message: incoming("b", "new one") }));
    expect(result.current).toEqual(["a", "b"]);
    client.destroy();
  });

  it("behaves the same under StrictMode's double render and double effects", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    await act(async () => emit({ type: "message", message: incoming("a", "hi") }));
    const { result } = renderHook(() => useChatSelector((s) => ids(s), shallowArrayEqual), {
      wrapper: ({ children }) => (
        <StrictMode>
          <ChatProvider client={client}>{children}</ChatProvider>
        </StrictMode>
      ),
    });
    const first = result.current;
    expect(first).toEqual(["a"]);
    await act(async () => emit({ type: "message", message: incoming("a", "again") }));
    expect(result.current).toBe(first);
    await act(async () => emit({ type: "message", message: incoming("b", "new one") }));
    expect(result.current).toEqual(["a", "b"]);
    client.destroy();
  });

  it("without isEqual, a derived value is new on every change", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    const { result } = renderHook(() => useChatSelector(ids), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    await act(async () => emit({ type: "message", message: incoming("a", "hi") }));
    const first = result.current;
    await act(async () => emit({ type: "message", message: incoming("a", "again") }));
    expect(result.current).toEqual(first);
    expect(result.current).not.toBe(first);
    client.destroy();
  });

  it("follows a selector that depends on props", async () => {
    const { client, emit } = fakeChat();
    await connected(client);
    await act(async () => {
      emit({ type: "message", message: incoming("a", "in a") });
      emit({ type: "message", message: incoming("b", "in b") });
    });
    const select: { to?: (id: string) => void } = {};
    render(
      <ChatProvider client={client}>
        <LastText select={select} />
      </ChatProvider>,
    );
    expect(screen.getByText("in a")).toBeTruthy();
    act(() => select.to?.("b"));
    expect(screen.getByText("in b")).toBeTruthy();
    client.destroy();
  });
});
