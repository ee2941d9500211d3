import type { User } from "@parley/core";
import { fakeChat } from "@parley/test-kit";
import { act, cleanup, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { useDisplayName, useKnownUsers, useUser, useUsers } from "./use-user.js";

afterEach(cleanup);

function setup(resolveUsers?: (ids: readonly string[]) => Promise<User[]>) {
  const chat = fakeChat({
    client: {
      users: [{ id: "ana", name: "Ana", avatarUrl: "https://x.test/ana.png" }],
      ...(resolveUsers && { resolveUsers }),
    },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={chat.client}>{children}</ChatProvider>
  );
  return { ...chat, wrapper };
}

function Name({ id }: { id: string }) {
  return <span>{useDisplayName(id) ?? "…"}</span>;
}

describe("useUser", () => {
  it("shows a known person at once and asks nobody about them", () => {
    const resolve = vi.fn(async () => []);
    const { wrapper } = setup(resolve);
    const { result } = renderHook(() => useUser("ana"), { wrapper });
    expect(result.current).toEqual({
      id: "ana",
      name: "Ana",
      avatarUrl: "https://x.test/ana.png",
    });
    expect(resolve).not.toHaveBeenCalled();
  });

  it("asks the resolver once, in one batch, and re-renders when it answers", async () => {
    const resolve = vi.fn(async (ids: readonly string[]) =>
      ids.map((id) => ({ id, name: `Name ${id}` })),
    );
    const { wrapper } = setup(resolve);
    const { result } = renderHook(
      () => ({ one: useDisplayName("ben"), many: useUsers(["ben", "cleo", "ana"]) }),
      { wrapper },
    );
    expect(result.current.one).toBeUndefined();
    await waitFor(() => expect(result.current.one).toBe("Name ben"));
    expect(result.current.many.map((u) => u?.name)).toEqual(["Name ben", "Name cleo", "Ana"]);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith(["ben", "cleo"]);
  });

  it("keeps the same array while nobody in it changes", async () => {
    const { wrapper, client } = setup();
    const { result, rerender } = renderHook(({ ids }) => useUsers(ids), {
      wrapper,
      initialProps: { ids: ["ana", "ben"] },
    });
    const first = result.current;
    rerender({ ids: ["ana", "ben"] });
    act(() => client.users.add([{ id: "zoe", name: "Zoe" }]));
    expect(result.current).toBe(first);
    act(() => client.users.add([{ id: "ben", name: "Ben" }]));
    expect(result.current).not.toBe(first);
    expect(result.current[1]?.name).toBe("Ben");
  });

  it("renders on the server with what the client knows, asking nobody", () => {
    const resolve = vi.fn(async () => []);
    const { client } = setup(resolve);
    const html = renderToString(
      <ChatProvider client={client}>
        <Name id="ana" />
        <Name id="ben" />
      </ChatProvider>,
    );
    expect(html).toContain("Ana");
    expect(html).toContain("…");
    expect(resolve).not.toHaveBeenCalled();
  });
});

describe("useKnownUsers", () => {
  it("lists everyone known and re-renders when someone is added, with the same array between", () => {
    const { wrapper, client } = setup();
    let renders = 0;
    const { result, rerender } = renderHook(
      () => {
        renders += 1;
        return useKnownUsers();
      },
      { wrapper },
    );
    const first = result.current;
    expect(first.map((u) => u.name)).toEqual(["Ana"]);
    rerender();
    expect(result.current).toBe(first);
    act(() => client.users.add([{ id: "ben", name: "Ben" }]));
    expect(result.current.map((u) => u.name).sort()).toEqual(["Ana", "Ben"]);
    expect(renders).toBe(3);
  });
});
