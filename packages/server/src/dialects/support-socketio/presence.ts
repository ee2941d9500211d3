import { UserConnections } from "../../realtime/user-connections.js";

/**
 * Who is online on the support desk, by user id, counting socket ids: a user with several
 * sockets stays online until the last one disconnects.
 */
export class Presence extends UserConnections<string> {}
