import { idRecord, own } from "./records.js";
import type { Draft } from "./reducer-draft.js";
import type { HistoryStatus } from "./state.js";
import type { StoreEvent } from "./store-events.js";

/**
 * The reducer's part for `ChatState.historyStatus` (pure, like the rest of it): set when a read
 * of a conversation's newest history failed; gone once a newest page is in (whoever read it: a
 * retry, a catch-up, the outbox's proof), and for every conversation once the backend turns out
 * to have no history at all (a capability, not a status).
 */
export function trackHistoryStatus(draft: Draft, event: StoreEvent): void {
  if (event.type === "history-unavailable") setStatus(draft, event.conversationId, event.status);
  else if ((event.type === "history" && !event.older) || event.type === "reset")
    setStatus(draft, event.conversationId, null);
  else if (event.type === "capabilities" && event.capabilities.history === false)
    draft.state = { ...draft.state, historyStatus: idRecord() };
}

function setStatus(draft: Draft, conversationId: string, status: HistoryStatus | null): void {
  const current = draft.state.historyStatus;
  if (status === null && own(current, conversationId) === undefined) return;
  const next = idRecord(current);
  if (status) next[conversationId] = status;
  else delete next[conversationId];
  draft.state = { ...draft.state, historyStatus: next };
}
