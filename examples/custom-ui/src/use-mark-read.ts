import type { Message } from "@parley/core";
import { useMessageActions } from "@parley/react";
import { useEffect } from "react";

/**
 * Marks the conversation read whenever a new message from someone else shows while the page
 * is visible (and when it becomes visible again): that is what sends read receipts.
 */
export function useMarkRead(id: string, messages: readonly Message[], me: string | null) {
  const { markRead } = useMessageActions();
  const lastIncoming = messages.findLast((m) => m.id !== undefined && m.senderId !== me)?.id;
  useEffect(() => {
    if (!lastIncoming || me === null) return;
    const mark = () => {
      if (document.visibilityState === "visible") markRead(id).catch(() => {});
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [id, lastIncoming, me, markRead]);
}
