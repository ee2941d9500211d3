import { describe, expect, it } from "vitest";
import { searchPeople } from "./people-search.js";

const people = [
  { id: "u3", name: "Zoë Vidal" },
  { id: "me", name: "Me Myself" },
  { id: "u1", name: "Éloïse Martin" },
  { id: "u4" },
  { id: "u5", name: "  " },
  { id: "u2", name: "Bob Stone" },
];
const names = (query: string, limit?: number) =>
  searchPeople(people, query, { me: "me", locale: "en", ...(limit ? { limit } : {}) }).map(
    (u) => u.name,
  );

describe("searchPeople", () => {
  it("lists everyone named but me, by name, for an empty query", () => {
    expect(names("")).toEqual(["Bob Stone", "Éloïse Martin", "Zoë Vidal"]);
  });

  it("finds a name by any of its words, ignoring case and accents", () => {
    expect(names("eloise")).toEqual(["Éloïse Martin"]);
    expect(names("ZOE")).toEqual(["Zoë Vidal"]);
    expect(names("martin elo")).toEqual(["Éloïse Martin"]);
    expect(names("o")).toEqual(["Bob Stone", "Éloïse Martin", "Zoë Vidal"]);
    expect(names("martin bob")).toEqual([]);
  });

  it("never finds anyone by id, and stops at the limit", () => {
    expect(names("u4")).toEqual([]);
    expect(names("me")).toEqual([]);
    expect(names("", 2)).toEqual(["Bob Stone", "Éloïse Martin"]);
  });
});
