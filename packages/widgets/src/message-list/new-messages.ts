import type { Message } from "@parley/core";

/**
 * Messages from others after the one with `seenKey` (the newest the user saw at the bottom),
 * counted from the end, so a long thread costs only the new part.
 */
export function countNewSince(
  messages: readonly Message[],
  seenKey: string | null,
  me: string | null,
): number {
  if (seenKey === null) return 0;
  let count = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Message;
    if (m.clientId === seenKey) return count;
    if (m.senderId !== me && !m.deleted) count += 1;
  }
  // The seen message is gone (discarded): nothing reliable to count.
  return 0;
}
