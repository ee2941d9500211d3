import type { Directory } from "../../fixtures/directory.js";

/** The two kinds of account the support desk knows. */
export type SupportRole = "admin" | "user";

/** Socket.IO room every admin socket joins, so each admin sees every user's messages. */
export const ADMINS_ROOM = "support:admins";
/** Socket.IO room every non-admin socket joins, for admin presence changes. */
export const USERS_ROOM = "support:users";

/**
 * The room only a user's own sockets join. The user-id room also holds admins who joined it,
 * so "everyone but the actor" must exclude this room, not that one.
 */
export function ownRoom(userId: string): string {
  return `support:own:${userId}`;
}

/** `admin` for holders of the admin role, `user` for anyone else known and active, else null. */
export function roleOf(directory: Directory, userId: string): SupportRole | null {
  const user = directory.user(userId);
  if (!user?.active) return null;
  return user.roles.has("admin") ? "admin" : "user";
}

/** Why a verified token's user may not use the desk, or null when they may. */
export function refusalOf(directory: Directory, userId: string): string | null {
  const user = directory.user(userId);
  if (!user) return "User not found";
  if (!user.active) return "Inactive user";
  return null;
}

/**
 * Why `from` may not message (or show typing to) `to`, or null when allowed: users write to
 * admins only, admins to users only.
 */
export function messagingRefusal(directory: Directory, from: string, to: string): string | null {
  const receiver = roleOf(directory, to);
  if (!receiver) return "Receiver not found";
  if (from === to) return "You cannot message yourself";
  const sender = roleOf(directory, from);
  if (sender === "user" && receiver !== "admin") return "Users can only message admins";
  if (sender === "admin" && receiver !== "user") return "Admins can only message users";
  return null;
}

/** Why `userId` may not join `target`'s room, or null: users their own, admins anyone's. */
export function joinRefusal(directory: Directory, userId: string, target: string): string | null {
  if (target === userId) return null;
  if (roleOf(directory, userId) !== "admin") return "You can only join your own room";
  if (!directory.user(target)) return "User not found";
  return null;
}
