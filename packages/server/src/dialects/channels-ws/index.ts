import type { DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { channelsRoute } from "./realtime.js";
import { channelsRest } from "./rest.js";
import { ChannelsStore } from "./store.js";

/**
 * `channels-ws`: patient and professional chat rooms, one raw WebSocket per chat at
 * `/ws/chat/{chat_id}/`, `{content, role}` in, `{message: {...}}` or `{error}` out.
 */
export const channelsWs: DialectDefinition = {
  name: "channels-ws",
  create(context) {
    const store = new ChannelsStore(context.db, context.now);
    store.seed(context.directory);
    const endpoint = new WsEndpoint([channelsRoute(context, store)], context.gate, context.limits);
    const app = channelsRest(context, store);
    return {
      fetch: app.fetch,
      attach: (server) => endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
