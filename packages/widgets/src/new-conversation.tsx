import { useCapabilities, useChatClient } from "@parley/react";
import { useEffect, useRef, useState } from "react";
import { useComponent, useWidgets } from "./context.js";
import { NewConversationIcon } from "./icons.js";
import { PeoplePicker } from "./people-picker.js";
import type { NewConversationProps } from "./props.js";

/**
 * A button that opens a {@link PeoplePicker}; the person chosen gets a conversation
 * (`client.startConversation`: theirs if one exists, else a new one shown at once) and
 * `onStart` its id. Renders nothing where the backend starts no conversation by writing to a
 * person (`capabilities.createConversation`). Focus goes back to the button when the picker
 * closes, unless something took it (the opened thread).
 */
export function NewConversation({ onStart, className }: NewConversationProps) {
  const client = useChatClient();
  const { createConversation } = useCapabilities();
  const { strings } = useWidgets();
  const Picker = useComponent("PeoplePicker", PeoplePicker);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (open || !returnFocus.current) return;
    returnFocus.current = false;
    const focused = document.activeElement;
    if (focused === null || focused === document.body) button.current?.focus();
  });

  if (!createConversation) return null;
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className={className ? `parley-new-conversation ${className}` : "parley-new-conversation"}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <NewConversationIcon />
        <span>{strings.newConversation}</span>
      </button>
      {open && (
        <Picker
          title={strings.newConversation}
          onClose={close}
          onChoose={(user) => {
            close();
            onStart(client.startConversation(user.id));
          }}
        />
      )}
    </>
  );
}
