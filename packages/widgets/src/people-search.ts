import type { User } from "@parley/core";

/** A named person the user can write to. */
export type NamedUser = User & { readonly name: string };

/** Folds case and accents, so "elo" finds "Éloïse" and "ELO" finds "élo". */
function fold(text: string, locale: string | undefined): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase(locale);
}

/**
 * The people whose name holds `query` (every word of it, in any order, ignoring case and
 * accents), sorted by name in the locale's order, at most `limit`. Leaves out `me` and anyone
 * without a name: a person known only by id cannot be searched for, and is never shown as one.
 */
export function searchPeople(
  users: readonly User[],
  query: string,
  options: { me: string | null; locale: string | undefined; limit?: number },
): NamedUser[] {
  const { me, locale, limit = 50 } = options;
  const words = fold(query, locale).split(/\s+/u).filter(Boolean);
  const collator = new Intl.Collator(locale, { sensitivity: "base" });
  return users
    .filter(
      (u): u is NamedUser => u.id !== me && typeof u.name === "string" && u.name.trim() !== "",
    )
    .filter((u) => {
      const name = fold(u.name, locale);
      return words.every((word) => name.includes(word));
    })
    .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}
