import type { Context } from "hono";
import { z } from "zod";
import { HttpError } from "../../http/http-error.js";
import { readJson } from "../../http/json-body.js";

/** One entry of FastAPI's 422 `detail` list (pydantic v2 style). */
export interface FastApiIssue {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** A 422 whose `detail` is the given FastAPI issue list. */
export function validationError(issues: FastApiIssue[]): HttpError {
  return new HttpError(422, issues[0]?.msg ?? "Validation error", issues);
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const TYPE_NAMES: Record<string, [type: string, msg: string]> = {
  string: ["string_type", "Input should be a valid string"],
  boolean: ["bool_type", "Input should be a valid boolean"],
  object: [
    "model_attributes_type",
    "Input should be a valid dictionary or object to extract fields from",
  ],
};

/** Maps one zod issue on a request body to pydantic's wording, as FastAPI reports it. */
export function fastApiIssue(issue: z.core.$ZodIssue, body: unknown): FastApiIssue {
  const path = issue.path.filter((k): k is string | number => typeof k !== "symbol");
  const loc = ["body", ...path];
  const input = valueAt(body, path);
  if (issue.code === "invalid_type") {
    if (input === undefined) {
      const parent = path.length === 0 ? null : (valueAt(body, path.slice(0, -1)) ?? null);
      return { type: "missing", loc, msg: "Field required", input: parent };
    }
    const [type, msg] = TYPE_NAMES[issue.expected] ?? ["value_error", issue.message];
    return { type, loc, msg, input };
  }
  if (issue.code === "too_small" && input === "") {
    const min = Number(issue.minimum);
    const msg = `String should have at least ${min} character${min === 1 ? "" : "s"}`;
    return { type: "string_too_short", loc, msg, input, ctx: { min_length: min } };
  }
  if (issue.code === "too_big" && typeof input === "string") {
    const max = Number(issue.maximum);
    const msg = `String should have at most ${max} characters`;
    return { type: "string_too_long", loc, msg, input, ctx: { max_length: max } };
  }
  return {
    type: "value_error",
    loc,
    msg: `Value error, ${issue.message}`,
    input,
    ctx: { error: {} },
  };
}

/**
 * Reads a JSON body (size-limited by the shared reader) and validates it, answering FastAPI's
 * 422 list for invalid JSON, a missing body or a wrong shape.
 */
export async function readBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes: number,
): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await readJson(c, z.unknown(), maxBytes, 422);
  } catch (error) {
    if (error instanceof HttpError && error.status === 422) {
      throw validationError([
        {
          type: "json_invalid",
          loc: ["body", 0],
          msg: "JSON decode error",
          input: {},
          ctx: { error: "Expecting value" },
        },
      ]);
    }
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error.issues.map((i) => fastApiIssue(i, body)));
  return parsed.data;
}

/**
 * An integer query parameter as FastAPI's `Query(default, ge=, le=)` reads it; problems are
 * pushed onto `issues` so every bad parameter is reported at once.
 */
export function queryInt(
  c: Context,
  name: string,
  fallback: number,
  bounds: { ge: number; le?: number },
  issues: FastApiIssue[],
): number {
  const raw = c.req.query(name);
  if (raw === undefined) return fallback;
  const loc = ["query", name];
  if (!/^\s*[-+]?\d+\s*$/.test(raw)) {
    const msg = "Input should be a valid integer, unable to parse string as an integer";
    issues.push({ type: "int_parsing", loc, msg, input: raw });
    return fallback;
  }
  const value = Number(raw);
  if (value < bounds.ge) {
    const msg = `Input should be greater than or equal to ${bounds.ge}`;
    issues.push({ type: "greater_than_equal", loc, msg, input: raw, ctx: { ge: bounds.ge } });
  } else if (bounds.le !== undefined && value > bounds.le) {
    const msg = `Input should be less than or equal to ${bounds.le}`;
    issues.push({ type: "less_than_equal", loc, msg, input: raw, ctx: { le: bounds.le } });
  }
  return value;
}
