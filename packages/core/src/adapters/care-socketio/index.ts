export { type CareSocketioOptions, careSocketio, USER_STATUSES } from "./adapter.js";
