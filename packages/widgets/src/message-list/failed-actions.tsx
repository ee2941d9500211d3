import { useMessageActions } from "@parley/react";
import { useWidgets } from "../context.js";
import type { FailedActionsProps } from "../props.js";

/**
 * Under a message that could not be sent, or that the backend could not confirm: why, and
 * buttons to retry or discard it. `data-state` is the message's status.
 */
export function FailedActions({ message }: FailedActionsProps) {
  const { strings } = useWidgets();
  const actions = useMessageActions();
  const unconfirmed = message.status === "unconfirmed";
  const label = unconfirmed ? strings.sendUnconfirmed : strings.sendFailed;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would imply a form; this is a labelled group of two buttons
    <div className="parley-failed" role="group" aria-label={label} data-state={message.status}>
      <span className="parley-failed__text">
        {label} {unconfirmed ? null : message.error?.message}
      </span>
      <button
        type="button"
        className="parley-button"
        onClick={() => actions.retry(message.clientId)}
      >
        {strings.retry}
      </button>
      <button
        type="button"
        className="parley-button"
        data-variant="danger"
        onClick={() => actions.discard(message.clientId)}
      >
        {strings.discard}
      </button>
    </div>
  );
}
