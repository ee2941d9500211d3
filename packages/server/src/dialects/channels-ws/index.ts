import type { DialectDefinition } from "../../dialect.js";
import { WsEndpoint } from "../../realtime/ws-endpoint.js";
import { attachRefusingAtUpgrade, channelsProfile } from "./profile.js";
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
    const profile = channelsProfile(context.profile);
    const route = channelsRoute(context, store, profile);
    const endpoint = new WsEndpoint([route], context.gate, context.limits);
    const app = channelsRest(context, store, profile);
    return {
      fetch: app.fetch,
      attach: (server) =>
        profile.refuseAtUpgrade
          ? attachRefusingAtUpgrade(server, route, (relay) => endpoint.attach(relay))
          : endpoint.attach(server),
      connectionCount: () => endpoint.size,
      dropConnections: () => endpoint.dropAll(),
      close: () => endpoint.close(),
    };
  },
};
