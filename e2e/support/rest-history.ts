import type { ParleyServer } from "@parley/server";
import { ALICE, BOB, type Dialect, scenarios } from "./scenarios.js";
import { storedHistory } from "./stored-history.js";

type Texts = (get: (path: string) => Promise<unknown>) => Promise<string[]>;

interface Text {
  content?: string | null;
  message_text?: string;
}

const texts = (list: Text[]) => list.map((m) => m.content ?? m.message_text ?? "");

// Each dialect's own history endpoint, read as Alice, oldest first (see the server's docs/).
const readers: Record<Dialect, Texts> = {
  "support-socketio": async (get) => texts((await get("/chat/history/self?limit=1000")) as Text[]),
  "friends-ws": async (get) => {
    const body = (await get(`/api/v1/chat/messages/history/${BOB}?limit=100`)) as {
      messages: Text[];
    };
    return texts(body.messages).reverse();
  },
  "care-socketio": async (get) => {
    const body = (await get(`/chat/conversations/${BOB}?limit=100`)) as { data: Text[] };
    return texts(body.data);
  },
  "channels-ws": async (get) => {
    const id = scenarios["channels-ws"].conversation.alice;
    const body = (await get(`/chat/chats/${id}/messages/?page_size=100`)) as { results: Text[] };
    return texts(body.results).reverse();
  },
  "rooms-ws": async (get) => {
    const body = (await get("/api/v1/chat/chats/1/messages?page_size=100")) as {
      messages: Text[];
    };
    return texts(body.messages);
  },
};

/** GETs `path` from the dialect's REST API as the user `userId`; throws unless it answers 2xx. */
export async function restGet<T = unknown>(
  server: ParleyServer,
  dialect: Dialect,
  userId: string,
  path: string,
): Promise<T> {
  const response = await fetch(server.url(dialect) + path, {
    headers: { authorization: `Bearer ${await server.token(userId)}` },
  });
  if (!response.ok) throw new Error(`${dialect} ${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * The conversation's texts as the server holds them, oldest first: from its REST history in the
 * seed profile, from its database in the field profile (see {@link storedHistory}).
 */
export async function restHistory(server: ParleyServer, dialect: Dialect): Promise<string[]> {
  if (server.profile === "field") return storedHistory(server, dialect);
  return readers[dialect]((path) => restGet(server, dialect, ALICE, path));
}
