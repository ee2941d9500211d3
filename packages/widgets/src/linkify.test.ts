import { describe, expect, it } from "vitest";
import { linkify } from "./linkify.js";

describe("linkify", () => {
  it("returns plain text as one part", () => {
    expect(linkify("hello <b>world</b>")).toEqual([{ kind: "text", text: "hello <b>world</b>" }]);
  });

  it("links http, https and mailto, leaving sentence punctuation outside", () => {
    expect(linkify("see https://example.com/a. or mailto:a@b.c!")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.com/a", href: "https://example.com/a" },
      { kind: "text", text: ". or " },
      { kind: "link", text: "mailto:a@b.c", href: "mailto:a@b.c" },
      { kind: "text", text: "!" },
    ]);
  });

  it("never links other schemes", () => {
    for (const text of [
      "javascript:alert(1)",
      "click data:text/html,<script>x</script>",
      "vbscript:msgbox(1)",
      "ftp://example.com",
    ]) {
      expect(linkify(text).every((p) => p.kind === "text")).toBe(true);
    }
  });

  it("stops a URL at quotes and angle brackets", () => {
    const parts = linkify(`<a href="https://ok.example/x">`);
    const link = parts.find((p) => p.kind === "link");
    expect(link).toEqual({
      kind: "link",
      text: "https://ok.example/x",
      href: "https://ok.example/x",
    });
  });
});
