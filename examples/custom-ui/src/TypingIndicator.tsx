import { useCapabilities, useTypingUsers } from "@parley/react";
import { useNameOf } from "./names.js";

/** "Bob is typing…", where the backend has typing. */
export function TypingIndicator({ id }: { id: string }) {
  const { typing } = useCapabilities();
  const users = useTypingUsers(id);
  const nameOf = useNameOf();
  const text =
    typing && users.length > 0
      ? `${users.map(nameOf).join(", ")} ${users.length > 1 ? "are" : "is"} typing…`
      : "";
  return (
    <p className="typing" data-testid="typing" aria-live="polite">
      {text}
    </p>
  );
}
