import { describe, expect, it } from "vitest";
import { chatRest, historyPage } from "./rest.js";

/** A backend answering every path with an empty list; records the paths and queries asked. */
function backend(paths: string[]) {
  return {
    url: "http://desk.test",
    token: async () => "t",
    fetch: (async (input: string | URL) => {
      const url = new URL(String(input));
      paths.push(url.pathname + url.search);
      return new Response("[]", { status: 200 });
    }) as typeof fetch,
  };
}

describe("support-socketio REST base", () => {
  it("reads the base at each call, so a greeting moves the session to /api/chat", async () => {
    const paths: string[] = [];
    const base = { path: "/chat" };
    const get = chatRest(backend(paths), base);
    await historyPage(get, "user", "u1", null, 20, () => {});
    // The deployed backend greeted: the adapter moves the base.
    base.path = "/api/chat";
    await historyPage(get, "admin", "u 1", "20", 20, () => {});
    expect(paths).toEqual([
      "/chat/history/self?skip=0&limit=20",
      "/api/chat/history/user/u%201?skip=20&limit=20",
    ]);
  });
});
