export { type SupportSocketioOptions, supportSocketio } from "./adapter.js";
