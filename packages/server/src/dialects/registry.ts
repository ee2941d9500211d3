import type { DialectDefinition, DialectName } from "../dialect.js";
import { careSocketio } from "./care-socketio/index.js";
import { channelsWs } from "./channels-ws/index.js";
import { friendsWs } from "./friends-ws/index.js";
import { roomsWs } from "./rooms-ws/index.js";
import { supportSocketio } from "./support-socketio/index.js";

/** Every dialect the reference server speaks, by name. */
export const dialectRegistry: Record<DialectName, DialectDefinition> = {
  "support-socketio": supportSocketio,
  "friends-ws": friendsWs,
  "care-socketio": careSocketio,
  "channels-ws": channelsWs,
  "rooms-ws": roomsWs,
};
