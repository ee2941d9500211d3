import { useEffect, useRef, useState } from "react";
import type { Row } from "./grouping.js";

/** A message to bring into view, by server id; a new object jumps again (to the same one too). */
export interface JumpTarget {
  messageId: string;
}

/** Where a jump is: older pages loading until the message is there, shown, or not to be had. */
export type JumpStatus = "finding" | "found" | "missing";

export interface JumpOptions {
  jumpTo: JumpTarget | null | undefined;
  rows: readonly Row[];
  /** The newest page is in (or the thread is known empty): paging back may start. */
  ready: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  loadOlder: () => unknown;
  /** The last older page failed to load. */
  failed: boolean;
  /** Scrolls row `index` into view and stops following the bottom. */
  reveal: (index: number) => void;
  /** Older pages loaded at most per jump. @default 50 */
  maxPages?: number;
}

export interface JumpState {
  target: JumpTarget;
  status: JumpStatus;
  /** The row key of the message found. */
  key: string | null;
}

/**
 * Brings a message into view: when the loaded thread has it, scrolls to it; else loads older
 * pages (the cache answers before the network) until it is there, the history ends, or
 * `maxPages` were loaded. The list's anchoring keeps the view in place as pages arrive.
 */
export function useJumpToMessage(options: JumpOptions): JumpState | null {
  const { jumpTo, rows, ready, hasMore, loadingOlder, loadOlder, failed, reveal } = options;
  const maxPages = options.maxPages ?? 50;
  const [state, setState] = useState<JumpState | null>(null);
  const pages = useRef(0);

  useEffect(() => {
    pages.current = 0;
    setState(jumpTo ? { target: jumpTo, status: "finding", key: null } : null);
  }, [jumpTo]);

  useEffect(() => {
    if (state?.status !== "finding" || state.target !== jumpTo || !ready) return;
    const { messageId } = state.target;
    const index = rows.findIndex((row) => row.kind === "message" && row.message.id === messageId);
    const row = rows[index];
    if (row) {
      reveal(index);
      setState({ ...state, status: "found", key: row.key });
      return;
    }
    if (loadingOlder) return;
    if (!hasMore || failed || pages.current >= maxPages) {
      setState({ ...state, status: "missing" });
      return;
    }
    pages.current += 1;
    void loadOlder();
  }, [state, jumpTo, rows, ready, hasMore, loadingOlder, loadOlder, failed, reveal, maxPages]);

  return state && state.target === jumpTo ? state : null;
}
