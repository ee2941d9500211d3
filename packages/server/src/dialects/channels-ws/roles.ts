import type { ChatRow, SenderType } from "./store.js";

/** The seed accepts "provider" as another name for "professional". */
export function normalizeRole(role: "patient" | "professional" | "provider"): SenderType {
  return role === "provider" ? "professional" : role;
}

/**
 * The profile `userId` speaks with in `chat`: the explicit `role` when the user holds it in this
 * chat, otherwise the one the chat context gives. Null when the user may not send as `role`.
 */
export function senderTypeIn(chat: ChatRow, userId: string, role?: SenderType): SenderType | null {
  const held: SenderType[] = [];
  if (chat.patient_id === userId) held.push("patient");
  if (chat.professional_id === userId) held.push("professional");
  if (role) return held.includes(role) ? role : null;
  return held[0] ?? null;
}

export function isMember(chat: ChatRow, userId: string): boolean {
  return chat.patient_id === userId || chat.professional_id === userId;
}
