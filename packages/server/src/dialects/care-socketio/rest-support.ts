import type { Context } from "hono";
import type { z } from "zod";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import { readJson } from "../../http/json-body.js";
import type { CareAccess } from "./access.js";
import type { Presence } from "./presence.js";
import { type Paging, pagingSchema } from "./schemas.js";
import type { ChatService } from "./service.js";

/** Hono variables set by the auth middleware. */
export type CareEnv = { Variables: { userId: string } };
export type CareContext = Context<CareEnv>;

/** What the route modules need. */
export interface RestDeps {
  ctx: DialectContext;
  access: CareAccess;
  service: ChatService;
  presence: Presence;
}

/** The seed's success envelope. */
export function ok<T>(c: CareContext, data: T, status: 200 | 201 = 200): Response {
  return c.json({ success: true, data }, status);
}

/** A JSON body checked against `schema`; a wrong shape is a 400 like any validation error. */
export async function body<S extends z.ZodType>(
  c: CareContext,
  schema: S,
  maxBytes: number,
): Promise<z.infer<S>> {
  try {
    return await readJson(c, schema, maxBytes);
  } catch (error) {
    if (error instanceof HttpError && error.status === 422) {
      throw new HttpError(400, error.message, error.details);
    }
    throw error;
  }
}

/** `?limit=50&skip=0`, validated. */
export function paging(c: CareContext): Paging {
  const parsed = pagingSchema.safeParse({ limit: c.req.query("limit"), skip: c.req.query("skip") });
  if (!parsed.success) {
    throw new HttpError(400, parsed.error.issues[0]?.message ?? "Invalid paging parameters");
  }
  return parsed.data;
}

/** A path parameter, which Hono always provides for a matched route. */
export function param(c: CareContext, name: string): string {
  return c.req.param(name) ?? "";
}
