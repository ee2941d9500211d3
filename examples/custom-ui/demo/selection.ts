import { useState } from "react";
import { type Dialect, isDialect } from "./config.js";

/** Who is logged in, on which dialect, looking at which conversation. */
export interface Selection {
  user: string | null;
  dialect: Dialect;
  conversation: string | null;
}

function fromUrl(): Selection {
  const query = new URLSearchParams(window.location.search);
  const dialect = query.get("dialect");
  return {
    user: query.get("user"),
    dialect: isDialect(dialect) ? dialect : "friends-ws",
    // `chat`, as the demo prints its links; `conversation` as older links said it.
    conversation: query.get("chat") ?? query.get("conversation"),
  };
}

function toUrl(selection: Selection): string {
  // Other parameters (an app's `lang`) stay as they are.
  const query = new URLSearchParams(window.location.search);
  query.delete("conversation");
  query.delete("chat");
  query.delete("user");
  if (selection.user) query.set("user", selection.user);
  query.set("dialect", selection.dialect);
  if (selection.conversation) query.set("chat", selection.conversation);
  return `?${query}`;
}

/** The selection, kept in the URL: a window can be reloaded or bookmarked as it is. */
export function useSelection(): [Selection, (change: Partial<Selection>) => void] {
  const [selection, setSelection] = useState(fromUrl);
  const update = (change: Partial<Selection>) => {
    const next = { ...selection, ...change };
    window.history.replaceState(null, "", toUrl(next));
    setSelection(next);
  };
  return [selection, update];
}
