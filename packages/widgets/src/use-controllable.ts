import { useCallback, useRef, useState } from "react";

/**
 * A value that is controlled when `value` is not undefined (the parent owns it and hears changes
 * through `onChange`), else kept here from `defaultValue`. Controlled-ness is fixed at mount, as
 * React's own inputs do.
 */
export function useControllable<T>(
  value: T | undefined,
  defaultValue: T,
  onChange: ((next: T) => void) | undefined,
): [T, (next: T) => void] {
  const controlled = useRef(value !== undefined).current;
  const [own, setOwn] = useState(defaultValue);
  const latest = useRef(onChange);
  latest.current = onChange;
  const set = useCallback(
    (next: T) => {
      if (!controlled) setOwn(next);
      latest.current?.(next);
    },
    [controlled],
  );
  return [controlled ? (value as T) : own, set];
}
