/** Formatting through `Intl`, cached per locale: dates, times, numbers, lists and sizes. */
export interface Formatters {
  locale: string | undefined;
  time(iso: string): string;
  day(iso: string): string;
  dateTime(iso: string): string;
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
    day: (iso) => {
      const d = toDate(iso);
      return d ? day.format(d) : "";
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

/** The local calendar day of an ISO time, as `YYYY-MM-DD`, for grouping. */
export function dayKey(iso: string): string {
  const d = toDate(iso);
  if (!d) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
