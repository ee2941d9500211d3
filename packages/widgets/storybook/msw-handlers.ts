import type { Conversation, HistoryPage, Message } from "@parley/core";
import { directConversation, groupConversation, makeThread } from "@parley/test-kit";
import { delay, HttpResponse, http } from "msw";

/** The data behind the REST stories: what a chat backend's API would hold. */
export function restData() {
  const conversations: Conversation[] = [
    directConversation("ana", { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" }),
    groupConversation("design", "Design review", [
      { id: "ben", name: "Ben Okafor", avatar: "/fixtures/ben.svg" },
      { id: "cleo", name: "Cleo Park" },
    ]),
  ];
  const messages: Record<string, Message[]> = {
    ana: makeThread("ana", 120, { senders: ["me", "ana"] }),
    design: makeThread("design", 40, { senders: ["ben", "cleo", "me"] }),
  };
  for (const c of conversations) {
    const last = messages[c.id]?.at(-1);
    if (last) c.lastMessage = last;
  }
  return { conversations, messages };
}

/** An SVG picture, for images that arrive late. */
const picture = (label: string, height: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="${height}" viewBox="0 0 320 ${height}"><rect width="320" height="${height}" fill="#0e7490"/><text x="160" y="${height / 2}" font-family="sans-serif" font-size="18" fill="#fff" text-anchor="middle">${label}</text></svg>`;

/**
 * REST handlers over {@link restData}: `/api/me`, `/api/conversations`, paged history and sends,
 * each after `latencyMs`. `/late/<name>.svg` answers a 240px-high picture after `imageDelayMs`.
 */
export function restHandlers({ latencyMs = 150, imageDelayMs = 1200 } = {}) {
  const data = restData();
  let serial = 0;
  return [
    http.get("/api/me", async () => {
      await delay(latencyMs);
      return HttpResponse.json({ id: "me" });
    }),
    http.get("/api/conversations", async () => {
      await delay(latencyMs);
      return HttpResponse.json(data.conversations);
    }),
    http.get("/api/conversations/:id/messages", async ({ params, request }) => {
      await delay(latencyMs);
      const url = new URL(request.url);
      const all = data.messages[String(params.id)] ?? [];
      const before = url.searchParams.get("before");
      const limit = Number(url.searchParams.get("limit") ?? 50);
      const end = before === null ? all.length : Number(before);
      const start = Math.max(0, end - limit);
      const page: HistoryPage = {
        messages: all.slice(start, end),
        cursor: start > 0 ? String(start) : null,
      };
      return HttpResponse.json(page);
    }),
    http.post("/api/conversations/:id/messages", async ({ params, request }) => {
      await delay(latencyMs);
      const body = (await request.json()) as { text: string };
      serial += 1;
      const message: Message = {
        clientId: `id:rest-${serial}`,
        id: `rest-${serial}`,
        conversationId: String(params.id),
        senderId: "me",
        text: body.text,
        createdAt: new Date().toISOString(),
        status: "sent",
      };
      data.messages[message.conversationId]?.push(message);
      return HttpResponse.json(message);
    }),
    http.get("/late/:name", async ({ params }) => {
      await delay(imageDelayMs);
      return new HttpResponse(picture(String(params.name), 240), {
        headers: { "Content-Type": "image/svg+xml" },
      });
    }),
  ];
}
