import { TokenError, type TokenService } from "../../auth/jwt.js";
import type { Directory, DirectoryUser } from "../../fixtures/directory.js";

/** The seed's two kinds of chat participant: staff/admin (`user`) and `customer`. */
export type ParticipantType = "user" | "customer";

/** An authenticated person as this dialect sees them: integer id and participant type. */
export interface Participant {
  type: ParticipantType;
  id: number;
  name: string;
  user: DirectoryUser;
}

/** True for the staff side of the desk (role `staff` or `admin`). */
export function isStaff(user: DirectoryUser): boolean {
  return user.roles.has("staff") || user.roles.has("admin");
}

/**
 * How a fixture participant takes part in a chat: staff/admin always as `user`, anyone else as
 * `customer` (the fixture format says so).
 */
export function fixtureParticipantType(user: DirectoryUser): ParticipantType {
  return isStaff(user) ? "user" : "customer";
}

/**
 * The participant a user may act as, or null when they have neither a staff/admin nor a
 * customer role. Staff wins when a person has both, so one person has one participant type.
 */
export function participantOf(user: DirectoryUser): Participant | null {
  if (isStaff(user)) return { type: "user", id: user.numericId, name: user.name, user };
  if (user.roles.has("customer")) {
    return { type: "customer", id: user.numericId, name: user.name, user };
  }
  return null;
}

/** Why an authentication attempt failed, before it is mapped to a REST status or close code. */
export type AuthFailure =
  | { kind: "token"; message: string }
  | { kind: "unknown-user" }
  | { kind: "inactive-user" }
  | { kind: "no-role" };

/** Verifies a token and resolves its participant; answers the failure instead of throwing. */
export async function authenticate(
  tokens: TokenService,
  directory: Directory,
  token: string | null,
  /** Field, customer socket: the customer whose phone number `sub` is (else `sub` is a user id). */
  byPhone?: (sub: string) => DirectoryUser | undefined,
): Promise<{ ok: true; participant: Participant } | { ok: false; failure: AuthFailure }> {
  let sub: string;
  try {
    sub = (await tokens.verify(token)).sub;
  } catch (error) {
    if (error instanceof TokenError)
      return { ok: false, failure: { kind: "token", message: error.message } };
    throw error;
  }
  const user = byPhone?.(sub) ?? directory.user(sub);
  if (!user) return { ok: false, failure: { kind: "unknown-user" } };
  if (!user.active) return { ok: false, failure: { kind: "inactive-user" } };
  const participant = participantOf(user);
  if (!participant) return { ok: false, failure: { kind: "no-role" } };
  return { ok: true, participant };
}
