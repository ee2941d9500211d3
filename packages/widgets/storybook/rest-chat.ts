import {
  type AdapterContext,
  type ChatAdapter,
  type Conversation,
  createChatClient,
  type HistoryPage,
  type Message,
  noCapabilities,
  ParleyError,
} from "@parley/core";

async function getJson<T>(context: AdapterContext, path: string, init?: RequestInit): Promise<T> {
  const response = await context.fetch(`${context.url}${path}`, init);
  if (!response.ok) throw new ParleyError("server", `${path} answered ${response.status}`);
  return (await response.json()) as T;
}

/**
 * A small adapter for the REST API that the msw handlers mock: the widgets' stories get their
 * data over real `fetch` calls, as an app would.
 */
export function restAdapter(): ChatAdapter {
  return {
    name: "story-rest",
    capabilities: { ...noCapabilities, history: true, conversationList: true, groups: true },
    createSession(context) {
      return {
        async connect() {
          const me = await getJson<{ id: string }>(context, "/api/me");
          context.emit({ type: "ready", userId: me.id });
        },
        disconnect() {},
        async send(message) {
          return getJson<Message>(
            context,
            `/api/conversations/${encodeURIComponent(message.conversationId)}/messages`,
            {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ text: message.text }),
            },
          );
        },
        history(conversationId, cursor, limit) {
          const query = new URLSearchParams({ limit: String(limit) });
          if (cursor !== null) query.set("before", cursor);
          return getJson<HistoryPage>(
            context,
            `/api/conversations/${encodeURIComponent(conversationId)}/messages?${query}`,
          );
        },
        conversations: () => getJson<Conversation[]>(context, "/api/conversations"),
      };
    },
  };
}

/** A client for the mocked REST API on this page's origin. */
export function restClient() {
  return createChatClient({
    adapter: restAdapter(),
    url: window.location.origin,
    auth: "story-token",
    pageSize: 30,
  });
}
