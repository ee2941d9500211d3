import { useSend, useTyping } from "@parley/react";
import { useState } from "react";

/** A text box that says "typing" as you type and sends on Enter. */
export function Composer({ id }: { id: string }) {
  const send = useSend(id);
  const { onKeystroke, stop } = useTyping(id);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.trim()) return;
        try {
          send(draft); // shown at once as pending; the outbox delivers it
          setDraft("");
          setError(null);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <input
        aria-label="Message"
        placeholder="Write a message"
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          onKeystroke();
        }}
        onBlur={stop}
      />
      <button type="submit" disabled={!draft.trim()}>
        Send
      </button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
