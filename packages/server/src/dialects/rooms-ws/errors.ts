import type { Context, Hono } from "hono";
import { HttpError } from "../../http/http-error.js";

/** One FastAPI validation item: `{"type", "loc", "msg"}`. */
export interface ValidationItem {
  type: string;
  loc: Array<string | number>;
  msg: string;
}

interface IssueLike {
  code?: string;
  path?: PropertyKey[];
  message?: string;
}

/** Zod issues as FastAPI's 422 `detail` list, located in `where` (body, query or path). */
export function validationItems(where: string, issues: readonly IssueLike[]): ValidationItem[] {
  return issues.map((issue) => ({
    type: issue.code ?? "value_error",
    loc: [where, ...(issue.path ?? []).map((p) => (typeof p === "number" ? p : String(p)))],
    msg: issue.message ?? "Invalid value",
  }));
}

/** A 422 whose detail list is already located. */
export function validationError(where: string, issues: readonly IssueLike[]): HttpError {
  const items = validationItems(where, issues);
  return new HttpError(422, items[0]?.msg ?? "Validation error", items);
}

function detailOf(error: HttpError): unknown {
  if (error.status !== 422) return error.message;
  const details = error.details;
  if (Array.isArray(details) && details.length > 0) {
    // readJson hands raw zod issues (with `path`); our own helpers hand located items.
    return "loc" in details[0] ? details : validationItems("body", details as IssueLike[]);
  }
  const type = error.message === "Invalid JSON" ? "json_invalid" : "value_error";
  return [{ type, loc: ["body"], msg: error.message }];
}

/** FastAPI-style errors: `{"detail": "..."}`, or `{"detail": [...]}` for 422; never a stack. */
export function installErrorHandlers(app: Hono, log: (line: string) => void): void {
  app.onError((error, c: Context) => {
    if (error instanceof HttpError) {
      if (error.status === 401) c.header("WWW-Authenticate", "Bearer");
      return c.json({ detail: detailOf(error) }, error.status);
    }
    log(`REST fault: ${error instanceof Error ? error.message : String(error)}`);
    return c.json({ detail: "Internal Server Error" }, 500);
  });
  app.notFound((c) => c.json({ detail: "Not Found" }, 404));
}
