import { HttpError } from "../../http/http-error.js";
import type { Direction } from "./store.js";

/** One entry of FastAPI's 422 `detail` list. */
export interface ValidationIssue {
  type: string;
  loc: [string, string];
  msg: string;
  input: string;
  ctx?: Record<string, unknown>;
}

export interface HistoryQuery {
  direction: Direction;
  skip: number;
  limit: number | undefined;
}

/** Largest page `limit` accepts (extension). */
export const MAX_LIMIT = 1000;

const DIRECTIONS: readonly Direction[] = ["inbound", "outbound", "both"];

function integer(
  name: string,
  raw: string | undefined,
  min: number,
  max: number | null,
  issues: ValidationIssue[],
): number | undefined {
  if (raw === undefined) return undefined;
  const loc: [string, string] = ["query", name];
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
    issues.push({
      type: "int_parsing",
      loc,
      msg: "Input should be a valid integer, unable to parse string as an integer",
      input: raw,
    });
    return undefined;
  }
  const value = Number(raw);
  if (value < min) {
    issues.push({
      type: "greater_than_equal",
      loc,
      msg: `Input should be greater than or equal to ${min}`,
      input: raw,
      ctx: { ge: min },
    });
  } else if (max !== null && value > max) {
    issues.push({
      type: "less_than_equal",
      loc,
      msg: `Input should be less than or equal to ${max}`,
      input: raw,
      ctx: { le: max },
    });
  }
  return value;
}

/**
 * Reads `direction` (when the route has it) and the `skip`/`limit` extension, answering
 * `status` (the seed's 400, FastAPI's 422 in the field) with FastAPI's list of every problem at
 * once, as FastAPI validates all parameters together.
 */
export function historyQuery(
  query: (name: string) => string | undefined,
  withDirection: boolean,
  status: 400 | 422,
): HistoryQuery {
  const issues: ValidationIssue[] = [];
  let direction: Direction = "both";
  const rawDirection = withDirection ? query("direction") : undefined;
  if (rawDirection !== undefined) {
    if ((DIRECTIONS as readonly string[]).includes(rawDirection)) {
      direction = rawDirection as Direction;
    } else {
      issues.push({
        type: "literal_error",
        loc: ["query", "direction"],
        msg: "Input should be 'inbound', 'outbound' or 'both'",
        input: rawDirection,
        ctx: { expected: "'inbound', 'outbound' or 'both'" },
      });
    }
  }
  const skip = integer("skip", query("skip"), 0, null, issues) ?? 0;
  const limit = integer("limit", query("limit"), 1, MAX_LIMIT, issues);
  if (issues.length > 0) throw new HttpError(status, "Validation error", issues);
  return { direction, skip, limit };
}
