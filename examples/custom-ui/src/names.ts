import { createContext, useContext } from "react";
import type { DemoUser } from "../demo/config.js";

/** Display names by user id, or by rooms-ws's `u:<id>`/`c:<id>` (the integer id with its kind). */
export type NameOf = (id: string) => string;

export function makeNameOf(users: readonly DemoUser[]): NameOf {
  const names = new Map<string, string>();
  for (const u of users) {
    names.set(u.id, u.name);
    if (u.roomsId) names.set(u.roomsId, u.name);
  }
  return (id) => names.get(id) ?? id;
}

export const NamesContext = createContext<NameOf>((id) => id);

export const useNameOf = () => useContext(NamesContext);
