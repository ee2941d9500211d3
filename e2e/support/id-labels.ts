import type { Page } from "playwright-core";

/**
 * What a window of ChatWindow shows that looks like an id where a person or a chat should be
 * named: a UUID or a 24-digit hex ObjectId anywhere in the chat's visible text, labels and
 * titles, or a bare number where a name belongs (titles, senders, avatars' initials, the typing
 * line, a reply's author, the people picker). Empty when every label reads as words.
 */
export function idLikeLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    const objectId = /(^|[^0-9a-f])[0-9a-f]{24}([^0-9a-f]|$)/i;
    const bare = /^\s*[#:]?\d+\s*$/;
    const root = document.querySelector(".parley-chat");
    if (!root) return ["no .parley-chat on the page"];
    const shown = (el: Element) =>
      (el as HTMLElement).checkVisibility?.({ visibilityProperty: true }) ?? true;
    const found: string[] = [];
    const labels = [...root.querySelectorAll("[aria-label], [title]")]
      .filter(shown)
      .flatMap((el) => [el.getAttribute("aria-label") ?? "", el.getAttribute("title") ?? ""]);
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, line by line, is the point
    const rendered = (root as HTMLElement).innerText;
    for (const text of [rendered, ...labels])
      for (const line of text.split("\n"))
        if (uuid.test(line) || objectId.test(line)) found.push(line.trim());
    const names = root.querySelectorAll(
      [
        ".parley-thread__title",
        ".parley-conversation__title",
        ".parley-message__sender",
        ".parley-reply__sender",
        ".parley-typing__text",
        ".parley-avatar__initials",
        ".parley-people-picker__name",
      ].join(", "),
    );
    for (const el of names) {
      const text = el.textContent ?? "";
      if (shown(el) && bare.test(text)) found.push(text.trim());
    }
    return found;
  });
}
