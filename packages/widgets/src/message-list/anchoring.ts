/**
 * Scroll anchoring for a chat log, pure so it can be tested without layout: which row the view
 * is anchored to, and where to scroll so that row stays put after rows were added above it.
 */

/** A laid-out row: its stable key and its top and bottom in the scroll content. */
export interface LaidOutRow {
  key: string;
  start: number;
  end: number;
}

/** A row visible at the top of the view, and how far the view starts into it. */
export interface Anchor {
  key: string;
  /** `scrollTop - row.start`: negative while the row's top is below the view's top. */
  offset: number;
}

/**
 * The anchor of the current view: the first row (among those `eligible`) whose bottom is below
 * the view's top. Day separators make poor anchors (an older page of the same day moves the
 * separator), so the list anchors to messages only.
 */
export function captureAnchor(
  rows: readonly LaidOutRow[],
  scrollTop: number,
  eligible: (key: string) => boolean = () => true,
): Anchor | null {
  for (const row of rows) {
    if (row.end > scrollTop && eligible(row.key))
      return { key: row.key, offset: scrollTop - row.start };
  }
  return null;
}

/**
 * Where to scroll so the anchored row sits where it was, after rows were inserted or resized
 * above it; null when the anchor is gone (then nothing should move).
 */
export function restoreScrollTop(
  anchor: Anchor | null,
  startOf: (key: string) => number | undefined,
): number | null {
  if (!anchor) return null;
  const start = startOf(anchor.key);
  return start === undefined ? null : Math.max(0, start + anchor.offset);
}

/**
 * How many rows were added above: the index of the previous first key among the new keys (0 when
 * nothing was added above, or that row is gone).
 */
export function prependedCount(
  previousFirstKey: string | undefined,
  keys: readonly string[],
): number {
  if (previousFirstKey === undefined) return 0;
  const index = keys.indexOf(previousFirstKey);
  return Math.max(0, index);
}
