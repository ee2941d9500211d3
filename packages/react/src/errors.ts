import { isParleyError, ParleyError } from "@parley/core";

/** Hooks report `ParleyError`s only; anything else thrown below is wrapped as a network error. */
export function asParleyError(error: unknown): ParleyError {
  return isParleyError(error)
    ? error
    : new ParleyError("network", error instanceof Error ? error.message : String(error), {
        cause: error,
      });
}
