export { type ChannelsWsOptions, channelsWs } from "./adapter.js";
