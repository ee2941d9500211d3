import type { Message } from "@parley/core";
import { dayKey } from "../format.js";

/** One row of the virtual list: a day separator or a message with its place in a group. */
export type Row =
  | { kind: "day"; key: string; day: string; createdAt: string }
  | {
      kind: "message";
      key: string;
      message: Message;
      /** First of a run from one sender (show the name and avatar). */
      groupStart: boolean;
      /** Last of the run (show the tail and time). */
      groupEnd: boolean;
    };

/** Messages from one sender this close together form one group. */
export const GROUP_GAP_MS = 5 * 60 * 1000;

const time = (m: Message) => Date.parse(m.createdAt);

function sameGroup(a: Message, b: Message): boolean {
  if (a.senderId !== b.senderId) return false;
  const gap = time(b) - time(a);
  return Number.isFinite(gap) && Math.abs(gap) <= GROUP_GAP_MS;
}

/**
 * Rows for a thread in display order: a separator before each new local day, and each message
 * marked as the start and/or end of a run from the same sender. Row keys are stable (the message's
 * client id, the day), so the virtual list keeps measurements and scroll anchors across updates.
 */
export function buildRows(messages: readonly Message[]): Row[] {
  const rows: Row[] = [];
  let day = "";
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i] as Message;
    const previous = messages[i - 1];
    const next = messages[i + 1];
    const thisDay = dayKey(message.createdAt);
    const newDay = thisDay !== day;
    if (newDay) {
      day = thisDay;
      rows.push({ kind: "day", key: `day:${thisDay}`, day: thisDay, createdAt: message.createdAt });
    }
    const nextSameDay = next !== undefined && dayKey(next.createdAt) === thisDay;
    rows.push({
      kind: "message",
      key: message.clientId,
      message,
      groupStart: newDay || previous === undefined || !sameGroup(previous, message),
      groupEnd: !nextSameDay || next === undefined || !sameGroup(message, next),
    });
  }
  return rows;
}

/** Server id to message, for reply quotes. */
export function indexById(messages: readonly Message[]): Map<string, Message> {
  const byId = new Map<string, Message>();
  for (const m of messages) if (m.id !== undefined) byId.set(m.id, m);
  return byId;
}
