import type { Conversation, User } from "@parley/core";
import { useMe, useUser, useUsers } from "@parley/react";
import { useMemo } from "react";
import { useWidgets } from "./context.js";
import { findParticipant, nameOf, otherPersonOf, titleOf } from "./participants.js";

/** A person's name in a conversation, or the localized placeholder while it is unknown. */
export function usePersonName(conversation: Conversation | undefined, userId: string): string {
  const { strings } = useWidgets();
  return nameOf(conversation, userId, useUser(userId), strings.someone);
}

/** Names and pictures of several people, read from one lookup. */
export interface People {
  /** The person's name, or the localized placeholder while it is unknown. */
  name(userId: string): string;
  /** The person's picture, where the directory or the conversation has one. */
  avatar(userId: string): string | null | undefined;
}

/**
 * Several people at once (a typing line, a message list's senders, a group's title), with one
 * subscription to the directory; asks the app's resolver about those not known by name.
 */
export function usePeople(
  conversation: Conversation | undefined,
  userIds: readonly string[],
): People {
  const { strings } = useWidgets();
  const users = useUsers(userIds);
  const byId = new Map<string, User | undefined>();
  for (const [i, id] of userIds.entries()) byId.set(id, users[i]);
  return {
    name: (id) => nameOf(conversation, id, byId.get(id), strings.someone),
    avatar: (id) => byId.get(id)?.avatarUrl ?? findParticipant(conversation, id)?.avatar,
  };
}

/** What stands for a conversation: its title, and the other person of a one-to-one one. */
export interface ConversationFace {
  title: string;
  /** The other person of a one-to-one conversation (their avatar and presence), else null. */
  other: { id: string; avatar: string | null | undefined } | null;
}

/** A conversation's title and face from the directory: placeholders while names are unknown. */
export function useConversationFace(conversation: Conversation | undefined): ConversationFace {
  const me = useMe();
  const { strings } = useWidgets();
  const others = useMemo(
    () => (conversation?.participants ?? []).filter((p) => p.id !== me).map((p) => p.id),
    [conversation, me],
  );
  const people = usePeople(conversation, others);
  const person = otherPersonOf(conversation, me);
  const user = useUser(person?.id);
  const title = titleOf(conversation, me, people.name, strings.untitledConversation);
  return {
    title,
    other: person ? { id: person.id, avatar: user?.avatarUrl ?? person.avatar } : null,
  };
}
