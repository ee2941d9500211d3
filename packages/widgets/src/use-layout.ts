import { type RefObject, useEffect, useLayoutEffect, useState } from "react";

const useIsomorphicLayoutEffect = typeof window === "undefined" ? useEffect : useLayoutEffect;

/** How `ChatWindow` lays out its list and thread: side by side, or one at a time. */
export type ChatLayout = "split" | "single";

/** Below this container width (CSS px) the list and the thread take turns. */
export const SINGLE_PANE_BELOW = 640;

/**
 * The layout for the element's own width (not the viewport's: a chat in a sidebar is narrow on a
 * wide screen), measured before paint and followed with a ResizeObserver. `split` until measured
 * (server rendering, or no layout at all as in jsdom) or when `mode` fixes it.
 */
export function useChatLayout(
  ref: RefObject<HTMLElement | null>,
  mode: "auto" | ChatLayout,
): ChatLayout {
  const [measured, setMeasured] = useState<ChatLayout>("split");
  useIsomorphicLayoutEffect(() => {
    const element = ref.current;
    if (mode !== "auto" || !element) return;
    const update = (width: number) => {
      if (width > 0) setMeasured(width < SINGLE_PANE_BELOW ? "single" : "split");
    };
    update(element.getBoundingClientRect().width);
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      // The border box, as the first measure (contentRect would leave out padding and border).
      const box = entry?.borderBoxSize?.[0];
      if (entry) update(box ? box.inlineSize : entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, mode]);
  return mode === "auto" ? measured : mode;
}
