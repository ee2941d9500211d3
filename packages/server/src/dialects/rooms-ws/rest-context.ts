import type { Context } from "hono";
import { bearerToken, type TokenService } from "../../auth/jwt.js";
import type { Directory } from "../../fixtures/directory.js";
import { HttpError } from "../../http/http-error.js";
import type { Limits } from "../../limits.js";
import type { ChatService } from "./chat-service.js";
import { validationError } from "./errors.js";
import type { Hub } from "./hub.js";
import { authenticate, type Participant, type ParticipantType } from "./participants.js";
import type { RoomsProfile } from "./profile.js";
import type { Schemas } from "./schemas.js";
import type { RoomsStore } from "./store.js";
import type { UploadStore } from "./upload-store.js";

/** Everything the REST handlers need. */
export interface RestDeps {
  service: ChatService;
  store: RoomsStore;
  uploads: UploadStore;
  hub: Hub;
  directory: Directory;
  tokens: TokenService;
  limits: Limits;
  schemas: Schemas;
  profile: RoomsProfile;
  now(): number;
  log(line: string): void;
}

/**
 * The caller of a REST request from its `Authorization: Bearer` token, FastAPI style:
 * 401 for a missing/bad/expired token or an unknown user, 403 for an inactive account or a
 * person with neither a staff/admin nor a customer role.
 */
export async function caller(c: Context, deps: RestDeps): Promise<Participant> {
  const token = bearerToken(c.req.header("authorization"));
  const result = await authenticate(deps.tokens, deps.directory, token);
  if (result.ok) return result.participant;
  const { failure } = result;
  switch (failure.kind) {
    case "token":
      throw new HttpError(401, failure.message);
    case "unknown-user":
      throw new HttpError(401, "Could not validate credentials");
    case "inactive-user":
      throw new HttpError(403, "Inactive user");
    case "no-role":
      throw new HttpError(403, "Not permitted to use chat");
  }
}

/** Refuses a caller of the wrong participant type (staff-only or customer-only routes). */
export function requireType(participant: Participant, type: ParticipantType): void {
  if (participant.type !== type) {
    throw new HttpError(
      403,
      type === "user" ? "Staff access required" : "Customer access required",
    );
  }
}

/**
 * Field: routes behind `get_current_admin_user` (`chat.py`) resolve the token as a staff user, so
 * a customer's token is refused as FastAPI refuses an unknown user.
 */
export function requireStaffInField(participant: Participant, deps: RestDeps): void {
  if (deps.profile.staffOnlyRest && participant.type !== "user")
    throw new HttpError(401, "Could not validate credentials");
}

/** A positive integer path parameter, else FastAPI's 422 located in `path`. */
export function intParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? "";
  const value = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw validationError("path", [
      { code: "int_parsing", path: [name], message: "Input should be a valid integer" },
    ]);
  }
  return value;
}
