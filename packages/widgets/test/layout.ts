/**
 * jsdom has no layout. This gives the message list's scroller a viewport height and every row a
 * fixed height, through the same properties the virtualizer reads (offsetHeight, clientHeight,
 * scrollHeight), so scroll logic can run. Returns the restore function.
 */
export function stubLayout({ viewport = 500, row = 50 } = {}): () => void {
  const proto = HTMLElement.prototype;
  const saved = ["offsetHeight", "offsetWidth", "clientHeight", "scrollHeight"].map(
    (name) => [name, Object.getOwnPropertyDescriptor(proto, name)] as const,
  );
  const isScroller = (el: HTMLElement) => el.classList.contains("parley-message-list__scroller");
  const isRow = (el: HTMLElement) => el.classList.contains("parley-message-list__row");
  Object.defineProperty(proto, "offsetHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? viewport : isRow(this) ? row : 0;
    },
  });
  Object.defineProperty(proto, "offsetWidth", {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) || isRow(this) ? 400 : 0;
    },
  });
  Object.defineProperty(proto, "clientHeight", {
    configurable: true,
    get(this: HTMLElement) {
      return isScroller(this) ? viewport : 0;
    },
  });
  Object.defineProperty(proto, "scrollHeight", {
    configurable: true,
    get(this: HTMLElement) {
      if (!isScroller(this)) return 0;
      const canvas = this.querySelector<HTMLElement>(".parley-message-list__canvas");
      return canvas ? Number.parseFloat(canvas.style.height) || 0 : 0;
    },
  });
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor) Object.defineProperty(proto, name, descriptor);
      else delete (proto as unknown as Record<string, unknown>)[name];
    }
  };
}
