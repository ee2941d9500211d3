import type { Message } from "@parley/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { type Anchor, captureAnchor, prependedCount, restoreScrollTop } from "./anchoring.js";
import type { Row } from "./grouping.js";
import { countNewSince } from "./new-messages.js";

/** Within this many pixels of the end, the view counts as at the bottom (and follows). */
export const BOTTOM_THRESHOLD = 48;

/** Within this many pixels of the top, older messages are loaded. */
export const LOAD_OLDER_THRESHOLD = 240;

// Server rendering has no layout effects; the browser always has them.
const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

const isMessageKey = (key: string) => !key.startsWith("day:");

export interface ChatScrollOptions {
  rows: readonly Row[];
  messages: readonly Message[];
  me: string | null;
  hasMore: boolean;
  loadingOlder: boolean;
  loadOlder: () => unknown;
  /** Rows rendered beyond the visible ones on each side. */
  overscan: number;
  /** Estimated row height before it is measured. */
  estimateSize: number;
}

/** Whether an element is scrolled to its end (within {@link BOTTOM_THRESHOLD}). */
function isAtBottom(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= BOTTOM_THRESHOLD;
}

/**
 * The scroll behaviour of a chat log over a virtualizer: starts at the newest message, stays
 * pinned to the bottom while the user is there (new messages, late images and re-measured rows
 * included) and always after our own send, keeps the first visible message in place when older
 * messages are prepended or rows above the view grow, loads older messages near the top, and
 * counts the messages that arrived while the user was scrolled up.
 */
export function useChatScroll(options: ChatScrollOptions) {
  const { rows, messages, me } = options;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [atBottom, setAtBottom] = useState(true);
  // The newest message the user has seen at the bottom; new ones after it are counted.
  const [seenKey, setSeenKey] = useState<string | null>(null);
  const latest = useRef(options);
  latest.current = options;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => options.estimateSize,
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: options.overscan,
    paddingStart: 8,
    paddingEnd: 8,
    // Rows above the view that change size once measured (a late image) are compensated by the
    // virtualizer; following the bottom and keeping the place on prepends is done here.
  });

  // Pinned: the user is at the bottom, so the view follows whatever happens there. Only scroll
  // events change it: content growing below leaves it set.
  const pinned = useRef(true);
  // Older messages load only after the view has once settled at the bottom: the first layout
  // starts at offset 0 before it scrolls down, and must not look like the user scrolled up.
  const settled = useRef(false);
  // The first *message* in view, remembered on every scroll (see the prepend effect below).
  const anchor = useRef<Anchor | null>(null);
  // A message jumped to: the anchor while it is laid out, so it stays put as pages load.
  const focusKey = useRef<string | null>(null);

  // The scroll position last seen by onScroll: a smaller one not at the bottom means the user
  // scrolled up, even before the browser has reported it.
  const lastTop = useRef(0);

  const onScroll = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    lastTop.current = element.scrollTop;
    const bottom = isAtBottom(element);
    pinned.current = bottom;
    setAtBottom(bottom);
    const laidOut = virtualizer.getVirtualItems().map((item) => ({
      key: String(item.key),
      start: item.start,
      end: item.end,
    }));
    const focused = focusKey.current;
    anchor.current =
      (focused === null ? null : captureAnchor(laidOut, element.scrollTop, (k) => k === focused)) ??
      captureAnchor(laidOut, element.scrollTop, isMessageKey);
    const { hasMore, loadingOlder, loadOlder, rows: current } = latest.current;
    if (bottom && current.length > 0) settled.current = true;
    if (
      settled.current &&
      !bottom &&
      element.scrollTop <= LOAD_OLDER_THRESHOLD &&
      hasMore &&
      !loadingOlder
    ) {
      void loadOlder();
    }
  }, [virtualizer]);

  useEffect(() => {
    const element = scrollRef.current;
    element?.addEventListener("scroll", onScroll, { passive: true });
    return () => element?.removeEventListener("scroll", onScroll);
  }, [onScroll]);

  const stick = useCallback(() => {
    const element = scrollRef.current;
    if (!element) return;
    const end = element.scrollHeight - element.clientHeight;
    if (Math.abs(element.scrollTop - end) > 1) element.scrollTo({ top: end });
    // Browsers report the scroll later; the state must be right before the next paint.
    onScroll();
  }, [onScroll]);

  // Keeping the place when older messages arrive above: the first message in view (remembered on
  // the last scroll) is put back where it was. Not the first row: a day separator moves when an
  // older page of the same day arrives.
  const firstKey = useRef<string | undefined>(undefined);
  useIsomorphicLayoutEffect(() => {
    const keys = rows.map((row) => row.key);
    const previous = firstKey.current;
    firstKey.current = keys.find(isMessageKey);
    const element = scrollRef.current;
    if (!element || pinned.current || prependedCount(previous, keys) === 0) return;
    const target = restoreScrollTop(anchor.current, (key) => {
      const index = keys.indexOf(key);
      // Fresh measurements: rows rendered at the old offset were measured during this commit.
      return index < 0 ? undefined : virtualizer.getOffsetForIndex(index, "start")?.[0];
    });
    if (target !== null && Math.abs(target - element.scrollTop) > 1)
      virtualizer.scrollToOffset(target);
  }, [rows, virtualizer]);

  // Pinned, the view follows every change of the content's height: new rows, measured rows and
  // images that load late.
  const totalSize = virtualizer.getTotalSize();
  useIsomorphicLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !pinned.current || rows.length === 0) return;
    // The user scrolled up in this very frame: their scroll wins over following.
    if (element.scrollTop < lastTop.current - 1 && !isAtBottom(element)) onScroll();
    else stick();
  }, [totalSize, rows, stick, onScroll]);

  // Our own new message always brings the view down to it.
  const lastMessage = messages.at(-1);
  const ownKey =
    lastMessage && lastMessage.senderId === me && lastMessage.status === "pending"
      ? lastMessage.clientId
      : null;
  useIsomorphicLayoutEffect(() => {
    if (ownKey === null) return;
    pinned.current = true;
    stick();
  }, [ownKey, stick]);

  // While at the bottom, everything up to the newest message counts as seen.
  const lastKey = lastMessage?.clientId ?? null;
  useEffect(() => {
    if (atBottom) setSeenKey(lastKey);
  }, [atBottom, lastKey]);

  // A short thread that doesn't fill the view can't be scrolled to the top: load more at once.
  const { hasMore, loadingOlder, loadOlder } = options;
  const hasRows = rows.length > 0;
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || !hasRows || !hasMore || loadingOlder) return;
    if (element.scrollHeight > 0 && element.scrollHeight <= element.clientHeight) void loadOlder();
  }, [hasRows, hasMore, loadingOlder, loadOlder]);

  const jumpToLatest = useCallback(() => {
    focusKey.current = null;
    pinned.current = true;
    stick();
    // The button disappears at the bottom: keep focus in the log rather than losing it.
    scrollRef.current?.focus({ preventScroll: true });
  }, [stick]);

  // A message brought into view (a jump): the view stops following the bottom and may load older
  // messages when scrolled up from there.
  const reveal = useCallback(
    (index: number) => {
      focusKey.current = latest.current.rows[index]?.key ?? null;
      pinned.current = false;
      settled.current = true;
      virtualizer.scrollToIndex(index, { align: "center" });
    },
    [virtualizer],
  );

  const newCount = atBottom ? 0 : countNewSince(messages, seenKey, me);
  return { scrollRef, virtualizer, atBottom, newCount, jumpToLatest, reveal };
}
