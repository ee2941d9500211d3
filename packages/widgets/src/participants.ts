import type { Conversation, Participant } from "@parley/core";

/** The participant with this id in a conversation, if the backend told us about them. */
export function findParticipant(
  conversation: Conversation | undefined,
  userId: string,
): Participant | undefined {
  return conversation?.participants.find((p) => p.id === userId);
}

/** A user's display name: their name in the conversation, else their id. */
export function nameOf(conversation: Conversation | undefined, userId: string): string {
  const name = findParticipant(conversation, userId)?.name;
  return name && name.trim() !== "" ? name : userId;
}

/**
 * A conversation's title: its own, else the other participants' names, else the id of a direct
 * conversation (which is the other user's id in most dialects), else `fallback`.
 */
export function titleOf(
  conversation: Conversation | undefined,
  me: string | null,
  fallback: string,
): string {
  if (!conversation) return fallback;
  if (conversation.title && conversation.title.trim() !== "") return conversation.title;
  const others = conversation.participants.filter((p) => p.id !== me);
  if (others.length > 0) return others.map((p) => p.name || p.id).join(", ");
  return conversation.kind === "direct" ? conversation.id : fallback;
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
