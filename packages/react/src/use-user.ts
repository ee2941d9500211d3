import type { User } from "@parley/core";
import { useCallback, useEffect, useMemo, useSyncExternalStore } from "react";
import { useChatClient } from "./chat-provider.js";
import { shallowArrayEqual } from "./equality.js";

/**
 * What the client knows about a person (`client.users`), or undefined while nothing is; asks the
 * app's `resolveUsers` about them after the first render. Re-renders only when this person
 * changes. On the server it shows what the client already knows and asks nobody.
 */
export function useUser(userId: string | null | undefined): User | undefined {
  const { users } = useChatClient();
  const get = useCallback(() => (userId ? users.get(userId) : undefined), [users, userId]);
  const user = useSyncExternalStore(users.subscribe, get, get);
  useEffect(() => {
    if (userId) users.request([userId]);
  }, [users, userId]);
  return user;
}

/** A person's name, or undefined while it is unknown (show a placeholder, never the id). */
export function useDisplayName(userId: string | null | undefined): string | undefined {
  return useUser(userId)?.name;
}

/**
 * {@link useUser} for several people at once (typing lines, group titles): one entry per id, in
 * order; the array stays the same until one of them changes.
 */
export function useUsers(userIds: readonly string[]): readonly (User | undefined)[] {
  const { users } = useChatClient();
  // The ids as one key: a new array with the same ids each render keeps the subscription.
  const key = userIds.join("\u0000");
  const get = useMemo(() => {
    const ids = key === "" ? [] : key.split("\u0000");
    let last: (User | undefined)[] = [];
    return () => {
      const next = ids.map((id) => users.get(id));
      if (!shallowArrayEqual(last, next)) last = next;
      return last;
    };
  }, [users, key]);
  const list = useSyncExternalStore(users.subscribe, get, get);
  useEffect(() => {
    if (key !== "") users.request(key.split("\u0000"));
  }, [users, key]);
  return list;
}

/**
 * Everyone the client knows of (`client.users.list()`: static users, conversations'
 * participants, people the resolver answered), e.g. to pick whom to write to. The array stays
 * the same until someone changes.
 */
export function useKnownUsers(): readonly User[] {
  const { users } = useChatClient();
  return useSyncExternalStore(users.subscribe, users.list, users.list);
}
