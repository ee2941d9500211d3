import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// jsdom has no layout: scrollTo only moves scrollTop and reports a scroll, as a browser would:
// later, never from inside the call (React would be mid-commit when a layout effect scrolls).
if (typeof Element !== "undefined" && !Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo(
    this: Element,
    options?: ScrollToOptions | number,
    y?: number,
  ) {
    const top = typeof options === "number" ? y : options?.top;
    if (typeof top === "number") this.scrollTop = top;
    queueMicrotask(() => this.dispatchEvent(new Event("scroll")));
  } as Element["scrollTo"];
}
