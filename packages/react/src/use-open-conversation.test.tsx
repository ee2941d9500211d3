import { ParleyError } from "@parley/core";
import { connected, deferred, fakeChat } from "@parley/test-kit";
import { act, cleanup, render, renderHook } from "@testing-library/react";
import { StrictMode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useOpenConversation } from "./use-open-conversation.js";

afterEach(cleanup);

function Open({ id }: { id: string | null }) {
  const { status } = useOpenConversation(id);
  return <p>{status}</p>;
}

/** Conversations left open: opened minus closed, per id. */
function openCount(open: ReturnType<typeof vi.fn>, close: ReturnType<typeof vi.fn>, id: string) {
  const count = (fn: ReturnType<typeof vi.fn>) => fn.mock.calls.filter((c) => c[0] === id).length;
  return count(open) - count(close);
}

describe("useOpenConversation", () => {
  it("leaves exactly one watch open under StrictMode, and none after unmount", async () => {
    const { client, session } = fakeChat();
    await connected(client);
    const open = vi.spyOn(client, "openConversation");
    const close = vi.spyOn(client, "closeConversation");
    for (let round = 0; round < 2; round++) {
      const view = render(
        <StrictMode>
          <ChatProvider client={client}>
            <Open id="a" />
          </ChatProvider>
        </StrictMode>,
      );
      await act(async () => {});
      // StrictMode mounted, unmounted and mounted again: two opens, one close.
      expect(open).toHaveBeenCalledTimes(2 * round + 2);
      expect(openCount(open, close, "a")).toBe(1);
      expect(openCount(session.watch, session.unwatch, "a")).toBe(1);
      expect(view.container.textContent).toBe("open");
      view.unmount();
      expect(openCount(open, close, "a")).toBe(0);
      expect(openCount(session.watch, session.unwatch, "a")).toBe(0);
    }
    client.destroy();
  });

  it("keeps a conversation open until the last component showing it unmounts", async () => {
    const { client } = fakeChat();
    await connected(client);
    const open = vi.spyOn(client, "openConversation");
    const close = vi.spyOn(client, "closeConversation");
    const view = render(
      <ChatProvider client={client}>
        <Open id="a" />
        <Open id="a" />
      </ChatProvider>,
    );
    expect(open).toHaveBeenCalledTimes(1);
    view.rerender(
      <ChatProvider client={client}>
        <Open id="a" />
      </ChatProvider>,
    );
    expect(close).not.toHaveBeenCalled();
    view.unmount();
    expect(close).toHaveBeenCalledTimes(1);
    client.destroy();
  });

  it("moves to another conversation when the id changes; null opens nothing", async () => {
    const { client } = fakeChat();
    await connected(client);
    const open = vi.spyOn(client, "openConversation");
    const close = vi.spyOn(client, "closeConversation");
    const wrap = (id: string | null) => (
      <ChatProvider client={client}>
        <Open id={id} />
      </ChatProvider>
    );
    const view = render(wrap("a"));
    view.rerender(wrap("b"));
    expect(open.mock.calls.map((c) => c[0])).toEqual(["a", "b"]);
    expect(close.mock.calls.map((c) => c[0])).toEqual(["a"]);
    view.rerender(wrap(null));
    expect(close.mock.calls.map((c) => c[0])).toEqual(["a", "b"]);
    expect(view.container.textContent).toBe("idle");
    expect(open).toHaveBeenCalledTimes(2);
    view.unmount();
    client.destroy();
  });

  it("says opening, then open or failed with the error", async () => {
    const { client, session } = fakeChat();
    await connected(client);
    const page = deferred<never>();
    session.history.mockReturnValueOnce(page.promise);
    const { result } = renderHook(() => useOpenConversation("a"), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current).toEqual({ status: "opening", error: null });
    await act(async () => page.reject(new ParleyError("forbidden", "not your chat")));
    expect(result.current).toMatchObject({ status: "failed", error: { code: "forbidden" } });
    client.destroy();
  });
});
