import type { Message } from "@parley/core";
import { useEffect, useRef } from "react";
import { MessageItem } from "./MessageItem.js";

/** The messages in display order, kept scrolled to the newest. */
export function MessageList({ messages, me }: { messages: readonly Message[]; me: string | null }) {
  const end = useRef<HTMLLIElement>(null);
  const count = messages.length;
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView({ block: "end" });
  }, [count]);
  return (
    <ol className="messages" aria-label="Messages">
      {messages.map((m) => (
        <MessageItem key={m.clientId} message={m} mine={m.senderId === me} />
      ))}
      <li ref={end} className="end" aria-hidden="true" />
    </ol>
  );
}
