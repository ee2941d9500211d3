import { fakeChat, withoutErrorReports } from "@parley/test-kit";
import { cleanup, render, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatProvider, useChatClient } from "./chat-provider.js";
import { useConnection } from "./use-connection.js";

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("ChatProvider", () => {
  it("gives the hooks below it the client it was handed", () => {
    const { client } = fakeChat();
    const { result } = renderHook(() => useChatClient(), {
      wrapper: ({ children }) => <ChatProvider client={client}>{children}</ChatProvider>,
    });
    expect(result.current).toBe(client);
    client.destroy();
  });

  it("makes every hook throw a clear error when there is no provider", () => {
    expect(() => withoutErrorReports(() => renderHook(() => useChatClient()))).toThrow(
      "useChatClient: no <ChatProvider> above this component",
    );
    expect(() => withoutErrorReports(() => renderHook(() => useConnection()))).toThrow(
      /no <ChatProvider>/,
    );
  });

  it("neither connects nor destroys the client: its lifetime is the app's", () => {
    const { client } = fakeChat();
    const connect = vi.spyOn(client, "connect");
    const destroy = vi.spyOn(client, "destroy");
    const view = render(
      <ChatProvider client={client}>
        <p>inside</p>
      </ChatProvider>,
    );
    view.unmount();
    expect(connect).not.toHaveBeenCalled();
    expect(destroy).not.toHaveBeenCalled();
    client.destroy();
  });
});
