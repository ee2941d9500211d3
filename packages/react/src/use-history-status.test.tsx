import { ParleyError } from "@parley/core";
import { fakeChat, incoming } from "@parley/test-kit";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useHistoryStatus } from "./use-history-status.js";
import { useMessages } from "./use-messages.js";
import { useOpenConversation } from "./use-open-conversation.js";

afterEach(cleanup);

describe("useHistoryStatus", () => {
  it("says while a conversation's history cannot be read, and clears once loadOlder reads it", async () => {
    // No automatic retry within the test: only loadOlder may read the history again.
    const chat = fakeChat({
      history: { ana: [incoming("ana", "from before")] },
      client: { historyRetry: { backoff: { min: 600_000, max: 600_000, random: () => 1 } } },
    });
    chat.session.history.mockRejectedValueOnce(
      new ParleyError("server", "Internal Server Error", { status: 500 }),
    );
    await chat.connect();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ChatProvider client={chat.client}>{children}</ChatProvider>
    );
    const { result } = renderHook(
      () => ({
        open: useOpenConversation("ana"),
        status: useHistoryStatus("ana"),
        other: useHistoryStatus("bob"),
        list: useMessages("ana"),
      }),
      { wrapper },
    );
    // Opening does not fail: the conversation is open, its history unavailable for now.
    await waitFor(() => expect(result.current.open.status).toBe("open"));
    await waitFor(() =>
      expect(result.current.status).toMatchObject({ failures: 1, error: { code: "server" } }),
    );
    expect(result.current.other).toBeNull();
    await act(async () => {
      await result.current.list.loadOlder();
    });
    expect(result.current.status).toBeNull();
    expect(result.current.list.messages.map((m) => m.text)).toEqual(["from before"]);
    chat.client.destroy();
  });
});
