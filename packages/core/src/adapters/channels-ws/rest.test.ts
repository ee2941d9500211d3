import { describe, expect, it } from "vitest";
import type { RestContext } from "../../http/rest.js";
import { historyPage } from "./rest.js";
import type { WireMessage } from "./wire.js";

const chat = "11111111-1111-4111-8111-111111111111";
const stored: WireMessage[] = Array.from({ length: 5 }, (_, i) => ({
  id: `m${i + 1}`,
  content: `text ${i + 1}`,
  sender_type: "patient",
  created_at: `2025-12-07T10:30:0${i}.000000+00:00`,
}));

/** A backend paging `stored` by `size` (it ignores `page_size`), in `order`. */
function backend(order: "newest-first" | "oldest-first", size = 2) {
  const asked: number[] = [];
  const list = order === "newest-first" ? [...stored].reverse() : stored;
  const context: RestContext = {
    url: "http://backend.test",
    token: async () => "t",
    fetch: (async (input: URL | RequestInfo) => {
      const page = Number(new URL(String(input)).searchParams.get("page"));
      asked.push(page);
      const results = list.slice((page - 1) * size, page * size);
      const more = page * size < list.length;
      return Response.json({
        count: list.length,
        next: more ? "next" : null,
        previous: null,
        results,
      });
    }) as typeof fetch,
  };
  return { context, asked };
}

const ids = (page: { results: WireMessage[] }) => page.results.map((m) => m.id);

describe("channels-ws history pages, in either order the backend has them", () => {
  it("reads the reference server's extension, newest first: page 1 is the latest", async () => {
    const { context } = backend("newest-first");
    const first = await historyPage(context, chat, null, 2);
    expect(ids(first)).toEqual(["m4", "m5"]);
    expect(first.next).toBe("2");
    const second = await historyPage(context, chat, first.next, 2);
    expect(ids(second)).toEqual(["m2", "m3"]);
  });

  it("reads the deployed backend's action, oldest first: the latest are on its last page", async () => {
    const { context, asked } = backend("oldest-first");
    const latest = await historyPage(context, chat, null, 2);
    expect(ids(latest)).toEqual(["m5"]);
    expect(asked).toEqual([1, 3]);
    const older = await historyPage(context, chat, latest.next, 2);
    expect(ids(older)).toEqual(["m3", "m4"]);
    const oldest = await historyPage(context, chat, older.next, 2);
    expect(ids(oldest)).toEqual(["m1", "m2"]);
    expect(oldest.next).toBeNull();
  });

  it("takes a single oldest-first page as it is", async () => {
    const { context, asked } = backend("oldest-first", 10);
    const page = await historyPage(context, chat, null, 10);
    expect(ids(page)).toEqual(["m1", "m2", "m3", "m4", "m5"]);
    expect(page.next).toBeNull();
    expect(asked).toEqual([1]);
  });
});
