import { describe, expect, it } from "vitest";
import { formattersFor } from "../format.js";
import { defaultStrings, type WidgetStrings } from "../strings.js";
import type { WidgetTranslation } from "../translation.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { pt } from "./pt.js";
import { zh } from "./zh.js";

const locales: Record<string, WidgetTranslation> = { en, es, fr, de, pt, ar, zh, ja };

/** Every key path of a strings object, nested ones as `status.read`. */
function keysOf(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === "object" && v !== null ? keysOf(v, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Every string a translation can produce, functions called with sample arguments. */
function samples(strings: WidgetStrings, locale: string): Array<[string, string]> {
  const format = formattersFor(locale);
  const out: Array<[string, string]> = [];
  for (const key of keysOf(strings)) {
    const value = key
      .split(".")
      .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], strings);
    if (typeof value === "string") out.push([key, value]);
    else if (typeof value === "function") {
      for (const count of [1, 2, 3, 5, 11, 21, 100, 102]) {
        const call = value as (...args: unknown[]) => unknown;
        const n = format.number(count);
        const args =
          key === "typing"
            ? [Math.min(count, 3), format.list(["Ana", "Ben", "Cleo"].slice(0, count))]
            : key === "reconnecting"
              ? [n, count % 2 ? null : n]
              : [count, n];
        out.push([`${key}(${count})`, String(call(...args))]);
      }
    }
  }
  return out;
}

describe.each(Object.entries(locales))("locale %s", (name, translation) => {
  it("has every key of the English strings, and no other", () => {
    expect(keysOf(translation.strings).sort()).toEqual(keysOf(defaultStrings).sort());
  });

  it("says something for every key and count, with the count in it", () => {
    for (const [key, text] of samples(translation.strings, translation.locale)) {
      expect(text.trim(), `${name} ${key}`).not.toBe("");
      expect(text, `${name} ${key}`).not.toMatch(/undefined|null|\[object/);
    }
  });

  it("is a locale Intl knows, in its own direction", () => {
    expect(Intl.PluralRules.supportedLocalesOf([translation.locale])).toEqual([translation.locale]);
    expect(translation.dir).toBe(name === "ar" ? "rtl" : "ltr");
  });
});

describe("plural forms", () => {
  it("follow each language's rules", () => {
    const n = (locale: string, count: number) => formattersFor(locale).number(count);
    expect(en.strings.unread(1, "1")).toBe("1 unread message");
    expect(en.strings.unread(2, "2")).toBe("2 unread messages");
    expect(fr.strings.unread(1, "1")).toBe("1 message non lu");
    expect(fr.strings.unread(2, "2")).toBe("2 messages non lus");
    expect(ar.strings.unread(1, n("ar", 1))).toBe("رسالة واحدة غير مقروءة");
    expect(ar.strings.unread(2, n("ar", 2))).toBe("رسالتان غير مقروءتين");
    expect(ar.strings.unread(3, n("ar", 3))).toBe(`${n("ar", 3)} رسائل غير مقروءة`);
    expect(ar.strings.unread(11, n("ar", 11))).toBe(`${n("ar", 11)} رسالة غير مقروءة`);
    expect(ar.strings.typing(2, "أ و ب")).toBe("أ و ب يكتبان…");
    expect(ja.strings.unread(3, "3")).toBe("未読メッセージ 3 件");
  });
});
