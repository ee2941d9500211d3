export { type FriendsWsOptions, friendsWs } from "./adapter.js";
