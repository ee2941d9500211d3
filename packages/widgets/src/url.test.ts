import { XSS_URLS } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import { safeUrl } from "./url.js";

describe("safeUrl", () => {
  it("keeps http, https and mailto links, normalized", () => {
    expect(safeUrl("https://example.com/a?b=1#c")).toBe("https://example.com/a?b=1#c");
    expect(safeUrl("HTTP://Example.com")).toBe("http://example.com/");
    expect(safeUrl("mailto:ana@example.com")).toBe("mailto:ana@example.com");
  });

  it("refuses mailto as a media source", () => {
    expect(safeUrl("mailto:ana@example.com", "media")).toBeNull();
    expect(safeUrl("https://cdn.example.com/a.png", "media")).toBe("https://cdn.example.com/a.png");
  });

  it("resolves relative URLs against the base, never changing the scheme", () => {
    expect(safeUrl("/files/a.pdf", "media", "https://chat.example.com/app/")).toBe(
      "https://chat.example.com/files/a.pdf",
    );
    expect(safeUrl("//cdn.example.com/x.png", "media", "https://chat.example.com/")).toBe(
      "https://cdn.example.com/x.png",
    );
  });

  it("refuses non-strings, empty strings and garbage", () => {
    for (const raw of [undefined, null, 42, {}, "", "   ", "http://"]) {
      expect(safeUrl(raw, "link", "https://chat.example.com/")).toBeNull();
    }
  });

  it.each(XSS_URLS)("never passes %j as a link or media URL", (raw) => {
    for (const use of ["link", "media"] as const) {
      const result = safeUrl(raw, use, "https://chat.example.com/");
      // Entity-encoded strings are harmless relative paths; anything else must be refused.
      if (result !== null) {
        expect(new URL(result).protocol).toBe("https:");
        expect(new URL(result).host).toBe("chat.example.com");
      }
    }
  });

  it("refuses every scripted scheme outright", () => {
    for (const raw of XSS_URLS.filter((u) => !u.startsWith("&") && !u.startsWith("javascript&"))) {
      expect(safeUrl(raw, "link", "https://chat.example.com/")).toBeNull();
    }
  });
});
