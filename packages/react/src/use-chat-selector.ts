import type { ChatState } from "@parley/core";
import { useEffect, useMemo, useRef, useSyncExternalStore } from "react";
import { useChatClient } from "./chat-provider.js";

/**
 * Reads a slice of the client's state; the component re-renders only when the slice changes.
 * The selection is computed once per state snapshot. A selector that derives a new object or
 * array each time needs `isEqual` (e.g. {@link shallowArrayEqual}): while it says the new
 * selection equals the last one, the last one is returned, so its reference stays the same.
 * On the server the current state is the snapshot, so `renderToString` shows what the client has.
 */
export function useChatSelector<T>(
  selector: (state: ChatState) => T,
  isEqual?: (a: T, b: T) => boolean,
): T {
  const client = useChatClient();
  // The selection last committed: a fresh selector (an inline closure each render) may keep it.
  const committed = useRef<{ value: T } | null>(null);
  const getSelection = useMemo(() => {
    let memo: { state: ChatState; value: T } | null = null;
    return () => {
      const state = client.getState();
      if (memo && memo.state === state) return memo.value;
      let value = selector(state);
      const previous = memo ?? committed.current;
      if (isEqual && previous && isEqual(previous.value, value)) value = previous.value;
      memo = { state, value };
      return value;
    };
  }, [client, selector, isEqual]);
  const value = useSyncExternalStore(client.subscribe, getSelection, getSelection);
  useEffect(() => {
    committed.current = { value };
  }, [value]);
  return value;
}
