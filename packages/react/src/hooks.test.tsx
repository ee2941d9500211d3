import { ParleyError } from "@parley/core";
import { connected, fakeChat, incoming, settle } from "@parley/test-kit";
import { act, cleanup, render, renderHook, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useCapabilities, useConnection, useMe } from "./use-connection.js";
import { useMessageActions } from "./use-message-actions.js";
import { useMessages } from "./use-messages.js";
import { usePresence } from "./use-presence.js";
import { useSend } from "./use-send.js";
import { useUnreadCount } from "./use-unread-count.js";

afterEach(cleanup);

function setup() {
  const chat = fakeChat();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={chat.client}>{children}</ChatProvider>
  );
  return { ...chat, wrapper };
}

function Status() {
  const connection = useConnection();
  const me = useMe();
  const { typing, edit } = useCapabilities();
  return <p>{`${connection.status} as ${me ?? "nobody"}; typing ${typing}, edit ${edit}`}</p>;
}

describe("useConnection, useMe and useCapabilities", () => {
  it("follow the connection from idle to connected, and who we are", async () => {
    const { client, emit, wrapper } = setup();
    render(<Status />, { wrapper });
    expect(screen.getByText("idle as nobody; typing true, edit false")).toBeTruthy();
    await act(async () => {
      await connected(client);
    });
    expect(screen.getByText("connected as me; typing true, edit false")).toBeTruthy();
    await act(async () => emit({ type: "capabilities", capabilities: { edit: true } }));
    expect(screen.getByText("connected as me; typing true, edit true")).toBeTruthy();
    client.destroy();
  });
});

describe("usePresence", () => {
  it("answers one user's presence and ignores the others'", async () => {
    const { client, emit, wrapper } = setup();
    await connected(client);
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders += 1;
        return usePresence("bob");
      },
      { wrapper },
    );
    expect(result.current).toBeUndefined();
    await act(async () => emit({ type: "presence", userId: "carol", presence: { online: true } }));
    expect(renders).toBe(1);
    await act(async () =>
      emit({ type: "presence", userId: "bob", presence: { online: true, status: "busy" } }),
    );
    expect(result.current).toEqual({ online: true, status: "busy" });
    client.destroy();
  });
});

describe("useUnreadCount", () => {
  it("counts one conversation, or all of them, and drops on markRead", async () => {
    const { client, emit, wrapper, session } = setup();
    await connected(client);
    const { result } = renderHook(
      () => ({ a: useUnreadCount("a"), total: useUnreadCount(), actions: useMessageActions() }),
      { wrapper },
    );
    expect(result.current).toMatchObject({ a: 0, total: 0 });
    await act(async () => {
      emit({ type: "message", message: incoming("a", "one") });
      emit({ type: "message", message: incoming("a", "two") });
      emit({ type: "message", message: incoming("b", "three") });
      emit({ type: "message", message: incoming("b", "mine", "me") });
    });
    expect(result.current).toMatchObject({ a: 2, total: 3 });
    await act(async () => result.current.actions.markRead("a"));
    expect(result.current).toMatchObject({ a: 0, total: 1 });
    expect(session.markRead).toHaveBeenCalledWith("a", expect.objectContaining({ text: "two" }));
    client.destroy();
  });
});

describe("useSend", () => {
  it("shows a sent message at once as pending, and keeps its identity", async () => {
    const { client, wrapper, sent } = setup();
    await connected(client);
    const { result, rerender } = renderHook(
      () => ({ send: useSend("a"), messages: useMessages("a").messages }),
      { wrapper },
    );
    const send = result.current.send;
    let message: ReturnType<typeof send> | undefined;
    await act(async () => {
      message = result.current.send("hello", { extra: { tag: 1 } });
    });
    expect(message).toMatchObject({ conversationId: "a", text: "hello", status: "pending" });
    expect(result.current.messages).toEqual([message]);
    await act(settle);
    expect(sent).toEqual([expect.objectContaining({ text: "hello", extra: { tag: 1 } })]);
    rerender();
    expect(result.current.send).toBe(send);
    expect(() => result.current.send("   ")).toThrow(ParleyError);
    client.destroy();
  });
});

describe("useMessageActions", () => {
  it("binds every action to the client and keeps its identity", async () => {
    const { client, wrapper } = setup();
    const { result, rerender } = renderHook(() => useMessageActions(), { wrapper });
    const actions = result.current;
    rerender();
    expect(result.current).toBe(actions);
    const retry = vi.spyOn(client, "retry");
    const discard = vi.spyOn(client, "discard");
    actions.retry("x");
    actions.discard("y");
    expect(retry).toHaveBeenCalledWith("x");
    expect(discard).toHaveBeenCalledWith("y");
    const message = incoming("a", "text");
    // The fake backend can neither edit, delete nor upload: the client says so.
    await expect(actions.edit(message, "new")).rejects.toMatchObject({ code: "unsupported" });
    await expect(actions.remove(message)).rejects.toMatchObject({ code: "unsupported" });
    await expect(actions.upload(new Blob(["x"]), "x.txt")).rejects.toMatchObject({
      code: "unsupported",
    });
    client.destroy();
  });
});
