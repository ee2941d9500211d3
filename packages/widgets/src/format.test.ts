import { describe, expect, it } from "vitest";
import { formattersFor } from "./format.js";

// Local times, so that "today" is the same calendar day whatever the machine's time zone.
const at = (day: number, hour: number, minute = 0) =>
  new Date(2025, 2, day, hour, minute).toISOString();
const now = new Date(2025, 2, 12, 15, 0).getTime();

describe("formattersFor", () => {
  it("says how long ago in the locale's words, then the date", () => {
    const en = formattersFor("en");
    expect(en.relative(at(12, 14, 59), now)).toBe("1 minute ago");
    expect(en.relative(at(12, 15), now)).toBe("now");
    expect(en.relative(at(12, 12), now)).toBe("3 hours ago");
    expect(en.relative(at(11, 12), now)).toBe("yesterday");
    expect(en.relative(at(1, 12), now)).toBe(en.dateTime(at(1, 12)));
    expect(formattersFor("fr").relative(at(12, 12), now)).toBe("il y a 3 heures");
    expect(formattersFor("de").relative(at(12, 14, 55), now)).toBe("vor 5 Minuten");
  });

  it("heads days as Today and Yesterday, then dates", () => {
    const en = formattersFor("en");
    expect(en.day(at(12, 9), now)).toBe("Today");
    expect(en.day(at(11, 9), now)).toBe("Yesterday");
    expect(en.day(at(1, 9), now)).toBe("Mar 1, 2025");
    expect(formattersFor("es").day(at(12, 9), now)).toBe("Hoy");
  });

  it("shows a list row's time today, the weekday this week, else a date", () => {
    const en = formattersFor("en");
    expect(en.short(at(12, 9), now)).toBe(en.time(at(12, 9)));
    expect(en.short(at(10, 9), now)).toBe("Mon");
    expect(en.short(at(1, 9), now)).toBe("3/1/25");
  });
});
