/** Formatting through `Intl`, cached per locale: dates, times, numbers, lists and sizes. */
export interface Formatters {
  locale: string | undefined;
  time(iso: string): string;
  /** A day heading: "Today", "Yesterday" (in the locale's words), else the date. */
  day(iso: string, now?: number): string;
  dateTime(iso: string): string;
  /** A list row's time: the time today, the weekday this week, else a short date. */
  short(iso: string, now?: number): string;
  /** "5 minutes ago" within a week, else the date and time. */
  relative(iso: string, now?: number): string;
  number(value: number): string;
  percent(fraction: number): string;
  bytes(size: number): string;
  list(items: readonly string[]): string;
}

const cache = new Map<string, Formatters>();

const toDate = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** Formatters for a BCP 47 locale (undefined: the runtime's default). */
export function formattersFor(locale: string | undefined): Formatters {
  const key = locale ?? "";
  const cached = cache.get(key);
  if (cached) return cached;
  const time = new Intl.DateTimeFormat(locale, { hour: "numeric", minute: "2-digit" });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short" });
  const shortDate = new Intl.DateTimeFormat(locale, { dateStyle: "short" });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  const bytes = units.map(
    (unit) =>
      new Intl.NumberFormat(locale, {
        style: "unit",
        unit,
        unitDisplay: "short",
        maximumFractionDigits: 1,
      }),
  );
  const formatters: Formatters = {
    locale,
    time: (iso) => {
      const d = toDate(iso);
      return d ? time.format(d) : "";
    },
    day: (iso, now = Date.now()) => {
      const d = toDate(iso);
      if (!d) return "";
      const days = daysBetween(d, new Date(now));
      return days === 0 || days === 1 ? upperFirst(relative.format(-days, "day")) : day.format(d);
    },
    short: (iso, now = Date.now()) => {
      const d = toDate(iso);
      if (!d) return "";
      const days = daysBetween(d, new Date(now));
      if (days === 0) return time.format(d);
      return days > 0 && days < 7 ? weekday.format(d) : shortDate.format(d);
    },
    relative: (iso, now = Date.now()) => {
      const d = toDate(iso);
      if (!d) return "";
      const seconds = Math.round((d.getTime() - now) / 1000);
      const ago = -seconds;
      if (ago < 0 || ago >= 7 * 86_400) return dateTime.format(d);
      if (ago < 60) return relative.format(0, "second");
      if (ago < 3600) return relative.format(-Math.floor(ago / 60), "minute");
      if (ago < 86_400) return relative.format(-Math.floor(ago / 3600), "hour");
      return relative.format(-Math.floor(ago / 86_400), "day");
    },
    dateTime: (iso) => {
      const d = toDate(iso);
      return d ? dateTime.format(d) : "";
    },
    number: (value) => number.format(value),
    percent: (fraction) => percent.format(fraction),
    bytes: (size) => {
      let value = size;
      let i = 0;
      while (value >= 1024 && i < bytes.length - 1) {
        value /= 1024;
        i += 1;
      }
      return (bytes[i] as Intl.NumberFormat).format(value);
    },
    list: (items) => list.format(items),
  };
  cache.set(key, formatters);
  return formatters;
}

/** Calendar days from `then` to `now`, in local time (0: the same day). */
function daysBetween(then: Date, now: Date): number {
  const start = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((start(now) - start(then)) / 86_400_000);
}

/** The local calendar day of an ISO time, as `YYYY-MM-DD`, for grouping. */
export function dayKey(iso: string): string {
  const d = toDate(iso);
  if (!d) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
