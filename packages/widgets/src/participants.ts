import type { Conversation, Participant, User } from "@parley/core";

/** The participant with this id in a conversation, if the backend told us about them. */
export function findParticipant(
  conversation: Conversation | undefined,
  userId: string,
): Participant | undefined {
  return conversation?.participants.find((p) => p.id === userId);
}

/**
 * A person's display name: the directory's (`client.users`), else the conversation's, else
 * `placeholder` (a localized "Someone"): never their id.
 */
export function nameOf(
  conversation: Conversation | undefined,
  userId: string,
  user: User | undefined,
  placeholder: string,
): string {
  const name = user?.name ?? findParticipant(conversation, userId)?.name;
  return name && name.trim() !== "" ? name : placeholder;
}

/**
 * A conversation's title: its own, else the other participants' names (`nameFor` answers a
 * placeholder while one is unknown), else `fallback`; never an id.
 */
export function titleOf(
  conversation: Conversation | undefined,
  me: string | null,
  nameFor: (userId: string) => string,
  fallback: string,
): string {
  if (!conversation) return fallback;
  if (conversation.title && conversation.title.trim() !== "") return conversation.title;
  const others = conversation.participants.filter((p) => p.id !== me);
  return others.length > 0 ? others.map((p) => nameFor(p.id)).join(", ") : fallback;
}

/**
 * The one other person of a one-to-one conversation, whose avatar and presence stand for it;
 * null for a group, or a "direct" conversation that holds more than one other person.
 */
export function otherPersonOf(
  conversation: Conversation | undefined,
  me: string | null,
): Participant | null {
  if (conversation?.kind !== "direct") return null;
  const others = conversation.participants.filter((p) => p.id !== me);
  return others.length === 1 ? (others[0] ?? null) : null;
}

/** Up to two initials of a name, for an avatar without a picture. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : [words[0]];
  return letters
    .map((w) => (w ? (Array.from(w)[0] ?? "") : ""))
    .join("")
    .toLocaleUpperCase();
}
