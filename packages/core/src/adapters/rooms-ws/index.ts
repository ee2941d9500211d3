export { type RoomsWsOptions, roomsWs } from "./adapter.js";
