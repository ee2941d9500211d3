/**
 * Calls `hidden` when the page is hidden or unloaded (a page going away may never reach a
 * pending timer); answers the function that stops watching. Inert where there is no page.
 */
export function onPageHidden(hidden: () => void): () => void {
  const page = globalThis as {
    addEventListener?: (type: string, listener: () => void) => void;
    removeEventListener?: (type: string, listener: () => void) => void;
    document?: { visibilityState?: string };
  };
  const onVisibility = () => {
    if (page.document?.visibilityState === "hidden") hidden();
  };
  page.addEventListener?.("pagehide", hidden);
  page.addEventListener?.("visibilitychange", onVisibility);
  return () => {
    page.removeEventListener?.("pagehide", hidden);
    page.removeEventListener?.("visibilitychange", onVisibility);
  };
}
